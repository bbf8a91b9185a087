/**
 * Time and peak memory of a code generator run. Uses `/usr/bin/time -v` when present; else
 * runs the CLI inside lib/measure.mjs, which reports process.resourceUsage() at exit. The run
 * is bounded by coreutils `timeout` (when present) and by the harness.
 */

import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { run } from './processes.mjs'

const HERE = path.dirname(fileURLToPath(import.meta.url))
export const TIME_BINARY = '/usr/bin/time'
const TIMEOUT_BINARY = ['/usr/bin/timeout', '/bin/timeout'].find((candidate) => existsSync(candidate))

export function measuringTool() {
  return existsSync(TIME_BINARY) ? '/usr/bin/time -v' : 'process.resourceUsage() at exit (lib/measure.mjs)'
}

function parseTimeOutput(text) {
  const field = (label) => new RegExp(`${label}: (.+)`).exec(text)?.[1]?.trim()
  const wall = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')
  let wallSeconds
  if (wall) wallSeconds = wall.split(':').reduce((total, part) => total * 60 + Number(part), 0)
  return {
    wallSeconds,
    userSeconds: Number(field('User time \\(seconds\\)')),
    systemSeconds: Number(field('System time \\(seconds\\)')),
    maxRssKb: Number(field('Maximum resident set size \\(kbytes\\)')),
  }
}

/**
 * Runs `node script ...args` and measures it. Returns { wallSeconds, userSeconds,
 * systemSeconds, maxRssKb, code, timedOut, limitSeconds }.
 */
export async function measureNodeScript({ script, args, cwd, logFile, timeoutSeconds, resultFile }) {
  const limit = timeoutSeconds > 0 ? Math.ceil(timeoutSeconds) : undefined
  // SIGTERM first, so that `timeout` survives to reap the generator and /usr/bin/time reports its
  // CPU time and peak memory. SIGKILL follows 5 s later if the generator is still running.
  const bounded = (command) => (limit && TIMEOUT_BINARY ? [TIMEOUT_BINARY, '-k', '5', String(limit), ...command] : command)
  // The harness kills the group a little later in case `timeout` is missing or stuck.
  const backstopMs = limit ? (limit + 15) * 1000 : undefined
  rmSync(logFile, { force: true })

  if (existsSync(TIME_BINARY)) {
    // /usr/bin/time is the parent of `timeout`, so it still reports when the run is killed.
    const result = await run(TIME_BINARY, ['-v', ...bounded([process.execPath, script, ...args])], { cwd, logFile, timeoutMs: backstopMs })
    const measured = parseTimeOutput(readFileSync(logFile, 'utf8').split('Command being timed:').pop())
    // `timeout` exits with 124 when it stopped the command, and with 137 when it had to kill it.
    const timedOut = result.timedOut || /Command exited with non-zero status (124|137)|Command terminated by signal 9/.test(readFileSync(logFile, 'utf8'))
    return { ...measured, wallSeconds: measured.wallSeconds ?? result.seconds, code: result.code, timedOut, limitSeconds: limit }
  }

  rmSync(resultFile, { force: true })
  const result = await run(process.execPath, [path.join(HERE, 'measure.mjs'), resultFile, script, ...args], { cwd, logFile, timeoutMs: limit ? limit * 1000 : undefined })
  const measured = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : {}
  return { wallSeconds: result.seconds, ...measured, code: result.code, timedOut: result.timedOut, limitSeconds: limit }
}
