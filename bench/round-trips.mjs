/**
 * Redis round trips per request of the generated server, run as its own process by run.mjs (or
 * alone: `node bench/round-trips.mjs`). It starts a private redis-server on a free loopback
 * port, so INFO commandstats counts this server's commands only. It serves the app of dist-app/
 * on it twice: with the config of variant 6 (rate limiting and idempotency on) and with that of
 * variant 4 (both off). Each run sends BENCH_ROUND_TRIP_REQUESTS requests (default 1000), one
 * at a time, each with a fresh Idempotency-Key. Prints one JSON document.
 */

import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { Redis } from 'ioredis'

import { armCleanup, start, stop } from './lib/processes.mjs'

const BENCH = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(BENCH, '..')
const REQUESTS = Number(process.env.BENCH_ROUND_TRIP_REQUESTS ?? 1000)
const WARMUP_REQUESTS = 20
const BODY = '{"role":"qa","prompt":"Test question"}'
const CONFIGS = [
  { variant: 'contracts-redis', config: 'configs/redis.yaml' },
  { variant: 'contracts', config: 'configs/validation-only.yaml' },
]

// Commands that the Lua scripts run inside Redis. INFO counts them, but they cost no round trip.
const SCRIPT_INTERNAL = new Set(['time', 'hmget', 'hset', 'pexpire', 'pttl', 'hget', 'del'])
// This probe's own commands, and the server's Redis memory sample (INFO every few seconds).
const NOT_PER_REQUEST = new Set(['info', 'config', 'ping'])

if (!Number.isInteger(REQUESTS) || REQUESTS < 1) {
  throw new Error(`Invalid BENCH_ROUND_TRIP_REQUESTS=${JSON.stringify(process.env.BENCH_ROUND_TRIP_REQUESTS)}: use a whole number of at least 1.`)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function startRedis(dir) {
  const port = await freePort()
  const child = start('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir])
  const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => undefined)
  for (let attempt = 0; ; attempt += 1) {
    try {
      await probe.connect()
      await probe.ping()
      return { child, port, probe }
    } catch {
      probe.disconnect()
      if (attempt >= 50) throw new Error(`redis-server did not respond on 127.0.0.1:${port} within 5 s`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/** Calls per command since the last CONFIG RESETSTAT, from INFO commandstats. */
async function commandCalls(probe) {
  const stats = await probe.info('commandstats')
  return Object.fromEntries([...stats.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)].map(([, name, calls]) => [name, Number(calls)]))
}

async function send(url, count) {
  const statuses = {}
  for (let index = 0; index < count; index += 1) {
    const response = await fetch(`${url}/agents/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: BODY,
    })
    await response.arrayBuffer()
    statuses[response.status] = (statuses[response.status] ?? 0) + 1
  }
  return statuses
}

/** Serves dist-app with one config on the private Redis and counts its commands for REQUESTS requests. */
async function measure(generated, createHandlers, redis, { variant, config }) {
  const environment = { REDIS_HOST: '127.0.0.1', REDIS_PORT: String(redis.port) }
  const running = await generated.startServer(generated.api, {
    handlers: createHandlers(),
    config: generated.loadConfig(path.join(BENCH, config), environment),
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    logger: false,
  })
  try {
    // The first admission loads the scripts: EVALSHA fails with NOSCRIPT, then ioredis sends EVAL.
    await send(running.url, WARMUP_REQUESTS)
    await redis.probe.config('RESETSTAT')
    const statuses = await send(running.url, REQUESTS)
    const calls = await commandCalls(redis.probe)

    // Redis 7 counts subcommands apart, as `config|resetstat`; the command is what comes first.
    const roundTrips = Object.entries(calls)
      .map(([name, count]) => [name.split('|')[0], count])
      .filter(([name]) => !SCRIPT_INTERNAL.has(name) && !NOT_PER_REQUEST.has(name))
      .reduce((total, [, count]) => total + count, 0)
    // Only the admission script reads TIME, once per call, so TIME counts the round trips made
    // before the handler. The others store the response after it.
    const admissions = calls.time ?? 0
    return {
      variant,
      config: `bench/${config}`,
      requests: REQUESTS,
      statuses,
      calls,
      roundTripsPerRequest: roundTrips / REQUESTS,
      beforeHandlerPerRequest: admissions / REQUESTS,
      afterHandlerPerRequest: (roundTrips - admissions) / REQUESTS,
    }
  } finally {
    await running.shutdown()
  }
}

async function main() {
  armCleanup()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'contracts-bench-redis-'))
  let redis
  try {
    redis = await startRedis(dir)
    const generated = await import(pathToFileURL(path.join(ROOT, 'dist-app/generated/index.js')).href)
    const { createHandlers } = await import(pathToFileURL(path.join(ROOT, 'dist-app/app/handlers.js')).href)
    const rows = []
    for (const entry of CONFIGS) rows.push(await measure(generated, createHandlers, redis, entry))
    return { redisPort: redis.port, rows }
  } finally {
    redis?.probe.disconnect()
    if (redis) await stop(redis.child, 2000)
    rmSync(dir, { recursive: true, force: true })
  }
}

try {
  process.stdout.write(`${JSON.stringify(await main())}\n`)
  process.exit(0)
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error.message })}\n`)
  process.exit(1)
}
