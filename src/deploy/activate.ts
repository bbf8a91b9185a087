/**
 * Puts a release into service for both deploy and rollback. The old release is stopped first when
 * both need the same port. Then `current` is switched, the new release starts and the health gate
 * runs. When any of that fails, the restore puts back what served before.
 */

import { existsSync } from 'node:fs'
import path from 'node:path'

import { ConfigError, loadConfig } from '../../templates/runtime/config.js'
import { baseUrl, latencyOutcome, probeOperation, skippedProbeOutcome, waitForHealthy } from './health.js'
import { readCurrentLink, switchCurrent, type DeployState, type TargetLayout } from './layout.js'
import { describeStop, findRunningRelease, readLogTail, removeProcessFiles, startRelease, stopRelease, type ProcessRecord, type StartedRelease } from './process.js'
import { readManifest, RELEASE_CONFIG, type ReleaseManifest } from './release.js'
import type { PhaseRunner } from './runner.js'

/** Extra time a release gets to exit after its own server.shutdown_timeout_seconds. */
const STOP_MARGIN_MS = 5000

/** How to run one release: its manifest and where it listens. */
export interface ReleaseSettings {
  release: string
  manifest?: ReleaseManifest
  port: number
  host: string
  protocol: 'http' | 'https'
  configFile?: string
  maxValidationTimeMs: number
  stopGraceMs: number
}

/** The release that served before this run, and its process when it still runs. */
export interface ServingBefore {
  settings: ReleaseSettings
  running?: ProcessRecord
}

export interface ActivationContext {
  layout: TargetLayout
  runner: PhaseRunner
  environment: NodeJS.ProcessEnv
  healthTimeoutMs: number
  /** Accept /health `degraded` (Redis down): only when --force accepted a failed Redis check. */
  acceptDegraded: boolean
}

export interface Activation {
  started?: StartedRelease
  /** The previous release was stopped before the start because both use one port. */
  stoppedPreviousFirst: boolean
  switched: boolean
}

/**
 * Reads the settings of an installed release from its own config copy and the environment.
 * `port` wins over the config; a config that no longer loads falls back to the defaults it needs.
 */
export async function releaseSettings(layout: TargetLayout, release: string, environment: NodeJS.ProcessEnv, port?: number): Promise<ReleaseSettings> {
  const releaseDir = layout.releaseDir(release)
  const configFile = path.join(releaseDir, RELEASE_CONFIG)
  const file = existsSync(configFile) ? configFile : undefined
  let server = { host: '127.0.0.1', port: 8000, tls: false, shutdownTimeoutMs: 10_000 }
  let maxValidationTimeMs = 10
  try {
    const config = loadConfig(file, environment)
    server = { host: config.server.host, port: config.server.port, tls: config.server.tls !== undefined, shutdownTimeoutMs: config.server.shutdownTimeoutMs }
    maxValidationTimeMs = config.validation.maxValidationTimeMs
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
  }
  return {
    release,
    manifest: await readManifest(releaseDir),
    port: port ?? server.port,
    host: server.host,
    protocol: server.tls ? 'https' : 'http',
    configFile: file,
    maxValidationTimeMs,
    stopGraceMs: server.shutdownTimeoutMs + STOP_MARGIN_MS,
  }
}

/** Finds the release `current` points to, with the port it last ran on and its process if alive. */
export async function findServing(layout: TargetLayout, state: DeployState, environment: NodeJS.ProcessEnv): Promise<ServingBefore | undefined> {
  const release = (await readCurrentLink(layout)) ?? state.current?.release
  if (!release || !existsSync(layout.releaseDir(release))) return undefined
  const running = await findRunningRelease(layout, release)
  const recordedPort = running?.port ?? (state.current?.release === release ? state.current.port : undefined)
  return { settings: await releaseSettings(layout, release, environment, recordedPort), running }
}

/** Phase "Start": stops the previous release first when the ports collide, switches `current`, starts. */
export async function startPhase(context: ActivationContext, target: ReleaseSettings, before: ServingBefore | undefined, activation: Activation): Promise<void> {
  const { runner, layout } = context
  const previous = before?.running
  if (previous && previous.port === target.port) {
    runner.note(`Release ${previous.release} also uses port ${target.port}, so it is stopped before the new release starts; the API is down until the new release answers /health.`)
    await runner.check('Stop previous release', async () => {
      const stop = await stopRelease(layout, previous, before.settings.stopGraceMs)
      activation.stoppedPreviousFirst = true
      return { status: 'passed', summary: `release ${previous.release} (pid ${previous.pid}) ${describeStop(stop)} in ${(stop.durationMs / 1000).toFixed(1)} s` }
    })
  } else if (previous) {
    runner.note(`Release ${previous.release} keeps serving on port ${previous.port} until release ${target.release} on port ${target.port} is healthy; then it is stopped.`)
  }

  const switched = await runner.check('Switch current', async () => {
    await switchCurrent(layout, target.release)
    activation.switched = true
    return { status: 'passed', summary: `${layout.current} -> releases/${target.release}${before ? ` (was releases/${before.settings.release})` : ''}` }
  })
  if (switched.status === 'failed') return

  await runner.check('Start release', async () => {
    const started = await startRelease(layout, { release: target.release, port: target.port, host: target.host, protocol: target.protocol, configFile: target.configFile, environment: context.environment })
    activation.started = started
    return { status: 'passed', summary: `pid ${started.record.pid} on ${target.host}:${target.port}, log ${started.record.logFile}`, details: [`pid file ${layout.pidFile(target.release)}`] }
  })
}

