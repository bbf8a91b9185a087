/**
 * Generated malformed requests against one in-process Genesis server: random methods, paths
 * with odd bytes and percent-escapes, random headers, and truncated, garbage, huge-number,
 * deep or mistyped bodies. Bounded by count and by time. No request may get a 5xx, the server
 * must still respond to /health, and the heap must not grow beyond what the stored idempotent
 * responses explain. Set FUZZ_SEED to replay a run.
 */

import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startGenesis, stopGenesisServers } from '../helpers/genesis-server.js'
import { rawRequest, type RawExchange } from '../helpers/raw-socket.js'

const MAX_REQUESTS = 3000
const MAX_MILLISECONDS = 12_000
const CONCURRENCY = 8
const BODY_LIMIT = 16_384
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed)
// Heap growth allowed after a forced collection. The stored idempotent responses take about 1 MB.
const MAX_HEAP_GROWTH_BYTES = 32 * 1024 * 1024
// RSS growth allowed when no collection can be forced. RSS also counts freed pages not yet returned.
const MAX_RSS_GROWTH_BYTES = 100 * 1024 * 1024

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = generator(SEED)

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

function integer(max: number): number {
  return Math.floor(random() * max)
}

function randomBytes(length: number, from = 0, to = 256): Buffer {
  return Buffer.from(Array.from({ length }, () => from + integer(to - from)))
}

const METHODS = ['GET', 'POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'FOO', 'post', 'G\u00e9T']
const API_ROUTES = ['/agents/ask', '/halo/route', '/orchestrate/task']
const ROUTES = [...API_ROUTES, '/health', '/metrics', '/', '/agents', '/agents/ask/extra', '/nope/123']
const PATH_ODDITIES = ['%00', '%ff', '%2e%2e', '%2F', '%', '%zz', '%E0%A4%A', '//', '/..', '/./', ';x=1', '\u00e9', '~', '*', '%c0%af', '%u2215']
const QUERIES = ['', '?verbose=true', '?verbose=%ff', '?verbose=maybe', '?__proto__[x]=1', '?constructor[prototype][x]=1', '?a=%E0%A4%A', '?a&&&=&=', '?verbose=true&verbose=false', `?q=${'x'.repeat(3000)}`, '?dry_run=1&explain=yes']
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'APPLICATION/JSON', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/*', '*/*', '', ';;;', 'application/json, text/plain']
const HEADER_NAMES = ['X-Request-Id', 'Authorization', 'X-API-Key', 'Idempotency-Key', 'Cookie', 'Accept', 'Accept-Encoding', 'X-Forwarded-For', 'X-Forwarded-Proto', 'Forwarded', 'If-None-Match', 'Range', 'X-Custom', 'Content-Encoding', 'Content-Language']

function randomPath(): string {
  // Most requests reach an operation, so the body and header checks run, not only the router.
  if (random() < 0.6) return pick(API_ROUTES) + (random() < 0.3 ? pick(QUERIES) : '')
  let path = pick(ROUTES)
  const twists = integer(4)
  for (let index = 0; index < twists; index += 1) {
    const position = integer(path.length + 1)
    path = path.slice(0, position) + pick(PATH_ODDITIES) + path.slice(position)
  }
  if (random() < 0.05) path += '/a'.repeat(1 + integer(2000))
  return path + pick(QUERIES)
}

function randomHeaderValue(): Buffer {
  const kind = integer(6)
  if (kind === 0) return randomBytes(1 + integer(40), 0x20, 0x7f)
  if (kind === 1) return randomBytes(1 + integer(40), 0x80, 0x100)
  if (kind === 2) return Buffer.from('x'.repeat(1 + integer(6000)))
  if (kind === 3) return Buffer.from(pick(['Bearer ', 'Basic !!', '1.2.3.4, nonsense', 'for=unknown;proto=https', 'proto=gopher', 'W/"etag"', 'bytes=0-0', 'gzip', 'abc-123']))
  if (kind === 4) return Buffer.from('')
  return Buffer.from(String(random()))
}

const VALID_ASK = '{"role":"qa","prompt":"fuzz","max_tokens":10,"context":{"files":[{"name":"a.ts","content":"x"}]}}'

function deepJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}

function randomBody(): Buffer {
  const kind = integer(12)
  if (kind === 0) return Buffer.alloc(0)
  if (kind === 1) return Buffer.from(VALID_ASK)
  if (kind === 2) return Buffer.from(VALID_ASK.slice(0, integer(VALID_ASK.length)))
  if (kind === 3) return randomBytes(1 + integer(2000))
  if (kind === 4) return Buffer.from(pick(['{"role":"qa","prompt":"x","max_tokens":1e999999}', '{"role":"qa","prompt":"x","max_tokens":123456789012345678901234567890}', '{"role":"qa","prompt":"x","temperature":-0.0e-999}', '[1e309]', '-']))
  if (kind === 5) return Buffer.from(deepJson(1 + integer(5000)))
  if (kind === 6) return Buffer.from(`{"role":"qa","prompt":"x","context":${'{"a":'.repeat(50 + integer(30))}1${'}'.repeat(50 + integer(30))}}`)
  if (kind === 7) return Buffer.concat([Buffer.from('{"role":"qa","prompt":"'), randomBytes(1 + integer(50)), Buffer.from('"}')])
  if (kind === 8) return Buffer.from('x'.repeat(BODY_LIMIT + 1 + integer(4096)))
  if (kind === 9) return Buffer.from(pick(['{"request":"deploy it","candidates":["qa","qa"]}', '{"task":"t","steps":[{"kind":"deploy"}]}', 'role=qa&prompt=x', '{"__proto__":{"x":1},"role":"qa","prompt":"x"}', 'null', '""', '{}']))
  if (kind === 10) return Buffer.from('\ufeff' + VALID_ASK)
  return Buffer.from(JSON.stringify({ role: pick(['qa', 'builder', 'QA', 1, null]), prompt: 'y'.repeat(integer(5000)) }))
}

