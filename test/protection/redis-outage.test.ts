/**
 * Redis stopped while the server runs: rate limiting falls back to a per-process bucket,
 * idempotency answers 503, no request waits longer than the command timeout plus a margin, and
 * everything recovers when Redis returns. Uses a private redis-server on its own port.
 */

import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { hasRedisServer, startRedis, type RedisProcess } from '../helpers/redis-server.js'

const available = await hasRedisServer()
const generatedIndex = pathToFileURL(path.resolve('dist-app/generated/index.js')).href

// The command timeout is 100 ms; the margin covers event-loop delays on a busy CI machine.
const MAX_DEGRADED_MS = 1000

describe.skipIf(!available)('server with Redis stopped mid-run', () => {
  let redis: RedisProcess
  let running: { url: string; shutdown(): Promise<void> }
  let dir: string

  beforeAll(async () => {
    redis = await startRedis()
    dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-outage-'))
    const configFile = path.join(dir, 'config.yaml')
    await writeFile(configFile, `
redis:
  host: 127.0.0.1
  port: ${redis.port}
  command_timeout_ms: 100
rate_limiting:
  default_limit: 1000
logging:
  level: silent
`)
    const generated = await import(generatedIndex)
    const { createHandlers } = await import(pathToFileURL(path.resolve('dist-app/app/handlers.js')).href)
    running = await generated.startServer(generated.api, {
      handlers: createHandlers(),
      config: generated.loadConfig(configFile, {}),
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
      logger: false,
    })
  })

  afterAll(async () => {
    await running?.shutdown()
    await redis?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const ask = (headers: Record<string, string> = {}) => fetch(`${running.url}/agents/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{"role":"qa","prompt":"outage"}',
  })

  async function timed(request: () => Promise<Response>): Promise<{ response: Response; ms: number }> {
    const started = performance.now()
    const response = await request()
    await response.arrayBuffer()
    return { response, ms: performance.now() - started }
  }

  it('follows the failure policy and recovers', async () => {
    expect((await ask({ 'idempotency-key': randomUUID() })).status).toBe(200)
    const port = redis.port
    await redis.stop()

    const limited = await timed(() => ask())
    expect(limited.response.status).toBe(200)
    expect(limited.response.headers.get('x-ratelimit-limit')).not.toBeNull()
    expect(limited.ms).toBeLessThan(MAX_DEGRADED_MS)

    const idempotent = await timed(() => ask({ 'idempotency-key': randomUUID() }))
    expect(idempotent.response.status).toBe(503)
    expect(idempotent.response.headers.get('retry-after')).toBe('1')
    expect(idempotent.ms).toBeLessThan(MAX_DEGRADED_MS)

    await new Promise((resolve) => setTimeout(resolve, 1600))
    const health = await (await fetch(`${running.url}/health`)).json()
    expect(health.status).toBe('degraded')
    expect(health.components.redis).toBe('degraded')

    redis = await startRedis({ port })
    await expect.poll(async () => (await ask({ 'idempotency-key': randomUUID() })).status, { timeout: 8000, interval: 200 }).toBe(200)
  })
})
