/**
 * `contracts rollback`: puts an installed release back into service behind the same health
 * gate as a deploy, and restores what was serving when that release is not healthy.
 */

import { existsSync } from 'node:fs'
import path from 'node:path'

import { ContractsError } from '../errors.js'
import { findServing, healthPhase, releaseSettings, reportReleaseLog, restorePhase, startPhase, type Activation, type ActivationContext, type ReleaseSettings, type ServingBefore } from './activate.js'
import { planActivation, stopReplacedRelease } from './finish.js'
import { baseUrl } from './health.js'
import { acquireLock, backupId, inspectLock, readCurrentLink, readState, releaseIdOf, targetLayout, type DeployState, type TargetLayout } from './layout.js'
import { checkPort } from './preflight.js'
import { findRunningRelease, RELEASE_ENTRY, type ProcessRecord } from './process.js'
import { listReleaseIds, readManifest, type ReleaseManifest } from './release.js'
import { EXIT, type Reporter, type RunReport } from './report.js'
import { PhaseRunner, type CheckOutcome } from './runner.js'
import { buildReport, exitForStop, firstFailedPhase, recordFailure, recordServing, type RunBasics } from './session.js'

export interface RollbackOptions {
  target: string
  /** Release id or backup id; the recorded rollback point when absent. */
  to?: string
  port?: number
  healthTimeoutSeconds: number
  dryRun: boolean
  force: boolean
  environment: NodeJS.ProcessEnv
}

interface RollbackRun extends RunBasics {
  options: RollbackOptions
  state?: DeployState
  before?: ServingBefore
  settings?: ReleaseSettings
  unlock?: () => Promise<void>
}

const PHASES = 4

export async function rollback(options: RollbackOptions, reporter: Reporter): Promise<RunReport> {
  const layout = targetLayout(options.target)
  const runner = new PhaseRunner(reporter, { force: options.force, total: PHASES })
  const run: RollbackRun = { command: 'rollback', layout, runner, dryRun: options.dryRun, force: options.force, started: performance.now(), options }
  try {
    const selected = await runner.phase(1, 'Release selection', () => selectionPhase(run))
    if (selected.status === 'failed' || !run.settings) {
      const failed = firstFailedPhase(runner)
      return buildReport(run, { status: 'failed', exitCode: exitForStop(runner), headline: `Rollback stopped in phase ${failed?.number ?? 1} (${failed?.title ?? 'Release selection'}); nothing was changed.` })
    }
    if (run.dryRun) return finishDryRun(run, run.settings)
    return await activate(run, run.settings)
  } finally {
    await run.unlock?.()
  }
}

async function selectionPhase(run: RollbackRun): Promise<void> {
  const { runner, layout, options } = run
  await runner.check('Deploy state', async () => {
    run.state = await readState(layout)
    run.before = await findServing(layout, run.state, options.environment)
    if (!run.before) return { status: 'passed', summary: `no release is current in ${layout.root}` }
    const running = run.before.running
    return { status: 'passed', summary: `release ${run.before.settings.release} is current${running ? ` and serves on port ${running.port} (pid ${running.pid})` : ' but not running'}` }
  })
  const state = run.state
  if (!state) return
  const chosen = await runner.check('Release', () => chooseRelease(run, state))
  if (chosen.status === 'failed' || !run.settings) return
  const settings = run.settings
  const holder = run.before?.running
  await runner.check('Port', () => checkPort(settings.host, settings.port, holder && holder.port === settings.port ? holder : undefined), { forceable: true })
  await runner.check('Deploy lock', () => takeLock(run))
}

async function chooseRelease(run: RollbackRun, state: DeployState): Promise<CheckOutcome> {
  const { layout, options } = run
  const reference = options.to ?? state.rollbackPoint?.id
  if (!reference) {
    return { status: 'failed', summary: `${layout.state} records no rollback point`, suggestion: `Pass --to with a release id; \`contracts rollback --list --target ${layout.root}\` lists them.`, exitCode: EXIT.usage }
  }
  const release = releaseIdOf(reference)
  if (!release || !existsSync(layout.releaseDir(release))) {
    return { status: 'failed', summary: `${reference} is not a release installed in ${layout.releases}`, suggestion: `Pick one from \`contracts rollback --list --target ${layout.root}\`.`, exitCode: EXIT.usage }
  }
  if (!existsSync(path.join(layout.releaseDir(release), RELEASE_ENTRY))) {
    return { status: 'failed', summary: `release ${release} has no ${RELEASE_ENTRY}: its build did not finish`, suggestion: 'Pick another release.', exitCode: EXIT.usage }
  }
  if (run.before?.running && run.before.settings.release === release) {
    return { status: 'failed', summary: `release ${release} already serves on port ${run.before.running.port}`, suggestion: 'Pick another release with --to.', exitCode: EXIT.usage }
  }
  const port = options.port ?? run.before?.running?.port ?? run.before?.settings.port
  run.settings = await releaseSettings(layout, release, options.environment, port)
  const manifest = run.settings.manifest
  const built = manifest ? `built ${manifest.builtAt}${manifest.git ? ` from git ${manifest.git.commit.slice(0, 12)}` : ''}` : 'no manifest, so no smoke requests'
  return { status: manifest ? 'passed' : 'warning', summary: `release ${release} (${backupId(manifest?.environment ?? state.environment ?? 'development', release)}), ${built}, port ${run.settings.port}` }
}

