/** Phase 7 steps (retire the replaced release, prune) and the plan a dry run prints for phases 5 to 7. */

import path from 'node:path'

import type { ActivationContext, ReleaseSettings, ServingBefore, Activation } from './activate.js'
import { baseUrl } from './health.js'
import { backupId, readCurrentLink, readState, type TargetLayout } from './layout.js'
import { describeStop, findRunningRelease, RELEASE_ENTRY, stopRelease } from './process.js'
import { listReleaseIds, releasesToPrune, removeRelease } from './release.js'
import type { CheckOutcome, PhaseRunner } from './runner.js'

/** Stops the replaced release once the new one passed the health gate, unless it was stopped first. */
export async function stopReplacedRelease(context: ActivationContext, before: ServingBefore | undefined, activation: Activation): Promise<void> {
  const previous = before?.running
  if (!before || !previous || activation.stoppedPreviousFirst) return
  await context.runner.check('Stop previous release', async () => {
    const stop = await stopRelease(context.layout, previous, before.settings.stopGraceMs)
    return { status: stop.killed ? 'warning' : 'passed', summary: `release ${previous.release} (pid ${previous.pid}) ${describeStop(stop)} after the new release passed the health gate` }
  })
}

/** Lists the releases beyond the newest `keep`, leaving out `protectedIds` and every release that still runs. */
async function pruneCandidates(layout: TargetLayout, keep: number, protectedIds: Set<string>): Promise<{ ids: string[]; remove: string[] }> {
  const ids = await listReleaseIds(layout)
  for (const id of ids) if (await findRunningRelease(layout, id)) protectedIds.add(id)
  return { ids, remove: releasesToPrune(ids, keep, protectedIds) }
}

/** Deletes the releases beyond `keep`; the current release and the rollback point always stay. */
export async function pruneReleases(layout: TargetLayout, keep: number): Promise<CheckOutcome> {
  const state = await readState(layout)
  const protectedIds = new Set<string>()
  for (const id of [await readCurrentLink(layout), state.current?.release, state.rollbackPoint?.release]) if (id) protectedIds.add(id)
  const { ids, remove } = await pruneCandidates(layout, keep, protectedIds)
  const failures: string[] = []
  for (const id of remove) {
    try {
      await removeRelease(layout, id)
    } catch (error) {
      failures.push(`${id}: ${(error as Error).message}`)
    }
  }
  const kept = ids.length - remove.length + failures.length
  if (failures.length > 0) return { status: 'warning', summary: `could not delete ${failures.length} release(s)`, details: failures, suggestion: `Delete them by hand under ${layout.releases}.` }
  if (remove.length === 0) return { status: 'passed', summary: `${kept} release(s) kept, none beyond --keep ${keep}` }
  return { status: 'passed', summary: `deleted ${remove.length} release(s) beyond --keep ${keep}: ${remove.join(', ')}; ${kept} kept` }
}

export interface PlanOptions {
  /** Numbers of the start, health and rollback point phases: 5, 6, 7 in a deploy. */
  phases: [number, number, number]
  /** --keep of a deploy; undefined for a rollback, which prunes nothing. */
  keep?: number
  healthTimeoutSeconds: number
  environment: string
}

/** Phases 5 to 7 of a dry run: every change a real run would make, as planned checks. */
export async function planActivation(layout: TargetLayout, runner: PhaseRunner, target: ReleaseSettings, before: ServingBefore | undefined, options: PlanOptions): Promise<void> {
  const previous = before?.running
  const sharePort = previous !== undefined && previous.port === target.port
  await runner.phase(options.phases[0], 'Start', async () => {
    if (previous && sharePort) runner.planned('Stop previous release', `stop release ${previous.release} (pid ${previous.pid}) with SIGTERM before the start, because it uses port ${target.port} too`)
    if (previous && !sharePort) runner.planned('Previous release', `keep release ${previous.release} serving on port ${previous.port} until the new release is healthy`)
    runner.planned('Switch current', `point ${layout.current} at releases/${target.release}${before ? ` instead of releases/${before.settings.release}` : ''} with an atomic rename`)
    runner.planned('Start release', `start ${process.execPath} ${path.join(layout.releaseDir(target.release), RELEASE_ENTRY)} on ${target.host}:${target.port}, pid file ${layout.pidFile(target.release)}, log ${layout.logFile(target.release)}`)
  })

  await runner.phase(options.phases[1], 'Health checks', async () => {
    const url = baseUrl(target.protocol, target.host, target.port)
    const probes = target.manifest?.probes ?? { probes: [], skipped: [] }
    const operations = probes.probes.map((probe) => `${probe.method} ${probe.url}`).join(', ') || 'none'
    runner.planned('Health gate', `poll ${url}/health for up to ${options.healthTimeoutSeconds} s, then send a valid and an invalid request to ${operations}; on failure restore ${before ? `release ${before.settings.release}` : 'the empty target'}`)
  })

  await runner.phase(options.phases[2], options.keep === undefined ? 'Rollback point' : 'Backup and rollback point', async () => {
    if (previous && !sharePort) runner.planned('Stop previous release', `stop release ${previous.release} (pid ${previous.pid}) after the health gate`)
    if (before) runner.planned('Rollback point', `record ${backupId(options.environment, before.settings.release)} (releases/${before.settings.release}) as the rollback point in ${layout.state}`)
    else runner.planned('Rollback point', `record release ${target.release} as current in ${layout.state}; there is no earlier release to roll back to`)
    if (options.keep === undefined) return
    // The new release counts towards --keep, and the replaced one becomes the protected rollback point.
    const keep = options.keep
    const { remove } = await pruneCandidates(layout, Math.max(0, keep - 1), new Set(before ? [before.settings.release] : []))
    runner.planned('Prune releases', remove.length > 0 ? `delete ${remove.length} release(s) beyond --keep ${keep}: ${remove.join(', ')}` : `delete nothing: the new release and at most ${keep - 1} older ones stay within --keep ${keep}`)
  })
}