interface FuzzRequest {
  bytes: Buffer
  /** Short description for failure messages. */
  summary: string
}

function randomRequest(): FuzzRequest {
  const method = random() < 0.5 ? 'POST' : pick(METHODS)
  const target = randomPath()
  const body = random() < 0.8 ? randomBody() : Buffer.alloc(0)
  const lines: Buffer[] = [Buffer.from(`${method} `, 'latin1'), Buffer.from(target, 'latin1'), Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\n')]

  if (random() < 0.85) lines.push(Buffer.from(`Content-Type: ${random() < 0.5 ? 'application/json' : pick(CONTENT_TYPES)}\r\n`))
  if (random() < 0.05) lines.push(Buffer.from(`Content-Type: ${pick(CONTENT_TYPES)}\r\n`))
  const extra = integer(5)
  for (let index = 0; index < extra; index += 1) {
    const name = random() < 0.9 ? pick(HEADER_NAMES) : `X-${randomBytes(1 + integer(10), 0x61, 0x7b).toString('latin1')}`
    lines.push(Buffer.from(`${name}: `), randomHeaderValue(), Buffer.from('\r\n'))
  }
  lines.push(Buffer.from(`Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body)
  return { bytes: Buffer.concat(lines), summary: `${method} ${target.slice(0, 80)} (${body.length} body bytes): ${body.subarray(0, 60).toString('latin1')}` }
}

/** Returns a function that forces a collection: global.gc under --expose-gc, else one enabled through V8 flags. */
function findGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed) return exposed
  try {
    setFlagsFromString('--expose-gc')
    return runInNewContext('gc') as () => void
  } catch {
    return undefined
  }
}

interface Outcome {
  request: FuzzRequest
  exchange: RawExchange
}

let url: string

beforeAll(async () => {
  const endpoints = ['/agents/ask', '/halo/route', '/orchestrate/task'].map((route) => `    ${route}:\n      limit: 1000000\n      window_seconds: 60\n`).join('')
  const config = `server:\n  body_limit_bytes: ${BODY_LIMIT}\nrate_limiting:\n  default_limit: 1000000\n  endpoints:\n${endpoints}logging:\n  level: silent\n`
  url = (await startGenesis({ config })).url
})

afterAll(async () => {
  await stopGenesisServers()
})

describe(`fuzzing with seed ${SEED}`, () => {
  const outcomes: Outcome[] = []
  let heapGrowth: number | undefined
  let rssGrowth = 0

  beforeAll(async () => {
    const gc = findGc()
    const measure = () => {
      gc?.()
      return process.memoryUsage()
    }

    // Warm up first, so lazily built caches do not count as growth.
    for (let index = 0; index < 50; index += 1) await rawRequest(url, randomRequest().bytes, { lingerMs: 0, timeoutMs: 3000 })
    const before = measure()

    const deadline = performance.now() + MAX_MILLISECONDS
    let sent = 0
    const worker = async () => {
      while (sent < MAX_REQUESTS && performance.now() < deadline) {
        sent += 1
        const request = randomRequest()
        const exchange = await rawRequest(url, request.bytes, { lingerMs: 0, timeoutMs: 3000 })
        outcomes.push({ request, exchange })
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))

    const after = measure()
    heapGrowth = gc ? after.heapUsed - before.heapUsed : undefined
    rssGrowth = after.rss - before.rss
  }, 60_000)

  it('sends hundreds of requests', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(300)
  })

  it('never gets a 5xx', () => {
    const failures = outcomes.filter(({ exchange }) => exchange.status >= 500).map(({ request, exchange }) => `${exchange.status} for ${request.summary} -> ${exchange.body.slice(0, 200)}`)

    expect(failures.slice(0, 5), `${failures.length} of ${outcomes.length} requests got a 5xx`).toEqual([])
  })

  it('never leaves a request unanswered', () => {
    const hung = outcomes.filter(({ exchange }) => exchange.timedOut).map(({ request }) => request.summary)

    expect(hung.slice(0, 5), `${hung.length} requests timed out`).toEqual([])
  })

  it('reaches the handlers', () => {
    const succeeded = outcomes.filter(({ exchange }) => exchange.status >= 200 && exchange.status < 300)

    expect(succeeded.length).toBeGreaterThan(0)
  })

  it('still answers /health', async () => {
    const response = await fetch(`${url}/health`)
    const body = (await response.json()) as { status: string }

    expect(response.status).toBe(200)
    expect(body.status).toBe('healthy')
  })

  it('keeps memory stable', () => {
    if (heapGrowth !== undefined) expect(heapGrowth).toBeLessThan(MAX_HEAP_GROWTH_BYTES)
    else expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH_BYTES)
  })
})