async function takeLock(run: RollbackRun): Promise<CheckOutcome> {
  if (run.dryRun) {
    const lock = await inspectLock(run.layout)
    if (lock?.alive) return { status: 'failed', summary: `another ${lock.command} (pid ${lock.pid}) holds ${run.layout.lock}` }
    return { status: 'passed', summary: `${run.layout.lock} is free (a real run takes it)` }
  }
  if (run.runner.exitCode !== EXIT.success) return { status: 'skipped', summary: 'not taken, because an earlier check failed' }
  run.unlock = await acquireLock(run.layout, 'rollback')
  return { status: 'passed', summary: `took ${run.layout.lock}` }
}

async function activate(run: RollbackRun, target: ReleaseSettings): Promise<RunReport> {
  const { runner, layout, options } = run
  const context: ActivationContext = { layout, runner, environment: options.environment, healthTimeoutMs: options.healthTimeoutSeconds * 1000, acceptDegraded: options.force }
  const activation: Activation = { stoppedPreviousFirst: false, switched: false }

  let failed = (await runner.phase(2, 'Start', () => startPhase(context, target, run.before, activation))).status === 'failed'
  if (!failed) failed = (await runner.phase(3, 'Health checks', () => healthPhase(context, target, activation.started?.exited))).status === 'failed'
  await reportReleaseLog(runner, activation.started, failed)
  const previous = run.before?.settings.release

  if (failed) {
    const restored = await restorePhase(context, target, run.before, activation)
    await recordFailure(layout, { action: 'rollback', release: target.release, from: previous, outcome: restored ? 'rolled-back' : 'rollback-failed' })
    const failure = `Release ${target.release} did not pass the health gate`
    if (!restored) return buildReport(run, { status: 'rollback-failed', exitCode: EXIT.rollbackFailed, headline: `${failure}, and restoring ${previous ? `release ${previous}` : 'the previous state'} failed too: the API may be down. Read ${layout.logs}.`, release: target.release })
    const now = run.before?.running ? `release ${previous} serves again` : 'what was there before is back in place'
    return buildReport(run, { status: 'rolled-back', exitCode: EXIT.failed, headline: `${failure}; ${now}.`, release: target.release })
  }

  await runner.phase(4, 'Rollback point', async () => {
    await stopReplacedRelease(context, run.before, activation)
    await runner.check('Record', async () => {
      const state = await recordServing(layout, { release: target.release, port: target.port, host: target.host, replaced: previous, environment: target.manifest?.environment ?? run.state?.environment ?? 'development', action: 'rollback' })
      return { status: 'passed', summary: `release ${target.release} is current${state.rollbackPoint ? `; rollback point now ${state.rollbackPoint.id}` : ''}` }
    })
  })
  const headline = `Rolled back to release ${target.release}: it serves ${baseUrl(target.protocol, target.host, target.port)}.`
  return buildReport(run, { status: 'succeeded', exitCode: EXIT.success, headline, release: target.release })
}

async function finishDryRun(run: RollbackRun, target: ReleaseSettings): Promise<RunReport> {
  const { runner, layout } = run
  await planActivation(layout, runner, target, run.before, { phases: [2, 3, 4], healthTimeoutSeconds: run.options.healthTimeoutSeconds, environment: target.manifest?.environment ?? 'development' })
  const headline = `Dry run passed: a rollback would serve release ${target.release} on ${baseUrl(target.protocol, target.host, target.port)}. Nothing was changed.`
  return buildReport(run, { status: 'succeeded', exitCode: EXIT.success, headline, release: target.release })
}

export interface ReleaseListing {
  release: string
  backupId: string
  builtAt?: string
  git?: ReleaseManifest['git']
  specs: { title: string; version: string }[]
  current: boolean
  rollbackPoint: boolean
  running?: Pick<ProcessRecord, 'pid' | 'port' | 'host'>
  /** The outcome of the last deploy or rollback that installed it, from the history. */
  lastOutcome?: string
}

/** Lists the installed releases, newest first, with their state.json records and running processes. */
export async function listReleases(target: string): Promise<{ layout: TargetLayout; releases: ReleaseListing[] }> {
  const layout = targetLayout(target)
  if (!existsSync(layout.root)) throw new ContractsError('CONTRACTS_RELEASE_NOT_FOUND', `${layout.root} does not exist`, { suggestions: ['Pass the folder you deployed to with --target.'] })
  const state = await readState(layout)
  const current = await readCurrentLink(layout)
  const releases: ReleaseListing[] = []
  for (const id of (await listReleaseIds(layout)).reverse()) {
    const manifest = await readManifest(layout.releaseDir(id))
    const running = await findRunningRelease(layout, id)
    const last = [...state.history].reverse().find((entry) => entry.release === id)
    releases.push({
      release: id,
      backupId: backupId(manifest?.environment ?? state.environment ?? 'development', id),
      builtAt: manifest?.builtAt,
      git: manifest?.git,
      specs: (manifest?.specs ?? []).map((spec) => ({ title: spec.title, version: spec.version })),
      current: id === current,
      rollbackPoint: id === state.rollbackPoint?.release,
      running: running && { pid: running.pid, port: running.port, host: running.host },
      lastOutcome: last ? `${last.action} ${last.outcome}` : undefined,
    })
  }
  return { layout, releases }
}
