/**
 * Graceful shutdown of server processes (test/fixtures/servers/counting-server.mjs). SIGTERM
 * lets a slow request finish, closes its connection afterwards and exits 0. Past
 * `server.shutdown_timeout_seconds` the process still exits 0 and releases the Idempotency-Key
 * of the request it cut off, so a second process sharing the Redis at 127.0.0.1:6379 runs the
 * retry at once instead of returning 409.
 */

import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import { Redis } from 'ioredis'
import { afterAll, describe, it } from 'vitest'

import { countingServerFile, killAppProcesses, startAppProcess, type AppProcess } from '../helpers/app-process.js'
import { ask, makeTempDir, stopGenesisServers } from '../helpers/genesis-server.js'
import { rawHttp, rawRequest } from '../helpers/raw-socket.js'
import { deleteKeys } from '../helpers/stores.js'

const redis = new Redis({ host: '127.0.0.1', port: 6379 })
const prefixes: string[] = []

function newPrefix(): string {
  const prefix = `contracts-ops-shutdown-${randomUUID()}`
  prefixes.push(prefix)
  return prefix
}

async function startCounting(config: string, counterKey: string, delayMs: number): Promise<AppProcess> {
  const dir = await makeTempDir()
  const configFile = path.join(dir, 'config.yaml')
  await writeFile(configFile, config)
  return startAppProcess({ script: countingServerFile, env: { CONFIG_FILE: configFile, COUNTER_KEY: counterKey, DELAY_MS: String(delayMs) } })
}

async function counter(key: string): Promise<number> {
  return Number(await redis.get(key))
}

afterAll(async () => {
  await killAppProcesses()
  await stopGenesisServers()
  for (const prefix of prefixes) await deleteKeys(`${prefix}*`)
  redis.disconnect()
})

// Each test runs its own processes under its own key prefix, so the tests run at once.
describe.concurrent('SIGTERM', () => {
  it('lets a slow request finish', async ({ expect }) => {
    const prefix = newPrefix()
    const app = await startCounting('logging:\n  level: silent\n', `${prefix}:runs`, 2500)
    const pending = ask(app.url, { role: 'qa', prompt: 'slow' })
    await expect.poll(() => counter(`${prefix}:runs`), { timeout: 5000 }).toBe(1)

    app.signal('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 200))
    const late = await fetch(`${app.url}/health`).then(
      (response) => response.status,
      () => 'refused',
    )
    const response = await pending
    const body = (await response.json()) as { answer: string }
    const exit = await app.exited

    expect(late, 'a new connection after SIGTERM').toBe('refused')
    expect(response.status).toBe(200)
    expect(body.answer).toContain('slow')
    expect(exit.exitCode, JSON.stringify(exit)).toBe(0)
  })

  it('closes a keep-alive connection after its response', async ({ expect }) => {
    const prefix = newPrefix()
    const app = await startCounting('logging:\n  level: silent\n', `${prefix}:runs`, 2500)
    // A keep-alive client that never closes by itself, as many HTTP client pools do.
    const request = rawHttp('POST /agents/ask HTTP/1.1', ['Content-Type: application/json', 'Content-Length: 31'], '{"role":"qa","prompt":"linger"}')
    const pending = rawRequest(app.url, request, { timeoutMs: 20_000, lingerMs: 10_000 })
    await expect.poll(() => counter(`${prefix}:runs`), { timeout: 5000 }).toBe(1)

    app.signal('SIGTERM')
    const exchange = await pending
    const exit = await app.exited
    const idleMs = (exchange.closedAfterMs ?? Infinity) - exchange.elapsedMs

    expect(exchange.status).toBe(200)
    expect(exchange.closedByServer).toBe(true)
    expect(idleMs, 'time the server kept the idle connection open while shutting down').toBeLessThan(1000)
    expect(exit.exitCode).toBe(0)
  })

  it('past the timeout releases the idempotency key', async ({ expect }) => {
    const prefix = newPrefix()
    const counterKey = `${prefix}:runs`
    const config = `server:\n  shutdown_timeout_seconds: 0.3\nredis:\n  host: 127.0.0.1\n  port: 6379\n  key_prefix: ${prefix}\n  command_timeout_ms: 1000\nlogging:\n  level: silent\n`
    const [slow, other] = await Promise.all([startCounting(config, counterKey, 60_000), startCounting(config, counterKey, 0)])
    const key = randomUUID()
    const body = { role: 'qa', prompt: 'cut off' }

    const cutOff = ask(slow.url, body, { 'idempotency-key': key }).then(
      (response) => response.status,
      () => 'connection closed',
    )
    await expect.poll(() => counter(counterKey), { timeout: 5000 }).toBe(1)
    const stopping = performance.now()
    const exit = await slow.stop('SIGTERM')
    const stoppedAfterMs = performance.now() - stopping

    const retry = await ask(other.url, body, { 'idempotency-key': key })
    await retry.arrayBuffer()

    expect(exit.exitCode).toBe(0)
    expect(stoppedAfterMs).toBeLessThan(5000)
    expect(await cutOff).not.toBe(200)
    expect(retry.status).toBe(200)
    expect(await counter(counterKey)).toBe(2)
  })
})
