/** State shared by the phases of one deploy or rollback, and the report assembled at its end. */

import { baseUrl } from './health.js'
import { backupId, readCurrentLink, readState, writeState, type DeployState, type HistoryEntry, type TargetLayout } from './layout.js'
import { findRunningRelease } from './process.js'
import { EXIT, type ExitCode, type RunReport, type RunStatus } from './report.js'
import type { PhaseRunner } from './runner.js'

export interface RunBasics {
  command: RunReport['command']
  layout: TargetLayout
  runner: PhaseRunner
  dryRun: boolean
  force: boolean
  started: number
}

/** Returns the phase that failed first, for the headline. */
export function firstFailedPhase(runner: PhaseRunner): { number: number; title: string } | undefined {
  return runner.phases.find((phase) => phase.status === 'failed')
}

/** Reads back from the target which release serves at the end of the run. */
async function currentlyServing(layout: TargetLayout, state: DeployState): Promise<RunReport['serving']> {
  const release = await readCurrentLink(layout)
  if (!release) return undefined
  const running = await findRunningRelease(layout, release)
  if (!running) return undefined
  return { release, url: baseUrl(running.protocol, running.host, running.port), pid: running.pid }
}

export async function buildReport(
  basics: RunBasics,
  result: { status: RunStatus; exitCode: ExitCode; headline: string; release?: string },
): Promise<RunReport> {
  const state = basics.dryRun ? await readState(basics.layout).catch(() => ({ history: [] }) as DeployState) : await readState(basics.layout)
  const point = state.rollbackPoint
  return {
    command: basics.command,
    target: basics.layout.root,
    dryRun: basics.dryRun,
    force: basics.force,
    status: result.status,
    exitCode: result.exitCode,
    durationMs: performance.now() - basics.started,
    headline: result.headline,
    release: result.release,
    serving: await currentlyServing(basics.layout, state),
    rollbackPoint: point ? { id: point.id, release: point.release } : undefined,
    phases: basics.runner.phases,
    plan: basics.runner.plan,
    notes: basics.runner.notes,
  }
}

/** Returns the exit code of a run that stopped before changing anything: 2 for bad input, else 1. */
export function exitForStop(runner: PhaseRunner): ExitCode {
  return runner.exitCode === EXIT.success ? EXIT.failed : runner.exitCode
}

export interface ServingChange {
  release: string
  port: number
  host: string
  /** The release replaced, which becomes the rollback point. */
  replaced?: string
  environment: string
  action: HistoryEntry['action']
}

/** Records the new serving release, the rollback point and a history entry in state.json. */
export async function recordServing(layout: TargetLayout, change: ServingChange): Promise<DeployState> {
  const state = await readState(layout)
  const now = new Date().toISOString()
  state.environment = change.environment
  state.current = { release: change.release, port: change.port, host: change.host, activatedAt: now }
  if (change.replaced && change.replaced !== change.release) {
    state.rollbackPoint = { id: backupId(change.environment, change.replaced), release: change.replaced, recordedAt: now }
  }
  state.history.push({ at: now, action: change.action, release: change.release, from: change.replaced, outcome: 'succeeded' })
  await writeState(layout, state)
  return state
}

/** Adds a history entry for a failed activation; the serving record stays as it was. */
export async function recordFailure(layout: TargetLayout, entry: Omit<HistoryEntry, 'at'>): Promise<void> {
  const state = await readState(layout)
  state.history.push({ at: new Date().toISOString(), ...entry })
  await writeState(layout, state)
}
