/**
 * GET /health over real HTTP: the documented body, the Redis component with and without a
 * store, and that neither the rate limiter nor request validation ever touches /health or
 * /metrics.
 */

import { randomUUID } from 'node:crypto'

import { afterAll, afterEach, describe, expect, it } from 'vitest'

import { startGenesis, stopGenesisServers } from '../helpers/genesis-server.js'
import { hasRedisServer, startRedis, type RedisProcess } from '../helpers/redis-server.js'
import { deleteKeys } from '../helpers/stores.js'

interface HealthBody {
  status: string
  components: { api_validator: string; redis: string; schemas: string }
  uptime_seconds: number
}

const redisAvailable = await hasRedisServer()
const prefixes: string[] = []
const privateRedis: RedisProcess[] = []

function redisConfig(port: number): string {
  const prefix = `contracts-ops-health-${randomUUID()}`
  prefixes.push(prefix)
  return `redis:\n  host: 127.0.0.1\n  port: ${port}\n  key_prefix: ${prefix}\n  command_timeout_ms: 1000\nlogging:\n  level: silent\n`
}

async function health(url: string, init: RequestInit = {}): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(`${url}/health`, init)
  return { status: response.status, body: (await response.json()) as HealthBody }
}

afterEach(async () => {
  await stopGenesisServers()
  for (const redis of privateRedis.splice(0)) await redis.stop()
})

afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(`${prefix}*`)
})

describe('health without Redis', () => {
  it('returns 200 and healthy', async () => {
    const { url } = await startGenesis()
    const { status, body } = await health(url)

    expect(status).toBe(200)
    expect(body.status).toBe('healthy')
  })

  it('lists every component', async () => {
    const { url } = await startGenesis()
    const { body } = await health(url)

    expect(body.components.api_validator).toBe('operational')
    expect(body.components.redis).toBe('not_configured')
    expect(typeof body.components.schemas).toBe('string')
  })

  it('reports uptime in whole seconds', async () => {
    const { url } = await startGenesis()
    const { body } = await health(url)

    expect(Number.isInteger(body.uptime_seconds)).toBe(true)
    expect(body.uptime_seconds).toBeGreaterThanOrEqual(0)
  })

  it('serves HEAD without a body', async () => {
    const { url } = await startGenesis()
    const response = await fetch(`${url}/health`, { method: 'HEAD' })

    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })
})

describe.skipIf(!redisAvailable)('health with Redis', () => {
  it('reports Redis operational', async () => {
    const { url } = await startGenesis({ config: redisConfig(6379) })
    const { status, body } = await health(url)

    expect(status).toBe(200)
    expect(body.status).toBe('healthy')
    expect(body.components.redis).toBe('operational')
  })

  it('stays 200 and degraded when Redis stops', async () => {
    const redis = await startRedis()
    privateRedis.push(redis)
    const { url } = await startGenesis({ config: redisConfig(redis.port) })
    await redis.stop()
    // The probe result is cached for 1.5 s, so wait past it.
    await new Promise((resolve) => setTimeout(resolve, 1700))
    const { status, body } = await health(url)

    expect(status).toBe(200)
    expect(body.status).toBe('degraded')
    expect(body.components.redis).toBe('degraded')
  })
})

describe('health and metrics exemptions', () => {
  const tinyLimit = 'rate_limiting:\n  default_limit: 2\n  default_window_seconds: 60\nlogging:\n  level: silent\n'

  it.each(['/health', '/metrics'])('never rate-limits %s', async (route) => {
    const { url } = await startGenesis({ config: tinyLimit })
    const statuses: number[] = []
    for (let index = 0; index < 8; index += 1) {
      const response = await fetch(`${url}${route}`)
      await response.arrayBuffer()
      statuses.push(response.status)
    }

    expect(statuses).toEqual(Array(8).fill(200))
  })

  it.each(['/health', '/metrics'])('sends no rate-limit headers on %s', async (route) => {
    const { url } = await startGenesis({ config: tinyLimit })
    const response = await fetch(`${url}${route}`)
    await response.arrayBuffer()

    expect(response.headers.get('x-ratelimit-limit')).toBeNull()
  })

  it('still limits the API under the same config', async () => {
    const config = 'rate_limiting:\n  endpoints:\n    /agents/ask:\n      limit: 2\n      window_seconds: 60\nlogging:\n  level: silent\n'
    const { url } = await startGenesis({ config })
    const statuses: number[] = []
    for (let index = 0; index < 4; index += 1) {
      const response = await fetch(`${url}/agents/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"qa","prompt":"x"}' })
      await response.arrayBuffer()
      statuses.push(response.status)
    }

    expect(statuses).toEqual([200, 200, 429, 429])
  })

  it.each(['/health?verbose=not-a-boolean&unknown=1', '/metrics?verbose=not-a-boolean'])('never validates %s', async (route) => {
    const { url } = await startGenesis({ config: 'validation:\n  fail_on_unknown_fields: true\nlogging:\n  level: silent\n' })
    const response = await fetch(`${url}${route}`, { headers: { 'content-type': 'text/garbage' } })
    await response.arrayBuffer()

    expect(response.status).toBe(200)
  })
})
