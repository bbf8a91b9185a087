/**
 * End-to-end tests of `contracts deploy` and `contracts rollback`: the built CLI deploys a copy
 * of the project into a temporary target on a free loopback port, with Redis on 127.0.0.1:6379
 * under a key prefix of its own. The tests run in order and share the target; afterAll stops
 * every release process and deletes the folders and the Redis keys.
 */

import { randomBytes } from 'node:crypto'
import { existsSync, readlinkSync } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Redis } from 'ioredis'

import {
  deleteRedisKeys, fetchHealth, findCheck, freePort, makeProject, processesMentioning, redisClient, redisKeys,
  regenerate, removeFolder, runCli, runJson, snapshotTree, stopTargetProcesses, writeConfig, type JsonReport,
} from './helpers.js'

// Each deploy runs tsc over the generated server, which takes from 20 s to over a minute on a busy two-core machine.
const DEPLOY_TIMEOUT_MS = 600_000

const prefix = `contracts-deploy-test-${randomBytes(4).toString('hex')}`
let project: string
let target: string
let port: number
let redis: Redis
const releases: string[] = []

function config(options: { redisPort?: number; tls?: boolean } = {}): string {
  const tls = options.tls ? '\n  tls:\n    cert_file: /nonexistent/contracts-test/cert.pem\n    key_file: /nonexistent/contracts-test/key.pem' : ''
  return `environment:
  name: e2e
server:
  host: 127.0.0.1
  port: 8000
  shutdown_timeout_seconds: 2${tls}
redis:
  host: 127.0.0.1
  port: ${options.redisPort ?? 6379}
  key_prefix: ${prefix}
  command_timeout_ms: 200
logging:
  level: info
`
}

function deployArgs(configFile: string, ...extra: string[]): string[] {
  return ['deploy', '--target', target, '--port', String(port), '--config', configFile, '--health-timeout', '60', ...extra]
}

function currentRelease(): string {
  return path.basename(readlinkSync(path.join(target, 'current')))
}

beforeAll(async () => {
  project = await makeProject()
  target = path.join(await mkdtemp(path.join(os.tmpdir(), 'contracts-deploy-target-')), 'genesis')
  port = await freePort()
  redis = redisClient()
  await redis.connect()
  await writeConfig(project, 'good.yaml', config())
  await writeConfig(project, 'broken-tls.yaml', config({ tls: true }))
}, DEPLOY_TIMEOUT_MS)

afterAll(async () => {
  if (target) await stopTargetProcesses(target)
  if (redis) {
    await deleteRedisKeys(redis, prefix)
    redis.disconnect()
  }
  await removeFolder(target && path.dirname(target))
  await removeFolder(project)
}, 60_000)

