/**
 * Rate limiting and idempotency across two real server processes that share the Redis at
 * 127.0.0.1:6379, each test under its own key prefix.
 */

import { randomUUID } from 'node:crypto'

import { Redis } from 'ioredis'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

import { startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/processes.js'
import { deleteKeys } from '../helpers/stores.js'

const redis = new Redis({ host: '127.0.0.1', port: 6379 })
const prefixes: string[] = []

function config(options: { prefix: string; limit?: number; leaseSeconds?: number; trustedProxies?: string[] }): string {
  return `
server:
  trusted_proxies: ${JSON.stringify(options.trustedProxies ?? [])}
redis:
  host: 127.0.0.1
  port: 6379
  key_prefix: ${options.prefix}
  command_timeout_ms: 1000
idempotency:
  lease_seconds: ${options.leaseSeconds ?? 60}
rate_limiting:
  endpoints:
    /agents/ask:
      limit: ${options.limit ?? 10000}
      window_seconds: 60
logging:
  level: silent
monitoring:
  collect_metrics: false
`
}

function newPrefix(): string {
  const prefix = `contracts-test-${randomUUID()}`
  prefixes.push(prefix)
  return prefix
}

async function ask(server: ServerProcess, prompt: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/agents/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ role: 'qa', prompt }),
  })
}

async function startPair(processConfig: string, counterKey?: string, delayMs = 0): Promise<[ServerProcess, ServerProcess]> {
  return Promise.all([
    startServerProcess({ config: processConfig, counterKey, delayMs }),
    startServerProcess({ config: processConfig, counterKey, delayMs }),
  ])
}

afterEach(async () => {
  await stopAllServerProcesses()
})

afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(`${prefix}*`)
  redis.disconnect()
})

describe('two server processes on one Redis', () => {
  it('admit exactly the limit together', async () => {
    const [a, b] = await startPair(config({ prefix: newPrefix(), limit: 20 }))
    const responses = await Promise.all(Array.from({ length: 60 }, (_, index) => ask(index % 2 === 0 ? a : b, 'count me')))
    const statuses = responses.map((response) => response.status)
    const remaining = responses.map((response) => Number(response.headers.get('x-ratelimit-remaining')))

    expect(statuses.filter((status) => status === 200)).toHaveLength(20)
    expect(statuses.filter((status) => status === 429)).toHaveLength(40)
    expect(Math.min(...remaining)).toBe(0)
  })

  it('run an idempotent handler once for 200 concurrent requests', async () => {
    const prefix = newPrefix()
    const counterKey = `${prefix}:runs`
    const [a, b] = await startPair(config({ prefix }), counterKey, 300)
    const key = randomUUID()
    const responses = await Promise.all(Array.from({ length: 200 }, (_, index) => ask(index % 2 === 0 ? a : b, 'once', { 'idempotency-key': key })))
    const statuses = responses.map((response) => response.status)
    const replays = responses.filter((response) => response.headers.get('x-cached') === 'true')

    expect(Number(await redis.get(counterKey))).toBe(1)
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true)
    expect(statuses.filter((status) => status === 200).length - replays.length).toBe(1)
  })

  it('answer 422 for another body while the first runs', async () => {
    const prefix = newPrefix()
    const counterKey = `${prefix}:runs`
    const [a, b] = await startPair(config({ prefix }), counterKey, 1500)
    const key = randomUUID()
    const first = ask(a, 'first', { 'idempotency-key': key })
    await expect.poll(async () => Number(await redis.get(counterKey)), { timeout: 5000 }).toBe(1)
    const second = await ask(b, 'second', { 'idempotency-key': key })

    expect(second.status).toBe(422)
    expect((await second.json()).error).toBe('idempotency_key_mismatch')
    expect((await first).status).toBe(200)
  })

  it('free the key of a killed process after the lease', async () => {
    const prefix = newPrefix()
    const counterKey = `${prefix}:runs`
    const processConfig = config({ prefix, leaseSeconds: 1 })
    const slow = await startServerProcess({ config: processConfig, counterKey, delayMs: 30_000 })
    const fast = await startServerProcess({ config: processConfig, counterKey })
    const key = randomUUID()

    void ask(slow, 'crash', { 'idempotency-key': key }).catch(() => undefined)
    await expect.poll(async () => Number(await redis.get(counterKey)), { timeout: 5000 }).toBe(1)
    await slow.stop('SIGKILL')

    const during = await ask(fast, 'crash', { 'idempotency-key': key })
    expect(during.status).toBe(409)
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)

    await new Promise((resolve) => setTimeout(resolve, 1200))
    const after = await ask(fast, 'crash', { 'idempotency-key': key })
    expect(after.status).toBe(200)
    expect(Number(await redis.get(counterKey))).toBe(2)
  })
})

