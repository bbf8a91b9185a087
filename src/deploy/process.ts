/**
 * Process control of releases: start one detached with its pid file and log file, find out
 * whether a recorded release still runs, and stop one gracefully (SIGTERM, then SIGKILL).
 */

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { execa } from 'execa'

import type { TargetLayout } from './layout.js'

/** The entry point of a release, relative to its folder. */
export const RELEASE_ENTRY = path.join('dist-app', 'app', 'main.js')

/** Contents of run/<id>.json for a started release. */
export interface ProcessRecord {
  release: string
  pid: number
  port: number
  host: string
  protocol: 'http' | 'https'
  startedAt: string
  logFile: string
}

export interface ExitInfo {
  code?: number
  signal?: string
}

export interface StartedRelease {
  record: ProcessRecord
  /** Exit code or signal once the process ended while this CLI still runs; undefined before. */
  exited(): ExitInfo | undefined
  /** Byte offset of the log file when the process started, for reading only its own output. */
  logOffset: number
}

/** True while `pid` exists and is not a zombie. EPERM means it exists under another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  if (process.platform !== 'linux') return true
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').charAt(0)
    return state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}

/**
 * Checks that `pid` runs the entry of `releaseDir`. On Linux the command line is read from
 * /proc, so a pid that another program reused after a reboot does not count. Elsewhere only
 * liveness is checked.
 */
export function isReleaseProcess(pid: number, releaseDir: string): boolean {
  if (!isProcessAlive(pid)) return false
  if (process.platform !== 'linux') return true
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path.join(releaseDir, RELEASE_ENTRY))
  } catch {
    return false
  }
}

export async function readProcessRecord(layout: TargetLayout, release: string): Promise<ProcessRecord | undefined> {
  try {
    return JSON.parse(await readFile(layout.processFile(release), 'utf8')) as ProcessRecord
  } catch {
    return undefined
  }
}

/** Returns the record of `release` when its recorded process still runs that release. */
export async function findRunningRelease(layout: TargetLayout, release: string): Promise<ProcessRecord | undefined> {
  const record = await readProcessRecord(layout, release)
  if (!record || !isReleaseProcess(record.pid, layout.releaseDir(release))) return undefined
  return record
}

export interface StartOptions {
  release: string
  port: number
  host: string
  protocol: 'http' | 'https'
  /** Absolute path of the config file inside the release, when it has one. */
  configFile?: string
  /** The environment the server gets; HOST, PORT and CONTRACTS_CONFIG are set from the options. */
  environment: NodeJS.ProcessEnv
}

/** Environment of a release process: the caller's, with the place to listen and the config fixed. */
export function releaseEnvironment(options: StartOptions): Record<string, string> {
  const environment: Record<string, string> = {}
  for (const [name, value] of Object.entries(options.environment)) if (value !== undefined) environment[name] = value
  delete environment.CONTRACTS_CONFIG
  environment.PORT = String(options.port)
  environment.HOST = options.host
  if (options.configFile) environment.CONTRACTS_CONFIG = options.configFile
  return environment
}

/**
 * Starts `node <release>/dist-app/app/main.js` detached, with its output appended to
 * logs/<id>.log, and writes run/<id>.pid and run/<id>.json. The process outlives this CLI:
 * execa's cleanup is off and the child is unreferenced. The caller bounds the start-up time
 * with the health gate and stops the process when it does not become healthy.
 */
export async function startRelease(layout: TargetLayout, options: StartOptions): Promise<StartedRelease> {
  await mkdir(layout.run, { recursive: true })
  await mkdir(layout.logs, { recursive: true })
  const logFile = layout.logFile(options.release)
  const releaseDir = layout.releaseDir(options.release)

  const log = openSync(logFile, 'a')
  const logOffset = (await stat(logFile)).size
  writeSync(log, `\n=== ${new Date().toISOString()} starting release ${options.release} on ${options.host}:${options.port} ===\n`)
  let exit: ExitInfo | undefined
  try {
    const child = execa(process.execPath, [path.join(releaseDir, RELEASE_ENTRY)], {
      cwd: releaseDir,
      env: releaseEnvironment(options),
      extendEnv: false,
      detached: true,
      cleanup: false,
      stdin: 'ignore',
      // execa hands a file descriptor number straight to spawn(). The server then writes to the
      // log file itself and keeps writing after this CLI exits. execa's types list only 1 and 2.
      stdout: log as 1,
      stderr: log as 2,
      reject: false,
    })
    child.unref()
    void child.then((result) => {
      exit = { code: result.exitCode, signal: result.signal }
    })
    if (child.pid === undefined) throw new Error(`node could not start ${path.join(releaseDir, RELEASE_ENTRY)}`)

    const record: ProcessRecord = { release: options.release, pid: child.pid, port: options.port, host: options.host, protocol: options.protocol, startedAt: new Date().toISOString(), logFile }
    await writeFile(layout.pidFile(options.release), `${child.pid}\n`)
    await writeFile(layout.processFile(options.release), JSON.stringify(record, null, 2) + '\n')
    return { record, exited: () => exit, logOffset }
  } finally {
    closeSync(log)
  }
}

export interface StopResult {
  /** False when the process was not running any more. */
  wasRunning: boolean
  /** True when SIGTERM did not end it within the grace period and SIGKILL did. */
  killed: boolean
  durationMs: number
}

/** Describes how a stop went, for check summaries. */
export function describeStop(stop: StopResult): string {
  if (!stop.wasRunning) return 'had already exited'
  if (stop.killed) return 'did not stop on SIGTERM and was killed'
  return 'stopped on SIGTERM'
}

/** Sends SIGTERM, waits up to `graceMs` for a graceful exit, then SIGKILL; removes the pid files. */
export async function stopRelease(layout: TargetLayout, record: ProcessRecord, graceMs: number): Promise<StopResult> {
  const started = performance.now()
  const running = isReleaseProcess(record.pid, layout.releaseDir(record.release))
  let killed = false
  if (running) {
    signal(record.pid, 'SIGTERM')
    if (!(await waitForExit(record.pid, graceMs))) {
      killed = true
      signal(record.pid, 'SIGKILL')
      await waitForExit(record.pid, 5000)
    }
  }
  await removeProcessFiles(layout, record.release)
  return { wasRunning: running, killed, durationMs: performance.now() - started }
}

export async function removeProcessFiles(layout: TargetLayout, release: string): Promise<void> {
  await rm(layout.pidFile(release), { force: true })
  await rm(layout.processFile(release), { force: true })
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return true
}

/** Reads the last `count` lines that a release wrote to its log after byte `offset`. */
export async function readLogTail(logFile: string, offset: number, count: number): Promise<string[]> {
  try {
    const content = (await readFile(logFile)).subarray(offset).toString('utf8')
    return content.split('\n').filter((line) => line.trim() !== '').slice(-count)
  } catch {
    return []
  }
}
