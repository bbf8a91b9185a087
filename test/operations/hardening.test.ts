/**
 * Hostile and malformed requests, each written byte for byte on a socket: every one gets a
 * 4xx problem (or Node's own 431), never a 5xx. Oversized bodies are cut off early and the
 * connection is closed. Prototype-polluting keys in bodies and queries must leave
 * Object.prototype alone in the process that runs the server, which is this test process.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadGenerated, startGenesis, stopGenesisServers, type GenesisApi } from '../helpers/genesis-server.js'
import { rawHttp, rawRequest, type RawExchange } from '../helpers/raw-socket.js'

const BODY_LIMIT = 4096
const VALID_BODY = '{"role":"qa","prompt":"hello"}'

/** Builds a POST /agents/ask (or `target`) with `headerLines` and the correct Content-Length of `body`. */
function post(body: Buffer | string, headerLines: readonly string[] = ['Content-Type: application/json'], target = '/agents/ask'): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  return rawHttp(`POST ${target} HTTP/1.1`, [...headerLines, `Content-Length: ${bytes.length}`, 'Connection: close'], bytes)
}

/** Builds a valid ask body nested `depth` levels deep, counting the outermost object as level 1. */
function nestedContext(depth: number): string {
  let value = '{}'
  for (let level = 2; level < depth; level += 1) value = `{"a":${value}}`
  return `{"role":"qa","prompt":"deep","context":${value}}`
}

function problemError(exchange: RawExchange): string | undefined {
  try {
    return (JSON.parse(exchange.body) as { error?: string }).error
  } catch {
    return undefined
  }
}

let url: string

beforeAll(async () => {
  const started = await startGenesis({ config: `server:\n  body_limit_bytes: ${BODY_LIMIT}\nlogging:\n  level: silent\n` })
  url = started.url
})

afterAll(async () => {
  await stopGenesisServers()
})

describe('malformed requests', () => {
  const cases: { name: string; build: () => Buffer; status: number; error: string }[] = [
    { name: 'JSON nested deeper than 64', build: () => post('['.repeat(65) + ']'.repeat(65)), status: 400, error: 'json_too_deep' },
    { name: 'invalid UTF-8 body', build: () => post(Buffer.from([0x7b, 0x22, 0x72, 0xff, 0xfe, 0x22, 0x7d])), status: 400, error: 'invalid_encoding' },
    { name: 'raw NUL byte in a JSON string', build: () => post(Buffer.from('{"role":"qa","prompt":"a\u0000b"}', 'utf8')), status: 400, error: 'invalid_json' },
    { name: 'duplicated Content-Type', build: () => post(VALID_BODY, ['Content-Type: application/json', 'Content-Type: text/plain']), status: 400, error: 'duplicate_header' },
    { name: 'duplicated Idempotency-Key', build: () => post(VALID_BODY, ['Content-Type: application/json', 'Idempotency-Key: key-a', 'Idempotency-Key: key-b']), status: 400, error: 'invalid_idempotency_key' },
    { name: 'Content-Type with an empty required body', build: () => post(''), status: 400, error: 'body_required' },
    { name: 'unsupported Content-Type', build: () => post(VALID_BODY, ['Content-Type: text/xml']), status: 415, error: 'unsupported_media_type' },
    { name: 'truncated JSON', build: () => post('{"role":"qa","prompt":'), status: 400, error: 'invalid_json' },
  ]

  it.each(cases)('$name gets $status', async ({ build, status }) => {
    const exchange = await rawRequest(url, build(), { lingerMs: 0 })

    expect(exchange.status, exchange.body).toBe(status)
  })

  it.each(cases)('$name is a $error problem', async ({ build, error }) => {
    const exchange = await rawRequest(url, build(), { lingerMs: 0 })

    expect(exchange.headers['content-type']).toBe('application/problem+json')
    expect(problemError(exchange)).toBe(error)
  })

  it('JSON nested exactly 64 deep is accepted', async () => {
    const exchange = await rawRequest(url, post(nestedContext(64)), { lingerMs: 0 })

    expect(exchange.status, exchange.body).toBe(200)
  })

  it('JSON nested 65 deep in a valid body is rejected', async () => {
    const exchange = await rawRequest(url, post(nestedContext(65)), { lingerMs: 0 })

    expect(exchange.status).toBe(400)
    expect(problemError(exchange)).toBe('json_too_deep')
  })

  it('overlong header gets 431', async () => {
    const request = rawHttp('GET /health HTTP/1.1', [`X-Padding: ${'a'.repeat(20_000)}`, 'Connection: close'])
    const exchange = await rawRequest(url, request, { lingerMs: 0 })

    expect(exchange.status).toBe(431)
  })

  it('body on GET /health is ignored', async () => {
    const request = rawHttp('GET /health HTTP/1.1', ['Content-Type: application/json', 'Content-Length: 17', 'Connection: close'], '{"not":"wanted"}\n')
    const exchange = await rawRequest(url, request, { lingerMs: 0 })

    expect(exchange.status, exchange.body).toBe(200)
    expect((JSON.parse(exchange.body) as { status: string }).status).toBe('healthy')
  })
})