describe('idempotency over HTTP', () => {
  it('does not cache 5xx responses', async () => {
    const prefix = newPrefix()
    const counterKey = `${prefix}:runs`
    const server = await startServerProcess({ config: config({ prefix }), counterKey })
    const key = randomUUID()

    expect((await ask(server, 'fail', { 'idempotency-key': key })).status).toBe(500)
    const retry = await ask(server, 'fail', { 'idempotency-key': key })

    expect(retry.status).toBe(500)
    expect(retry.headers.get('x-cached')).toBeNull()
    expect(Number(await redis.get(counterKey))).toBe(2)
  })

  it('replays with X-Cached and Idempotent-Replayed', async () => {
    const server = await startServerProcess({ config: config({ prefix: newPrefix() }) })
    const key = randomUUID()
    const first = await ask(server, 'replay me', { 'idempotency-key': key })
    const second = await ask(server, 'replay me', { 'idempotency-key': key })

    expect(first.headers.get('x-idempotency-key')).toBe(key)
    expect(first.headers.get('x-cached')).toBeNull()
    expect(second.headers.get('x-cached')).toBe('true')
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await second.text()).toBe(await first.text())
  })

  it('keeps keys of different clients apart', async () => {
    const prefix = newPrefix()
    const counterKey = `${prefix}:runs`
    const server = await startServerProcess({ config: config({ prefix }), counterKey })
    const key = randomUUID()

    const alice = await ask(server, 'same body', { 'idempotency-key': key, authorization: 'Bearer alice-token' })
    const bob = await ask(server, 'same body', { 'idempotency-key': key, authorization: 'Bearer bob-token' })

    expect(alice.status).toBe(200)
    expect(bob.status).toBe(200)
    expect(bob.headers.get('x-cached')).toBeNull()
    expect(Number(await redis.get(counterKey))).toBe(2)
  })

  it('rejects a malformed key and stores nothing for invalid bodies', async () => {
    const prefix = newPrefix()
    const counterKey = `${prefix}:runs`
    const server = await startServerProcess({ config: config({ prefix }), counterKey })

    const malformed = await ask(server, 'x', { 'idempotency-key': 'bad\tkey' })
    const key = randomUUID()
    const invalid = await fetch(`${server.url}/agents/ask`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: '{"role":"qa"}' })
    const valid = await ask(server, 'x', { 'idempotency-key': key })

    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error).toBe('invalid_idempotency_key')
    expect(invalid.status).toBe(400)
    expect(valid.status).toBe(200)
    expect(valid.headers.get('x-cached')).toBeNull()
  })
})

describe('rate limiting over HTTP', () => {
  it('ignores X-Forwarded-For from an untrusted peer', async () => {
    const server = await startServerProcess({ config: config({ prefix: newPrefix(), limit: 3 }) })
    const statuses = []
    for (let index = 0; index < 5; index += 1) statuses.push((await ask(server, 'x', { 'x-forwarded-for': `203.0.113.${index}` })).status)

    expect(statuses).toEqual([200, 200, 200, 429, 429])
  })

  it('uses X-Forwarded-For from a trusted proxy', async () => {
    const server = await startServerProcess({ config: config({ prefix: newPrefix(), limit: 1, trustedProxies: ['127.0.0.1/32'] }) })
    const first = await ask(server, 'x', { 'x-forwarded-for': '203.0.113.1' })
    const second = await ask(server, 'x', { 'x-forwarded-for': '203.0.113.2' })
    const spoofedChain = await ask(server, 'x', { 'x-forwarded-for': '198.51.100.9, 203.0.113.1' })

    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    // The right-most untrusted hop is 203.0.113.1 again, whatever the client put before it.
    expect(spoofedChain.status).toBe(429)
  })

  it('answers the 101st request of a 100/min policy with 429', async () => {
    const server = await startServerProcess({ config: config({ prefix: newPrefix(), limit: 100 }) })
    // Rapid: 100 at once, then one more. The bucket refills one token per 0.6 s.
    const responses = await Promise.all(Array.from({ length: 100 }, () => ask(server, 'Test')))
    const last = await ask(server, 'Test')

    expect(responses.slice(0, 100).every((response) => response.status === 200)).toBe(true)
    expect(last.status).toBe(429)
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(last.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
    expect(last.headers.get('content-type')).toBe('application/problem+json')
  })

  it('sets Retry-After to the real wait, not the window', async () => {
    // 60 per 60 s: one token per second, so the wait after an empty bucket is about 1 s.
    const server = await startServerProcess({ config: config({ prefix: newPrefix(), limit: 60 }) })
    const responses = await Promise.all(Array.from({ length: 61 }, () => ask(server, 'x')))
    const limited = responses.find((response) => response.status === 429) as Response
    const retryAfter = Number(limited.headers.get('retry-after'))

    expect(retryAfter).toBe(1)
    expect(limited.headers.get('ratelimit-policy')).toBe('"/agents/ask";q=60;w=60')
    expect(limited.headers.get('ratelimit')).toMatch(/^"\/agents\/ask";r=0;t=(59|60)$/)

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 50))
    expect((await ask(server, 'x')).status).toBe(200)
  })
})
