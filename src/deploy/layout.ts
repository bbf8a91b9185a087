/**
 * The target folder of a deployment:
 *
 *   TARGET/releases/<id>/   one self-contained release per deploy (id: UTC time, 20250314T092653Z)
 *   TARGET/current          symlink to the serving release, replaced by an atomic rename
 *   TARGET/run/<id>.pid     pid of a running release; <id>.json adds its port and log file
 *   TARGET/logs/<id>.log    standard output and error of that release
 *   TARGET/logs/deploy.log  output of the builds, one section per deploy
 *   TARGET/state.json       serving release, rollback point and history
 *   TARGET/deploy.lock      present while a deploy or rollback runs
 */

import { randomBytes } from 'node:crypto'
import { open, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { ContractsError } from '../errors.js'
import { isProcessAlive } from './process.js'

export interface TargetLayout {
  root: string
  releases: string
  current: string
  run: string
  logs: string
  state: string
  lock: string
  deployLog: string
  releaseDir(id: string): string
  pidFile(id: string): string
  processFile(id: string): string
  logFile(id: string): string
}

export function targetLayout(root: string): TargetLayout {
  const absolute = path.resolve(root)
  return {
    root: absolute,
    releases: path.join(absolute, 'releases'),
    current: path.join(absolute, 'current'),
    run: path.join(absolute, 'run'),
    logs: path.join(absolute, 'logs'),
    state: path.join(absolute, 'state.json'),
    lock: path.join(absolute, 'deploy.lock'),
    deployLog: path.join(absolute, 'logs', 'deploy.log'),
    releaseDir: (id) => path.join(absolute, 'releases', id),
    pidFile: (id) => path.join(absolute, 'run', `${id}.pid`),
    processFile: (id) => path.join(absolute, 'run', `${id}.json`),
    logFile: (id) => path.join(absolute, 'logs', `${id}.log`),
  }
}

export const RELEASE_ID = /^\d{8}T\d{6}Z(?:-\d+)?$/

/** Creates a release id from the UTC time, with `-2`, `-3` appended when that second is taken. */
export function newReleaseId(existing: ReadonlySet<string>, now = new Date()): string {
  const base = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')
  let id = base
  for (let suffix = 2; existing.has(id); suffix += 1) id = `${base}-${suffix}`
  return id
}

/** Builds the rollback point name of a release, `api_contracts_<environment>_<release id>`. */
export function backupId(environment: string, releaseId: string): string {
  return `api_contracts_${environment.replace(/[^A-Za-z0-9-]/g, '-')}_${releaseId}`
}

/** Extracts the release id from a release id or a backup id; undefined when it is neither. */
export function releaseIdOf(reference: string): string | undefined {
  if (RELEASE_ID.test(reference)) return reference
  const match = /^api_contracts_.+_(\d{8}T\d{6}Z(?:-\d+)?)$/.exec(reference)
  return match?.[1]
}

export interface ServingRecord {
  release: string
  port: number
  host: string
  activatedAt: string
}

export interface HistoryEntry {
  at: string
  action: 'deploy' | 'rollback' | 'automatic-rollback'
  release: string
  from?: string
  outcome: 'succeeded' | 'rolled-back' | 'rollback-failed'
}

export interface DeployState {
  environment?: string
  current?: ServingRecord
  rollbackPoint?: { id: string; release: string; recordedAt: string }
  history: HistoryEntry[]
}

const MAX_HISTORY = 100

export async function readState(layout: TargetLayout): Promise<DeployState> {
  let text: string
  try {
    text = await readFile(layout.state, 'utf8')
  } catch {
    return { history: [] }
  }
  try {
    const parsed = JSON.parse(text) as DeployState
    return { ...parsed, history: Array.isArray(parsed.history) ? parsed.history : [] }
  } catch (error) {
    throw new ContractsError('CONTRACTS_DEPLOY_STATE', `${layout.state} is not valid JSON: ${(error as Error).message}`, {
      location: { file: layout.state },
      suggestions: ['Restore the file from a backup, or delete it: the next deploy then starts without a rollback point.'],
    })
  }
}

/** Writes state.json through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeState(layout: TargetLayout, state: DeployState): Promise<void> {
  const trimmed = { ...state, history: state.history.slice(-MAX_HISTORY) }
  const temporary = `${layout.state}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temporary, JSON.stringify(trimmed, null, 2) + '\n')
  await rename(temporary, layout.state)
}

/** Reads the release id that `current` points to; undefined when there is no link. */
export async function readCurrentLink(layout: TargetLayout): Promise<string | undefined> {
  try {
    return path.basename(await readlink(layout.current))
  } catch {
    return undefined
  }
}

/**
 * Points `current` at a release by renaming a new symlink over it: rename(2) replaces the old
 * link in one step, so a reader sees either the old or the new release, never no link.
 */
export async function switchCurrent(layout: TargetLayout, releaseId: string | undefined): Promise<void> {
  if (releaseId === undefined) {
    await rm(layout.current, { force: true })
    return
  }
  const temporary = `${layout.current}.${randomBytes(4).toString('hex')}.tmp`
  await symlink(path.join('releases', releaseId), temporary, 'dir')
  try {
    await rename(temporary, layout.current)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

export interface LockInfo {
  pid: number
  command: string
  startedAt: string
  alive: boolean
}

export async function inspectLock(layout: TargetLayout): Promise<LockInfo | undefined> {
  let text: string
  try {
    text = await readFile(layout.lock, 'utf8')
  } catch {
    return undefined
  }
  const parsed = JSON.parse(text || '{}') as Partial<LockInfo>
  const pid = Number(parsed.pid)
  return { pid, command: String(parsed.command ?? 'unknown'), startedAt: String(parsed.startedAt ?? 'unknown'), alive: Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) }
}

/**
 * Creates deploy.lock so two deploys or rollbacks never run on one target at once. A lock left
 * by a process that no longer exists is taken over. Returns the function that releases it.
 */
export async function acquireLock(layout: TargetLayout, command: string): Promise<() => Promise<void>> {
  const existing = await inspectLock(layout)
  if (existing?.alive) {
    throw new ContractsError('CONTRACTS_DEPLOY_LOCKED', `Another ${existing.command} (pid ${existing.pid}, started ${existing.startedAt}) is running on ${layout.root}`, {
      location: { file: layout.lock },
      suggestions: [`Wait for it to finish. If pid ${existing.pid} is not a contracts process, delete ${layout.lock}.`],
    })
  }
  if (existing) await rm(layout.lock, { force: true })

  const handle = await open(layout.lock, 'wx')
  await handle.writeFile(JSON.stringify({ pid: process.pid, command, startedAt: new Date().toISOString() }))
  await handle.close()
  return () => rm(layout.lock, { force: true })
}
