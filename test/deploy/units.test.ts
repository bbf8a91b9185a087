/** Unit tests of the deploy modules that need no build, process or network. */

import { mkdtemp, readlink, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, test } from 'vitest'

import type { ContractsConfig } from '../../templates/runtime/config.js'
import { defaultConfig } from '../../templates/runtime/config.js'
import { maskUrl, resolveEffectiveConfig } from '../../src/deploy/effective-config.js'
import { latencyOutcome } from '../../src/deploy/health.js'
import { backupId, newReleaseId, releaseIdOf, switchCurrent, targetLayout } from '../../src/deploy/layout.js'
import { checkNodeVersion } from '../../src/deploy/preflight.js'
import { planProbes } from '../../src/deploy/probes.js'
import { checkClients, checkEviction, parseInfo, type RedisInspection } from '../../src/deploy/redis-check.js'
import { releasesToPrune } from '../../src/deploy/release.js'
import type { Reporter } from '../../src/deploy/report.js'
import { PhaseRunner } from '../../src/deploy/runner.js'
import { parseSpec } from '../../src/spec/document.js'

const folders: string[] = []

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })))
})

function silentReporter(): Reporter {
  return { phaseStarted: () => undefined, checkFinished: () => undefined, phaseFinished: () => undefined, note: () => undefined, detail: () => undefined, finished: () => undefined }
}

function inspection(fields: Record<string, string>, maxClients?: number): RedisInspection {
  return { address: '127.0.0.1:6379', pingMs: 0.4, info: new Map(Object.entries(fields)), maxClients }
}

function redisConfig(): ContractsConfig {
  const config = defaultConfig()
  config.redis = { host: '127.0.0.1', port: 6379, db: 0, commandTimeoutMs: 100, socketTimeoutMs: 5000, retryOnTimeout: true, maxConnections: 10, keyPrefix: 'test', clusterNodes: [] }
  return config
}

describe('release ids', () => {
  test('id from UTC time', () => {
    expect(newReleaseId(new Set(), new Date('2025-03-14T09:26:53.123Z'))).toBe('20250314T092653Z')
  })

  test('taken id gets a suffix', () => {
    const taken = new Set(['20250314T092653Z', '20250314T092653Z-2'])
    expect(newReleaseId(taken, new Date('2025-03-14T09:26:53Z'))).toBe('20250314T092653Z-3')
  })

  test('backup id round trip', () => {
    const id = backupId('staging', '20250314T092653Z')
    expect(id).toBe('api_contracts_staging_20250314T092653Z')
    expect(releaseIdOf(id)).toBe('20250314T092653Z')
    expect(releaseIdOf('20250314T092653Z-2')).toBe('20250314T092653Z-2')
    expect(releaseIdOf('../etc')).toBeUndefined()
  })

  test('environment with underscores', () => {
    expect(releaseIdOf(backupId('eu_west', '20250314T092653Z'))).toBe('20250314T092653Z')
  })
})

describe('pruning', () => {
  const ids = ['20250101T000000Z', '20250102T000000Z', '20250103T000000Z', '20250104T000000Z']

  test('keeps the newest', () => {
    expect(releasesToPrune(ids, 2, new Set())).toEqual(['20250101T000000Z', '20250102T000000Z'])
  })

  test('never deletes protected releases', () => {
    expect(releasesToPrune(ids, 1, new Set(['20250101T000000Z']))).toEqual(['20250102T000000Z', '20250103T000000Z'])
  })
})

describe('current symlink', () => {
  test('switch replaces the link', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'contracts-layout-'))
    folders.push(root)
    const layout = targetLayout(root)
    await switchCurrent(layout, '20250101T000000Z')
    await switchCurrent(layout, '20250102T000000Z')
    expect(await readlink(layout.current)).toBe(path.join('releases', '20250102T000000Z'))
    await switchCurrent(layout, undefined)
    await expect(readlink(layout.current)).rejects.toThrow()
  })
})

describe('phase runner', () => {
  test('force turns failure into forced', async () => {
    const runner = new PhaseRunner(silentReporter(), { force: true, total: 1 })
    const phase = await runner.phase(1, 'Checks', async () => {
      await runner.check('forceable', () => ({ status: 'failed', summary: 'port busy' }), { forceable: true })
    })
    expect(phase.checks[0]?.status).toBe('forced')
    expect(phase.checks[0]?.summary).toBe('skipped by --force: port busy')
    expect(phase.status).toBe('warning')
    expect(runner.exitCode).toBe(0)
  })

  test('force cannot skip other checks', async () => {
    const runner = new PhaseRunner(silentReporter(), { force: true, total: 1 })
    const phase = await runner.phase(1, 'Checks', async () => {
      await runner.check('config', () => ({ status: 'failed', summary: 'invalid', exitCode: 2 }))
    })
    expect(phase.status).toBe('failed')
    expect(phase.checks[0]?.details).toContain('--force cannot skip this check.')
    expect(runner.exitCode).toBe(2)
  })

  test('thrown error fails the check', async () => {
    const runner = new PhaseRunner(silentReporter(), { force: false, total: 1 })
    const phase = await runner.phase(1, 'Checks', async () => {
      await runner.check('throws', () => {
        throw new Error('disk full')
      })
    })
    expect(phase.checks[0]).toMatchObject({ title: 'throws', status: 'failed', summary: 'disk full' })
    expect(runner.exitCode).toBe(1)
  })
})

