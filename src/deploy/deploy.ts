/**
 * `contracts deploy` as seven phases. Phases 1 to 3 only read, and phase 4 builds a new release
 * folder. Phases 5 and 6 put it into service behind the health gate, and phase 7 records the
 * rollback point and prunes. A failure in phases 4 to 6 restores what served before.
 */

import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { DEFAULT_CONFIG_FILE } from '../config-file.js'
import type { GenerateResult } from '../generator/index.js'
import type { ContractsConfig } from '../../templates/runtime/config.js'
import { findServing, healthPhase, reportReleaseLog, restorePhase, startPhase, type Activation, type ActivationContext, type ReleaseSettings, type ServingBefore } from './activate.js'
import { CommandLog } from './command-log.js'
import { resolveEffectiveConfig, type EffectiveConfig } from './effective-config.js'
import { baseUrl } from './health.js'
import { acquireLock, inspectLock, newReleaseId, readState, targetLayout, type DeployState } from './layout.js'
import { checkConfigFile, checkDependencies, checkGeneratedUpToDate, checkNodeVersion, checkPort, checkSpecs, checkTargetWritable, readPackageJson } from './preflight.js'
import { planProbes } from './probes.js'
import { checkClients, checkEviction, checkMemory, connectionFailure, describeServer, inspectRedis, type RedisInspection } from './redis-check.js'
import { assembleRelease, BuildError, compileRelease, createManifest, listReleaseIds, RELEASE_CONFIG, writeManifest, type ReleaseManifest } from './release.js'
import { EXIT, type Reporter, type RunReport } from './report.js'
import { PhaseRunner, type CheckOutcome } from './runner.js'
import { buildReport, exitForStop, firstFailedPhase, recordFailure, recordServing, type RunBasics } from './session.js'
import { planActivation, pruneReleases, stopReplacedRelease } from './finish.js'

export interface DeployOptions {
  /** The project folder: package.json, schemas/, generated/, app/, tsconfig.app.json. */
  projectDir: string
  target: string
  configFile?: string
  port?: number
  healthTimeoutSeconds: number
  keep: number
  dryRun: boolean
  force: boolean
  environment: NodeJS.ProcessEnv
  specDir: string
  outDir: string
  buildTimeoutMs: number
}

interface Deployment extends RunBasics {
  options: DeployOptions
  log: CommandLog
  configFile?: string
  before?: ServingBefore
  generation?: GenerateResult
  fileConfig?: ContractsConfig
  effective?: EffectiveConfig
  redisForced: boolean
  release?: { id: string; dir: string; manifest?: ReleaseManifest }
  unlock?: () => Promise<void>
}

const PHASES = 7

export async function deploy(options: DeployOptions, reporter: Reporter): Promise<RunReport> {
  const layout = targetLayout(options.target)
  const runner = new PhaseRunner(reporter, { force: options.force, total: PHASES })
  const configFile = options.configFile ?? (existsSync(path.join(options.projectDir, DEFAULT_CONFIG_FILE)) ? path.join(options.projectDir, DEFAULT_CONFIG_FILE) : undefined)
  const run: Deployment = {
    command: 'deploy', layout, runner, dryRun: options.dryRun, force: options.force, started: performance.now(), options,
    log: new CommandLog(options.dryRun ? undefined : layout.deployLog, (line) => reporter.detail(line)),
    configFile: configFile && path.resolve(configFile),
    redisForced: false,
  }
  try {
    return await deployPhases(run)
  } finally {
    await run.unlock?.()
  }
}

async function deployPhases(run: Deployment): Promise<RunReport> {
  const { runner } = run
  const stopped = (): Promise<RunReport> => stopBeforeChanges(run)

  if ((await runner.phase(1, 'Pre-deployment validation', () => validationPhase(run))).status === 'failed') return stopped()
  if ((await runner.phase(2, 'Configuration setup', () => configurationPhase(run))).status === 'failed') return stopped()
  if ((await runner.phase(3, 'Redis validation', () => redisPhase(run))).status === 'failed') return stopped()

  const build = await runner.phase(4, 'Spec loading and release build', () => buildPhase(run))
  if (run.dryRun) return finishDryRun(run, build.status === 'failed')
  if (build.status === 'failed') {
    if (run.release) await rm(run.release.dir, { recursive: true, force: true })
    runner.note(`The incomplete release folder ${run.release?.dir ?? ''} was removed; nothing else had changed.`)
    return stopped()
  }
  return activateRelease(run)
}