describe('oversized bodies', () => {
  it('Content-Length above the limit gets 413 at once', async () => {
    // Only the headers and a few bytes are sent, so a server that waits for the body times out.
    const request = rawHttp('POST /agents/ask HTTP/1.1', ['Content-Type: application/json', `Content-Length: ${100 * BODY_LIMIT}`], '{"role":')
    const exchange = await rawRequest(url, request, { timeoutMs: 5000, lingerMs: 1000 })

    expect(exchange.status).toBe(413)
    expect(problemError(exchange)).toBe('payload_too_large')
    expect(exchange.elapsedMs).toBeLessThan(2000)
    expect(exchange.closedByServer).toBe(true)
  })

  it('chunked body past the limit gets 413 at once', async () => {
    const chunk = (size: number) => `${size.toString(16)}\r\n${'a'.repeat(size)}\r\n`
    const request = rawHttp('POST /agents/ask HTTP/1.1', ['Content-Type: application/json', 'Transfer-Encoding: chunked'], chunk(BODY_LIMIT + 1024))
    // The client keeps sending for 4 s, so the server must respond and hang up long before that.
    const exchange = await rawRequest(url, request, { timeoutMs: 5000, lingerMs: 1000, trickle: { chunks: Array(200).fill(chunk(1024)), everyMs: 20 } })

    expect(exchange.status).toBe(413)
    expect(problemError(exchange)).toBe('payload_too_large')
    expect(exchange.elapsedMs).toBeLessThan(2000)
    expect(exchange.closedByServer).toBe(true)
  })

  it('body within the limit still passes', async () => {
    const body = JSON.stringify({ role: 'qa', prompt: 'x'.repeat(3900) })
    const exchange = await rawRequest(url, post(body), { lingerMs: 0 })

    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BODY_LIMIT)
    expect(exchange.status, exchange.body).toBe(200)
  })
})

describe('prototype pollution', () => {
  let pollutionUrl: string

  beforeAll(async () => {
    // The Genesis API has no deepObject parameter, so askAgent gets one here: ?filter[key]=value.
    const { api } = await loadGenerated()
    const operations = api.operations.map((operation) =>
      operation.operationId === 'askAgent'
        ? { ...operation, parameters: [...operation.parameters, { name: 'filter', in: 'query', required: false, style: 'deepObject', explode: true, shape: 'object', allowReserved: false, allowEmptyValue: false }] }
        : operation,
    )
    const extended: GenesisApi = { operations, routes: api.routes }
    const started = await startGenesis({ api: extended, config: 'logging:\n  level: silent\n' })
    pollutionUrl = started.url
  })

  const bodies: [string, string][] = [
    ['__proto__ at the top', '{"__proto__":{"polluted":true},"role":"qa","prompt":"x"}'],
    ['constructor.prototype at the top', '{"constructor":{"prototype":{"polluted":true}},"role":"qa","prompt":"x"}'],
    ['__proto__ in free-form context', '{"role":"qa","prompt":"x","context":{"__proto__":{"polluted":true}}}'],
    ['constructor.prototype in context', '{"role":"qa","prompt":"x","context":{"constructor":{"prototype":{"polluted":true}}}}'],
    ['prototype key in context', '{"role":"qa","prompt":"x","context":{"prototype":{"polluted":true}}}'],
  ]
  const queries: [string, string][] = [
    ['__proto__ brackets', '?__proto__[polluted]=1'],
    ['__proto__ dot', '?__proto__.polluted=1'],
    ['constructor brackets', '?constructor[prototype][polluted]=1'],
    ['deepObject __proto__', '?filter[__proto__][polluted]=1'],
    ['deepObject constructor', '?filter[constructor][prototype][polluted]=1'],
    ['deepObject prototype', '?filter[prototype][polluted]=1'],
    ['deepObject __proto__ alone', '?filter[__proto__]=1'],
  ]

  function notPolluted(): void {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
  }

  it.each(bodies)('JSON body with %s', async (name, body) => {
    // An Idempotency-Key makes the server fingerprint the parsed body as well.
    const exchange = await rawRequest(pollutionUrl, post(body, ['Content-Type: application/json', `Idempotency-Key: pollution-${name.length}-${Date.now()}`]), { lingerMs: 0 })

    expect(exchange.status).toBeGreaterThanOrEqual(200)
    expect(exchange.status, exchange.body).toBeLessThan(500)
    notPolluted()
  })

  it.each(queries)('query with %s', async (_name, query) => {
    const exchange = await rawRequest(pollutionUrl, post(VALID_BODY, ['Content-Type: application/json'], `/agents/ask${query}`), { lingerMs: 0 })

    expect(exchange.status).toBeGreaterThanOrEqual(200)
    expect(exchange.status, exchange.body).toBeLessThan(500)
    notPolluted()
  })
})
