/**
 * Shared parts of the benchmark servers: the address and port they listen on, the request
 * handler, the line printed when ready, a bounded lifetime, and a clean exit on SIGTERM (so that
 * `node --cpu-prof` writes its profile).
 */

import { fileURLToPath } from 'node:url'
import path from 'node:path'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const HOST = '127.0.0.1'
export const PORT = Number(process.env.PORT ?? 0)
export const SPEC_FILE = path.join(ROOT, 'schemas/agents_ask.openapi.yaml')
export const REDIS = {
  host: '127.0.0.1',
  port: Number(process.env.BENCH_REDIS_PORT ?? 6379),
  db: Number(process.env.BENCH_REDIS_DB ?? 0),
}
// Every Redis key a variant writes starts with this; the harness deletes them afterwards.
export const KEY_PREFIX = 'contracts-bench'
// Far above what one run can send, so no variant responds with 429 during a measurement.
export const RATE_LIMIT = 1_000_000_000

const LIFETIME_MS = Number(process.env.BENCH_SERVER_LIFETIME_S ?? 300) * 1000
const cleanups = []

/** The demo handler of the product, the same one in every variant. */
export async function askAgentHandler() {
  const { createHandlers } = await import(path.join(ROOT, 'dist-app/app/handlers.js'))
  const handlers = createHandlers()
  return (body) => handlers.askAgent({ body, query: {}, path: {}, headers: {}, cookies: {} })
}

export function onShutdown(cleanup) {
  cleanups.push(cleanup)
}

async function shutdown(reason) {
  for (const cleanup of cleanups) {
    try {
      await cleanup()
    } catch {
      // Best effort: the process ends anyway.
    }
  }
  const usage = process.resourceUsage()
  process.stdout.write(`${JSON.stringify({ event: 'exit', reason, maxRssKb: usage.maxRSS })}\n`)
  process.exit(0)
}

/** Prints the ready line once `server` listens, and arms the exits. */
export function announce(server, extra = {}) {
  const address = server.address()
  process.stdout.write(`${JSON.stringify({ event: 'ready', port: address.port, pid: process.pid, ...extra })}\n`)
}

export function armExits() {
  for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => void shutdown(signal))
  // SIGUSR2 marks the start of a profiled load, in the clock of V8's CPU profiles (µs).
  process.on('SIGUSR2', () => {
    process.stdout.write(`${JSON.stringify({ event: 'mark', monotonicMicros: Number(process.hrtime.bigint() / 1000n) })}\n`)
  })
  // A server left behind by a crashed harness still stops by itself.
  setTimeout(() => void shutdown('lifetime'), LIFETIME_MS).unref()
}
