/**
 * Child processes of the harness. Each starts in its own process group, is remembered until it
 * exits, and is killed with its group when the harness ends, also when the harness fails.
 */

import { spawn } from 'node:child_process'
import { appendFileSync } from 'node:fs'

const running = new Set()

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is gone already.
  }
}

/** Kills every child that is still running, with its process group. */
export function killAll() {
  for (const child of running) killGroup(child, 'SIGKILL')
  running.clear()
}

let armed = false
/** Kills the children on every way out of the harness. */
export function armCleanup(extra = () => undefined) {
  if (armed) return
  armed = true
  process.on('exit', () => killAll())
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, async () => {
      process.stderr.write(`\nbench: ${signal} received, stopping every process it started\n`)
      killAll()
      await extra()
      process.exit(130)
    })
  }
}

/**
 * Starts `command` in its own process group. Standard error (and standard output unless
 * `onLine` takes it) is appended to `logFile`. Resolves `exited` with { code, signal }.
 */
export function start(command, args, { cwd, env, logFile, onLine } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  const log = (text) => {
    if (logFile) appendFileSync(logFile, text)
  }

  let pending = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (text) => {
    if (!onLine) return log(text)
    pending += text
    let newline
    while ((newline = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, newline)
      pending = pending.slice(newline + 1)
      onLine(line)
    }
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', log)

  child.exited = new Promise((resolve) => {
    child.once('error', (error) => {
      running.delete(child)
      resolve({ code: null, signal: null, error })
    })
    child.once('close', (code, signal) => {
      running.delete(child)
      if (pending && onLine) onLine(pending)
      resolve({ code, signal })
    })
  })
  return child
}

/** Sends SIGTERM, then SIGKILL to the group after `graceMs`. Resolves when the child is gone. */
export async function stop(child, graceMs = 10_000) {
  if (!running.has(child)) return child.exited
  killGroup(child, 'SIGTERM')
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs)
  const result = await child.exited
  clearTimeout(timer)
  return result
}

/** Runs a command to its end, killing its group after `timeoutMs`. Collects standard output. */
export async function run(command, args, { cwd, env, logFile, timeoutMs } = {}) {
  const lines = []
  const started = performance.now()
  const child = start(command, args, { cwd, env, logFile, onLine: (line) => lines.push(line) })
  let timedOut = false
  const timer = timeoutMs ? setTimeout(() => {
    timedOut = true
    killGroup(child, 'SIGKILL')
  }, timeoutMs) : undefined
  const result = await child.exited
  clearTimeout(timer)
  return { ...result, timedOut, stdout: lines.join('\n'), seconds: (performance.now() - started) / 1000 }
}