async function validationPhase(run: Deployment): Promise<void> {
  const { runner, options, layout } = run
  const manifest = await readPackageJson(options.projectDir)
  await runner.check('Node.js version', () => checkNodeVersion(manifest), { forceable: true })
  await runner.check('Dependencies', () => checkDependencies(options.projectDir, manifest), { forceable: true })
  await runner.check('Specs', async () => {
    const checked = await checkSpecs(options.specDir)
    run.generation = checked.result
    return checked.outcome
  })
  const generation = run.generation
  if (generation) await runner.check(`${options.outDir}/ up to date`, () => checkGeneratedUpToDate(options.outDir, generation), { forceable: true })
  await runner.check('Config file', () => {
    const checked = checkConfigFile(run.configFile)
    run.fileConfig = checked.config
    return checked.outcome
  })
  await runner.check('Target folder', () => checkTargetWritable(layout.root))
  await runner.check('Deploy state', () => describeState(run))
  const config = run.fileConfig
  if (config) {
    const holder = run.before?.running
    const port = options.port ?? config.server.port
    await runner.check('Port', () => checkPort(config.server.host, port, holder && holder.port === port ? holder : undefined), { forceable: true })
  }
  await runner.check('Deploy lock', () => takeLock(run))
}

async function describeState(run: Deployment): Promise<CheckOutcome> {
  const state: DeployState = await readState(run.layout)
  run.before = await findServing(run.layout, state, run.options.environment)
  const before = run.before
  const point = state.rollbackPoint ? `; rollback point ${state.rollbackPoint.id}` : ''
  if (!before) return { status: 'passed', summary: `no release is installed in ${run.layout.root} yet` }
  if (!before.running) return { status: 'passed', summary: `release ${before.settings.release} is current but not running${point}` }
  return { status: 'passed', summary: `release ${before.settings.release} serves on port ${before.running.port} (pid ${before.running.pid})${point}` }
}

async function takeLock(run: Deployment): Promise<CheckOutcome> {
  const { layout } = run
  if (run.dryRun) {
    const lock = await inspectLock(layout)
    if (lock?.alive) return { status: 'failed', summary: `another ${lock.command} (pid ${lock.pid}) holds ${layout.lock}`, suggestion: 'Wait for it to finish before deploying.' }
    return { status: 'passed', summary: `${layout.lock} is free (a real run takes it)` }
  }
  // Phase 1 is the first phase, so any failure recorded so far is one of its checks.
  if (run.runner.exitCode !== EXIT.success) return { status: 'skipped', summary: 'not taken, because an earlier check failed' }
  await mkdir(layout.root, { recursive: true })
  run.unlock = await acquireLock(layout, 'deploy')
  return { status: 'passed', summary: `took ${layout.lock}` }
}

async function configurationPhase(run: Deployment): Promise<void> {
  await run.runner.check('Effective config', () => {
    const resolved = resolveEffectiveConfig(run.configFile, run.options.environment, run.options.port)
    run.effective = resolved.effective
    return resolved.outcome
  })
}

async function redisPhase(run: Deployment): Promise<void> {
  const { runner } = run
  const config = run.effective?.config
  const redis = config?.redis
  if (!config || !redis) {
    await runner.check('Redis', () => ({ status: 'skipped', summary: 'redis is not configured, so each process keeps its limits and idempotency records in memory' }))
    return
  }
  let inspection: RedisInspection | undefined
  const connection = await runner.check('Redis connection', async () => {
    try {
      inspection = await inspectRedis(redis)
      return describeServer(inspection)
    } catch (error) {
      return connectionFailure(redis, error, run.configFile)
    }
  }, { forceable: true })
  if (connection.status === 'forced') run.redisForced = true
  const found = inspection
  if (!found) return
  await runner.check('Eviction policy', () => checkEviction(found, config), { forceable: true })
  await runner.check('Clients', () => checkClients(found, config), { forceable: true })
  await runner.check('Memory', () => checkMemory(found, config), { forceable: true })
}