describe('redis checks', () => {
  test('parses INFO text', () => {
    const info = parseInfo('# Server\r\nredis_version:7.2.4\r\nmaxmemory_policy:noeviction\r\n')
    expect(info.get('redis_version')).toBe('7.2.4')
    expect(info.get('maxmemory_policy')).toBe('noeviction')
  })

  test('allkeys policy warns', () => {
    const outcome = checkEviction(inspection({ maxmemory_policy: 'allkeys-lru', maxmemory: '1073741824' }), redisConfig())
    expect(outcome.status).toBe('warning')
    expect(outcome.summary).toContain('allkeys-lru')
    expect(outcome.summary).toContain('evict idempotency records')
    expect(outcome.suggestion).toContain('volatile-ttl')
    expect(outcome.suggestion).toContain('noeviction')
  })

  test('noeviction passes', () => {
    expect(checkEviction(inspection({ maxmemory_policy: 'noeviction', maxmemory: '0' }), redisConfig()).status).toBe('passed')
  })

  test('clients near maxclients warn', () => {
    expect(checkClients(inspection({ connected_clients: '95' }, 100), redisConfig()).status).toBe('warning')
    expect(checkClients(inspection({ connected_clients: '5' }, 100), redisConfig()).status).toBe('passed')
  })
})

describe('effective config', () => {
  test('masks the URL password', () => {
    expect(maskUrl('redis://user:s3cret@cache.internal:6380/2')).toBe('redis://user:****@cache.internal:6380/2')
  })

  test('secrets never appear in details', () => {
    const { outcome } = resolveEffectiveConfig(undefined, { REDIS_URL: 'redis://:hunter2@127.0.0.1:6379', REDIS_PASSWORD: 'hunter3' }, 9100)
    const text = [outcome.summary, ...(outcome.details ?? [])].join('\n')
    expect(outcome.status).toBe('passed')
    expect(text).not.toContain('hunter2')
    expect(text).not.toContain('hunter3')
    expect(text).toContain('REDIS_PASSWORD, REDIS_URL')
    expect(text).toContain('port 9100 comes from --port')
  })

  test('invalid override exits 2', () => {
    const { outcome } = resolveEffectiveConfig(undefined, { REDIS_PORT: 'six' }, undefined)
    expect(outcome.status).toBe('failed')
    expect(outcome.exitCode).toBe(2)
    expect(outcome.summary).toContain('REDIS_PORT')
  })
})

describe('preflight', () => {
  test('node version against engines', () => {
    expect(checkNodeVersion({ engines: { node: '>=20.19.0' } }, 'v20.19.1').status).toBe('passed')
    expect(checkNodeVersion({ engines: { node: '>=20.19.0' } }, 'v18.20.0').status).toBe('failed')
    expect(checkNodeVersion({}, 'v18.20.0').status).toBe('passed')
  })

  test('latency above the limit warns', () => {
    expect(latencyOutcome([0.5, 12, 13], 10).status).toBe('warning')
    expect(latencyOutcome([0.5, 2], 10).status).toBe('passed')
    expect(latencyOutcome([], 10).status).toBe('warning')
  })

  test('one slow request is tolerated', () => {
    const outcome = latencyOutcome([0.5, 12, 1], 10)
    expect(outcome.status).toBe('passed')
    expect(outcome.summary).toContain('1 above max_validation_time_ms 10')
  })
})

describe('probes', () => {
  const spec = parseSpec('probe.openapi.yaml', `openapi: 3.1.0
info: {title: Probe, version: 1.0.0}
paths:
  /items/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}, example: abc}
    put:
      operationId: putItem
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Item'}
            examples:
              first: {value: {name: lamp, count: 2}}
      responses: {'200': {description: ok}}
  /closed:
    post:
      operationId: closed
      security: [{key: []}]
      requestBody:
        content: {application/json: {schema: {type: object}, example: {}}}
      responses: {'200': {description: ok}}
  /no-example:
    post:
      operationId: noExample
      requestBody:
        required: true
        content: {application/json: {schema: {type: object}}}
      responses: {'200': {description: ok}}
components:
  securitySchemes: {key: {type: apiKey, in: header, name: X-Key}}
  schemas:
    Item:
      type: object
      required: [name]
      properties: {name: {type: string}, count: {type: integer}}
`)

  test('valid and invalid body from the example', () => {
    const plan = planProbes([spec])
    const probe = plan.probes.find((entry) => entry.operationId === 'putItem')
    expect(probe).toMatchObject({ method: 'PUT', url: '/items/abc', example: 'first', validBody: { name: 'lamp', count: 2 } })
    expect(probe?.invalid).toEqual({ body: { count: 2 }, change: 'without the required property "name"' })
  })

  test('skips what it cannot probe', () => {
    const skipped = planProbes([spec]).skipped
    expect(skipped.find((entry) => entry.operationId === 'closed')?.reason).toContain('requires credentials')
    expect(skipped.find((entry) => entry.operationId === 'noExample')?.reason).toContain('has no example')
  })
})
