/**
 * Counts Redis commands per request on a private redis-server: admission is one script call
 * (rate limit and idempotency claim together), and storing the response is one more, after
 * the handler.
 */

import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { hasRedisServer, startRedis, type RedisProcess } from '../helpers/redis-server.js'

const available = await hasRedisServer()

// Commands the scripts run inside Redis; INFO counts them too, but they cost no round trip.
const SCRIPT_INTERNAL = new Set(['time', 'hmget', 'hset', 'pexpire', 'pttl', 'hget', 'del'])

/**
 * Round trips since the last RESETSTAT: script calls (EVALSHA, EVAL) plus any other command a
 * client sent, leaving out what scripts ran inside and this probe's own INFO and CONFIG.
 */
async function roundTrips(client: Redis): Promise<number> {
  const stats = await client.info('commandstats')
  return [...stats.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)]
    .filter(([, name]) => name !== 'info' && name !== 'config' && !SCRIPT_INTERNAL.has(name as string))
    .reduce((total, [, , calls]) => total + Number(calls), 0)
}

describe.skipIf(!available)('Redis round trips per request', () => {
  let redis: RedisProcess
  let probe: Redis
  let running: { url: string; shutdown(): Promise<void> }
  let dir: string

  beforeAll(async () => {
    redis = await startRedis()
    probe = new Redis({ host: '127.0.0.1', port: redis.port })
    dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-trips-'))
    const configFile = path.join(dir, 'config.yaml')
    await writeFile(configFile, `redis:\n  host: 127.0.0.1\n  port: ${redis.port}\nlogging:\n  level: silent\nmonitoring:\n  collect_metrics: false\n`)
    const generated = await import(pathToFileURL(path.resolve('dist-app/generated/index.js')).href)
    const { createHandlers } = await import(pathToFileURL(path.resolve('dist-app/app/handlers.js')).href)
    running = await generated.startServer(generated.api, {
      handlers: createHandlers(),
      config: generated.loadConfig(configFile, {}),
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
      logger: false,
    })
    // Warm up: the first call loads the scripts (EVALSHA, then EVAL on NOSCRIPT).
    await ask({ 'idempotency-key': randomUUID() })
  })

  afterAll(async () => {
    await running?.shutdown()
    probe?.disconnect()
    await redis?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  async function ask(headers: Record<string, string> = {}, body = '{"role":"qa","prompt":"count"}'): Promise<Response> {
    const response = await fetch(`${running.url}/agents/ask`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
    await response.arrayBuffer()
    return response
  }

  async function commandsFor(send: () => Promise<Response>): Promise<number> {
    await probe.config('RESETSTAT')
    await send()
    return roundTrips(probe)
  }

  const cases: [string, () => Promise<Response>, number][] = [
    ['request without a key', () => ask(), 1],
    ['invalid request', () => ask({}, '{"role":"qa"}'), 1],
    ['request with a new key', () => ask({ 'idempotency-key': randomUUID() }), 2],
  ]

  it.each(cases)('%s costs %i round trips', async (_name, send, expected) => {
    expect(await commandsFor(send)).toBe(expected)
  })

  it('replay costs one command', async () => {
    const key = randomUUID()
    await ask({ 'idempotency-key': key })

    expect(await commandsFor(() => ask({ 'idempotency-key': key }))).toBe(1)
  })
})