async function buildPhase(run: Deployment): Promise<void> {
  const { runner, options, layout } = run
  const id = newReleaseId(new Set(await listReleaseIds(layout)))
  const dir = run.dryRun ? path.join(await mkdtemp(path.join(os.tmpdir(), 'contracts-dry-run-')), id) : layout.releaseDir(id)
  run.release = { id, dir }
  try {
    const compiled = await runner.check('Compile', async () => {
      try {
        const result = await compileRelease(options.projectDir, dir, run.log, options.buildTimeoutMs)
        return { status: 'passed', summary: `tsc -p tsconfig.app.json into ${path.join(dir, 'dist-app')} in ${(result.durationMs / 1000).toFixed(1)} s` }
      } catch (error) {
        if (!(error instanceof BuildError)) throw error
        return { status: 'failed', summary: error.message, details: error.output, suggestion: 'Fix the errors above; `npx tsc -p tsconfig.app.json` shows them too.' }
      }
    })
    if (compiled.status === 'failed') return
    await runner.check('Assemble release', () => assemble(run, dir))
    await runner.check('Manifest', () => manifestFor(run, id, dir))
    if (run.dryRun) runner.planned('Install release', `create ${layout.releaseDir(id)} with the files just built in a temporary folder (the real id is the UTC time of the real run)`)
  } finally {
    if (run.dryRun) await rm(path.dirname(dir), { recursive: true, force: true })
  }
}

async function assemble(run: Deployment, dir: string): Promise<CheckOutcome> {
  const modules = await assembleRelease(run.options.projectDir, dir, run.configFile)
  const files = await readdir(dir)
  const config = run.configFile ? `${RELEASE_CONFIG} (from ${run.configFile})` : 'no config file (built-in defaults)'
  return {
    status: 'passed',
    summary: `${files.join(', ')}; ${config}; node_modules symlinked to ${modules}`,
    details: ['node_modules is a symlink, not an `npm ci --omit=dev` copy: the release runs the versions phase 1 checked and needs no registry, but the project folder must stay in place.'],
  }
}

async function manifestFor(run: Deployment, id: string, dir: string): Promise<CheckOutcome> {
  const specs = run.generation?.specs ?? []
  const probes = planProbes(specs)
  const manifest = await createManifest({
    projectDir: run.options.projectDir, release: id, environment: run.effective?.config.environment ?? 'development', specs,
    configFile: run.configFile, nodeModules: path.join(dir, 'node_modules'), probes,
  })
  await writeManifest(dir, manifest)
  if (run.release) run.release.manifest = manifest
  const git = manifest.git ? `git ${manifest.git.commit.slice(0, 12)}${manifest.git.dirty ? ' with uncommitted changes' : ''}` : 'no git commit available'
  return {
    status: 'passed',
    summary: `${manifest.specs.length} specs, ${git}, ${probes.probes.length} operations to probe`,
    details: manifest.specs.map((spec) => `${spec.file}: ${spec.title} ${spec.version}, sha256 ${spec.sha256}`),
  }
}

function targetSettings(run: Deployment): ReleaseSettings {
  const config = run.effective?.config as ContractsConfig
  const release = run.release as { id: string; dir: string; manifest?: ReleaseManifest }
  return {
    release: release.id,
    manifest: release.manifest,
    port: run.effective?.port ?? config.server.port,
    host: config.server.host,
    protocol: config.server.tls ? 'https' : 'http',
    configFile: run.configFile ? path.join(release.dir, RELEASE_CONFIG) : undefined,
    maxValidationTimeMs: config.validation.maxValidationTimeMs,
    stopGraceMs: config.server.shutdownTimeoutMs + 5000,
  }
}

function activationContext(run: Deployment): ActivationContext {
  return { layout: run.layout, runner: run.runner, environment: run.options.environment, healthTimeoutMs: run.options.healthTimeoutSeconds * 1000, acceptDegraded: run.redisForced }
}