describe('contracts deploy', () => {
  test('first deploy serves the release', async () => {
    await regenerate(project)

    const { report, stdout, stderr } = await runJson(deployArgs('good.yaml'), { cwd: project })
    expect(report.exitCode, `${stdout}\n${stderr}`).toBe(0)
    expect(report.status).toBe('succeeded')
    expect(report.phases.map((phase) => phase.number)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(findCheck(report, 3, 'Redis connection')?.status).toBe('passed')
    expect(findCheck(report, 6, 'POST /agents/ask')?.status).toBe('passed')
    expect(findCheck(report, 7, 'Rollback point')?.status).toBe('skipped')

    const release = report.release as string
    releases.push(release)
    expect(currentRelease()).toBe(release)
    expect(report.serving?.release).toBe(release)
    const health = await fetchHealth(`http://127.0.0.1:${port}`)
    expect(health.status).toBe(200)
    expect(health.body.status).toBe('healthy')
    expect(health.body.components).toMatchObject({ redis: 'operational' })

    const manifest = JSON.parse(await readFile(path.join(target, 'releases', release, 'manifest.json'), 'utf8')) as { specs: { sha256: string }[]; probes: { probes: unknown[] } }
    expect(manifest.specs).toHaveLength(3)
    expect(manifest.specs[0]?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(manifest.probes.probes).toHaveLength(3)
    expect(existsSync(path.join(target, 'run', `${release}.pid`))).toBe(true)
    expect(existsSync(path.join(target, 'logs', `${release}.log`))).toBe(true)
  }, DEPLOY_TIMEOUT_MS)

  test('second deploy replaces the first', async () => {
    const firstPid = (await fetchServing()).pid
    await regenerate(project)

    const { report, stdout } = await runJson(deployArgs('good.yaml'), { cwd: project })
    expect(report.exitCode, stdout).toBe(0)
    const release = report.release as string
    releases.push(release)

    expect(currentRelease()).toBe(release)
    expect(findCheck(report, 5, 'Stop previous release')?.status).toBe('passed')
    expect(report.notes.join('\n')).toContain('is stopped before the new release starts')
    expect(report.rollbackPoint).toEqual({ id: `api_contracts_e2e_${releases[0]}`, release: releases[0] })
    expect(processesMentioning(path.join(target, 'releases', releases[0] as string))).toEqual([])
    expect(report.serving?.pid).not.toBe(firstPid)
  }, DEPLOY_TIMEOUT_MS)

  test('failed health gate rolls back', async () => {
    await regenerate(project)

    const { report, stdout } = await runJson(deployArgs('broken-tls.yaml'), { cwd: project })
    expect(report.exitCode, stdout).toBe(1)
    expect(report.status).toBe('rolled-back')
    const start = findCheck(report, 6, '/health')
    expect(start?.status).toBe('failed')
    expect(start?.summary).toContain('exited during start-up')
    expect(report.phases.find((phase) => phase.number === 0)?.status).toBe('passed')
    expect(report.headline).toContain(`release ${releases[1]} serves again`)

    expect(currentRelease()).toBe(releases[1])
    expect(report.serving?.release).toBe(releases[1])
    const health = await fetchHealth(`http://127.0.0.1:${port}`)
    expect(health.status).toBe(200)
    expect(existsSync(path.join(target, 'releases', report.release as string))).toBe(true)
    expect(existsSync(path.join(target, 'releases', releases[0] as string))).toBe(true)
  }, DEPLOY_TIMEOUT_MS)

  test('manual rollback by backup id', async () => {
    const list = await runCli(['rollback', '--list', '--target', target], { cwd: project })
    expect(list.exitCode).toBe(0)
    expect(list.stdout).toContain(`api_contracts_e2e_${releases[0]}`)

    const { report, stdout } = await runJson(['rollback', '--target', target, '--to', `api_contracts_e2e_${releases[0]}`, '--health-timeout', '60'], { cwd: project })
    expect(report.exitCode, stdout).toBe(0)
    expect(currentRelease()).toBe(releases[0])
    expect(report.serving?.release).toBe(releases[0])
    expect(report.rollbackPoint?.release).toBe(releases[1])
    expect(findCheck(report, 3, 'POST /halo/route')?.status).toBe('passed')
    expect(processesMentioning(path.join(target, 'releases', releases[1] as string))).toEqual([])

    const back = await runJson(['rollback', '--target', target, '--health-timeout', '60'], { cwd: project })
    expect(back.report.exitCode, back.stdout).toBe(0)
    expect(currentRelease()).toBe(releases[1])
  }, DEPLOY_TIMEOUT_MS)

  test('rollback to unknown id exits 2', async () => {
    const run = await runCli(['rollback', '--target', target, '--to', '20000101T000000Z'], { cwd: project })
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toContain('20000101T000000Z is not a release installed in')
    expect(currentRelease()).toBe(releases[1])
  })

  test('dry run changes nothing', async () => {
    await redis.set(`${prefix}:marker`, 'dry-run', 'EX', 600)
    const treeBefore = await snapshotTree(target)
    const processesBefore = processesMentioning(target)
    // Rate-limit buckets expire by themselves once full again, so only other keys must stay.
    const lastingKeys = async () => (await redisKeys(redis, prefix)).filter((key) => !key.includes(':rl:'))
    const keysBefore = await lastingKeys()

    await regenerate(project)

    const { report, stdout } = await runJson(deployArgs('good.yaml', '--dry-run'), { cwd: project })
    expect(report.exitCode, stdout).toBe(0)
    expect(findCheck(report, 4, 'Compile')?.status).toBe('passed')
    expect(report.phases.find((phase) => phase.number === 5)?.status).toBe('planned')
    expect(report.plan.join('\n')).toContain(`stop release ${releases[1]}`)
    expect(report.plan.join('\n')).toContain('poll http://127.0.0.1:')

    expect(await snapshotTree(target)).toEqual(treeBefore)
    expect(processesMentioning(target)).toEqual(processesBefore)
    expect(await lastingKeys()).toEqual(keysBefore)

    const rollbackPlan = await runJson(['rollback', '--target', target, '--to', releases[0] as string, '--dry-run'], { cwd: project })
    expect(rollbackPlan.report.exitCode, rollbackPlan.stdout).toBe(0)
    expect(rollbackPlan.report.plan.join('\n')).toContain(`point ${path.join(target, 'current')} at releases/${releases[0]}`)
    expect(await snapshotTree(target)).toEqual(treeBefore)
    expect(processesMentioning(target)).toEqual(processesBefore)
  }, DEPLOY_TIMEOUT_MS)

  test('Redis unreachable stops phase 3', async () => {
    const closedPort = await freePort()
    const configFile = await writeConfig(project, 'closed-redis.yaml', config({ redisPort: closedPort }))
    const treeBefore = await snapshotTree(target)
    await regenerate(project)

    const run = await runCli(deployArgs(configFile), { cwd: project })

    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`Redis at 127.0.0.1:${closedPort} db 0 did not answer PING`)
    expect(run.stdout).toContain('✗ 3/7 Redis validation')
    expect(run.stdout).toContain('Deployment stopped in phase 3 (Redis validation); nothing was changed')
    expect(run.stdout).not.toContain('4/7')
    expect(await snapshotTree(target)).toEqual(treeBefore)
  }, DEPLOY_TIMEOUT_MS)

  test('forced deploy past failed Redis check', async () => {
    const closedPort = await freePort()
    const configFile = await writeConfig(project, 'forced-redis.yaml', config({ redisPort: closedPort }))
    await regenerate(project)

    const { report, stdout } = await runJson(deployArgs(configFile, '--force'), { cwd: project })

    expect(report.exitCode, stdout).toBe(0)
    const connection = findCheck(report, 3, 'Redis connection')
    expect(connection?.status).toBe('forced')
    expect(connection?.summary).toContain('skipped by --force')
    expect(findCheck(report, 6, '/health')?.status).toBe('warning')
    expect(currentRelease()).toBe(report.release)
    releases.push(report.release as string)
    const health = await fetchHealth(`http://127.0.0.1:${port}`)
    expect(health.body.status).toBe('degraded')
  }, DEPLOY_TIMEOUT_MS)

  test('failed restore exits 3', async () => {
    // The serving release can no longer start (its config now names missing TLS files), and the
    // release rolled back to is the broken one of the third test: the restore has to fail.
    const serving = releases[releases.length - 1] as string
    await writeConfig(path.join(target, 'releases', serving), 'config/contracts.yaml', config({ tls: true }))
    const broken = JSON.parse(await readFile(path.join(target, 'state.json'), 'utf8')) as { history: { release: string; outcome: string }[] }
    const brokenRelease = broken.history.find((entry) => entry.outcome === 'rolled-back')?.release as string

    const run = await runCli(['rollback', '--target', target, '--to', brokenRelease, '--health-timeout', '30'], { cwd: project })
    expect(run.exitCode, run.stdout).toBe(3)
    expect(run.stdout).toContain('ROLLBACK FAILED')
    expect(run.stdout).toContain(`restoring release ${serving} failed too`)
    expect(run.stdout).toContain('✗ Automatic rollback')
    expect(currentRelease()).toBe(serving)
  }, DEPLOY_TIMEOUT_MS)
})

async function fetchServing(): Promise<NonNullable<JsonReport['serving']>> {
  const list = await runCli(['rollback', '--list', '--json', '--target', target], { cwd: project })
  const parsed = JSON.parse(list.stdout) as { releases: { release: string; current: boolean; running?: { pid: number } }[] }
  const current = parsed.releases.find((entry) => entry.current)
  return { release: current?.release ?? '', url: '', pid: current?.running?.pid }
}