/** Phase "Health checks": /health, then the smoke requests of the release's manifest, then latency. */
export async function healthPhase(context: ActivationContext, target: ReleaseSettings, exited?: StartedRelease['exited']): Promise<void> {
  const { runner } = context
  const url = baseUrl(target.protocol, target.host, target.port)
  const health = await runner.check('/health', () => waitForHealthy({ url, timeoutMs: context.healthTimeoutMs, acceptDegraded: context.acceptDegraded, exited }))
  if (health.status === 'failed') return

  const plan = target.manifest?.probes ?? { probes: [], skipped: [] }
  if (plan.probes.length === 0 && plan.skipped.length === 0) {
    await runner.check('Smoke requests', () => ({ status: 'warning', summary: 'the release manifest lists no operations to probe' }))
  }
  const validationTimes: number[] = []
  for (const probe of plan.probes) await runner.check(`${probe.method} ${probe.url}`, () => probeOperation(url, probe, validationTimes))
  for (const skipped of plan.skipped) await runner.check(`${skipped.method} ${skipped.path}`, () => skippedProbeOutcome(skipped))
  await runner.check('Validation latency', () => latencyOutcome(validationTimes, target.maxValidationTimeMs))
}

/** Prints what the started release wrote to its log: with --verbose always, else on failure. */
export async function reportReleaseLog(runner: PhaseRunner, started: StartedRelease | undefined, failed: boolean): Promise<void> {
  if (!started) return
  const lines = await readLogTail(started.record.logFile, started.logOffset, failed ? 20 : 200)
  if (failed && lines.length > 0) runner.note(`Last lines of ${started.record.logFile}:\n${lines.map((line) => `      ${line}`).join('\n')}`)
  else for (const line of lines) runner.reporter.detail(line)
}

/**
 * Puts back what served before: stops the new release, points `current` at the previous release
 * (or removes it when there was none) and restarts the previous release when this run stopped it.
 * Returns false when the restore itself failed, the case of exit code 3.
 */
export async function restorePhase(context: ActivationContext, target: ReleaseSettings, before: ServingBefore | undefined, activation: Activation): Promise<boolean> {
  const { runner, layout } = context
  const result = await runner.phase(0, 'Automatic rollback', async () => {
    await stopFailedRelease(context, target, activation)
    if (activation.switched) {
      await runner.check('Restore current', async () => {
        await switchCurrent(layout, before?.settings.release)
        return { status: 'passed', summary: before ? `${layout.current} -> releases/${before.settings.release} again` : `${layout.current} removed: no release served before` }
      })
    }
    if (!before?.running) {
      if (before) runner.note(`Release ${before.settings.release} was not running before this run, so it is not started now.`)
      return
    }
    if (!activation.stoppedPreviousFirst) {
      await runner.check('Previous release', async () => {
        const still = await findRunningRelease(layout, before.settings.release)
        if (still) return { status: 'passed', summary: `release ${still.release} kept serving on port ${still.port} (pid ${still.pid})` }
        return { status: 'failed', summary: `release ${before.settings.release} is no longer running`, suggestion: `Start it with \`contracts rollback --to ${before.settings.release} --target ${layout.root}\`.` }
      })
      return
    }
    await restartPrevious(context, before)
  })
  return result.status !== 'failed'
}

async function stopFailedRelease(context: ActivationContext, target: ReleaseSettings, activation: Activation): Promise<void> {
  const started = activation.started
  if (!started) return
  await context.runner.check('Stop failed release', async () => {
    const stop = await stopRelease(context.layout, started.record, target.stopGraceMs)
    return { status: 'passed', summary: `release ${target.release} (pid ${started.record.pid}) ${describeStop(stop)}; its folder and log stay for diagnosis` }
  })
}

async function restartPrevious(context: ActivationContext, before: ServingBefore): Promise<void> {
  const { runner, layout } = context
  const settings = before.settings
  let started: StartedRelease | undefined
  const start = await runner.check('Restart previous release', async () => {
    await removeProcessFiles(layout, settings.release)
    started = await startRelease(layout, { release: settings.release, port: settings.port, host: settings.host, protocol: settings.protocol, configFile: settings.configFile, environment: context.environment })
    return { status: 'passed', summary: `release ${settings.release} started again as pid ${started.record.pid} on ${settings.host}:${settings.port}` }
  })
  if (start.status === 'failed') return
  await healthPhase(context, settings, started?.exited)
}