async function activateRelease(run: Deployment): Promise<RunReport> {
  const { runner } = run
  const context = activationContext(run)
  const target = targetSettings(run)
  const activation: Activation = { stoppedPreviousFirst: false, switched: false }

  let failed = (await runner.phase(5, 'Start', () => startPhase(context, target, run.before, activation))).status === 'failed'
  if (!failed) failed = (await runner.phase(6, 'Health checks', () => healthPhase(context, target, activation.started?.exited))).status === 'failed'
  await reportReleaseLog(runner, activation.started, failed)
  if (failed) return rollBack(run, context, target, activation)

  await runner.phase(7, 'Backup and rollback point', async () => {
    await stopReplacedRelease(context, run.before, activation)
    await runner.check('Rollback point', async () => {
      const state = await recordServing(run.layout, { release: target.release, port: target.port, host: target.host, replaced: run.before?.settings.release, environment: run.effective?.config.environment ?? 'development', action: 'deploy' })
      if (!run.before) return { status: 'skipped', summary: 'first release on this target: there is no earlier release to roll back to' }
      return { status: 'passed', summary: `${state.rollbackPoint?.id} -> releases/${run.before.settings.release}` }
    })
    await runner.check('Prune releases', () => pruneReleases(run.layout, run.options.keep))
  })
  const url = baseUrl(target.protocol, target.host, target.port)
  const headline = `Deployed release ${target.release}: it serves ${url}.`
  return buildReport(run, { status: 'succeeded', exitCode: EXIT.success, headline, release: target.release })
}

async function rollBack(run: Deployment, context: ActivationContext, target: ReleaseSettings, activation: Activation): Promise<RunReport> {
  const failedPhase = firstFailedPhase(run.runner)
  const restored = await restorePhase(context, target, run.before, activation)
  const previous = run.before?.settings.release
  const failure = `Deployment of release ${target.release} failed in phase ${failedPhase?.number} (${failedPhase?.title})`
  await recordFailure(run.layout, { action: 'deploy', release: target.release, from: previous, outcome: restored ? 'rolled-back' : 'rollback-failed' })
  if (!restored) {
    const headline = `${failure}, and restoring ${previous ? `release ${previous}` : 'the previous state'} failed too: the API may be down. Read ${run.layout.logs} and run \`contracts rollback --target ${run.layout.root}\` once the cause is fixed.`
    return buildReport(run, { status: 'rollback-failed', exitCode: EXIT.rollbackFailed, headline, release: target.release })
  }
  return buildReport(run, { status: 'rolled-back', exitCode: EXIT.failed, headline: `${failure} and was rolled back: ${describeRestored(run.before)}.`, release: target.release })
}

function describeRestored(before: ServingBefore | undefined): string {
  if (!before) return 'no release served before and none serves now'
  if (before.running) return `release ${before.settings.release} serves again`
  return `current points at release ${before.settings.release} again (it was not running before)`
}

async function stopBeforeChanges(run: Deployment): Promise<RunReport> {
  const failed = firstFailedPhase(run.runner)
  const serving = run.before?.running ? `: release ${run.before.settings.release} still serves` : ''
  const headline = `Deployment stopped in phase ${failed?.number} (${failed?.title}); nothing was changed${serving}.`
  return buildReport(run, { status: 'failed', exitCode: exitForStop(run.runner), headline })
}

async function finishDryRun(run: Deployment, buildFailed: boolean): Promise<RunReport> {
  const { runner } = run
  if (buildFailed) {
    return buildReport(run, { status: 'failed', exitCode: exitForStop(runner), headline: 'Dry run: the release build failed, so a deploy would stop in phase 4 and change nothing.' })
  }
  const target = targetSettings(run)
  await planActivation(run.layout, runner, target, run.before, { phases: [5, 6, 7], keep: run.options.keep, healthTimeoutSeconds: run.options.healthTimeoutSeconds, environment: run.effective?.config.environment ?? 'development' })
  const url = baseUrl(target.protocol, target.host, target.port)
  const forced = runner.phases.some((phase) => phase.checks.some((check) => check.status === 'forced'))
  const headline = `Dry run passed${forced ? ' with checks skipped by --force' : ''}: a deploy would install a new release in ${run.layout.root} and serve it on ${url}. Nothing was changed.`
  return buildReport(run, { status: 'succeeded', exitCode: EXIT.success, headline })
}
