/**
 * Routing, path decoding, handler failures and validation reports of a generated server,
 * on a small fixture spec compiled with tsc and served on 127.0.0.1.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { compileProject, removeTempProjects, startServer, type CompiledProject, type RunningServer } from '../helpers/project.js'

const SECRET = 'connection to db-primary refused for user admin'

const handlers = {
  getCurrentUser: () => ({ status: 200, body: { id: 'me', matched: '/users/me' } }),
  getUser: (request: { path: { id: string } }) => ({ status: 200, body: { id: request.path.id, matched: '/users/{id}' } }),
  getFile: (request: { path: Record<string, string> }) => ({ status: 200, body: request.path }),
  throwError: () => {
    throw new Error(SECRET)
  },
  returnNothing: () => undefined,
  createAccount: (request: { body: unknown }) => ({ status: 201, body: request.body }),
}

interface LogEntry {
  level: 'info' | 'error'
  fields: Record<string, unknown>
  message?: string
}

type Json = Record<string, any>

let project: CompiledProject
let server: RunningServer

beforeAll(async () => {
  project = await compileProject({ specs: [fixture('server-behaviour.yaml')] })
  server = await startServer(project.generated, handlers)
})

afterAll(async () => {
  await server?.close()
  await removeTempProjects()
})

async function get(route: string): Promise<{ status: number; body: Json; contentType: string | null }> {
  const response = await fetch(server.url + route)
  const text = await response.text()
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Json), contentType: response.headers.get('content-type') }
}

const routeCases = [
  { name: 'static segment beats template', path: '/users/me', status: 200, body: { id: 'me', matched: '/users/me' } },
  { name: 'template matches other value', path: '/users/42', status: 200, body: { id: '42', matched: '/users/{id}' } },
  { name: 'encoded static-looking value', path: '/users/m%65', status: 200, body: { id: 'me', matched: '/users/me' } },
  { name: 'percent-encoded space decoded', path: '/users/a%20b', status: 200, body: { id: 'a b', matched: '/users/{id}' } },
  { name: 'UTF-8 escape decoded', path: '/users/caf%C3%A9', status: 200, body: { id: 'café', matched: '/users/{id}' } },
  { name: 'encoded slash stays in value', path: '/users/a%2Fb', status: 200, body: { id: 'a/b', matched: '/users/{id}' } },
  { name: 'plus kept literally in path', path: '/users/a+b', status: 200, body: { id: 'a+b', matched: '/users/{id}' } },
  { name: 'mixed segment split into variables', path: '/files/report.md', status: 200, body: { name: 'report', ext: 'md' } },
  { name: 'mixed segment value validated', path: '/files/report.pdf', status: 400 },
  { name: 'malformed escape rejected', path: '/users/%E0%A4%A', status: 400 },
  { name: 'trailing slash not matched', path: '/users/me/', status: 404 },
  { name: 'empty variable not matched', path: '/users/', status: 404 },
  { name: 'path is case-sensitive', path: '/Users/me', status: 404 },
  { name: 'extra segment not matched', path: '/users/42/posts', status: 404 },
]

describe.each(routeCases)('GET $path', (testCase) => {
  let reply: Awaited<ReturnType<typeof get>>

  beforeAll(async () => {
    reply = await get(testCase.path)
  })

  it(`${testCase.name}: status ${testCase.status}`, () => {
    expect(reply.status).toBe(testCase.status)
  })

  if (testCase.body !== undefined) {
    const expected = testCase.body
    it(`${testCase.name}: handler input`, () => {
      expect(reply.body).toEqual(expected)
    })
  }
})

describe('handler that throws', () => {
  let reply: Awaited<ReturnType<typeof get>>
  let raw: string

  beforeAll(async () => {
    const response = await fetch(`${server.url}/failures/throw`)
    raw = await response.text()
    reply = { status: response.status, body: JSON.parse(raw) as Json, contentType: response.headers.get('content-type') }
  })

  it('answers 500', () => {
    expect(reply.status).toBe(500)
  })

  it('sends problem+json', () => {
    expect(reply.contentType).toBe('application/problem+json')
  })

  it('sets error to internal_error', () => {
    expect(reply.body.error).toBe('internal_error')
  })

  it('hides exception message', () => {
    expect(raw).not.toContain(SECRET)
  })

  it('hides stack trace', () => {
    expect(raw).not.toMatch(/\bat .+:\d+:\d+|\.js:\d+|Error:/)
  })

  it('serves next request normally', async () => {
    expect((await get('/users/me')).status).toBe(200)
  })
})

describe('handler without status object', () => {
  it('answers 500', async () => {
    expect((await get('/failures/no-status')).status).toBe(500)
  })
})

describe('logger on handler failure', () => {
  const entries: LogEntry[] = []
  let logged: RunningServer

  beforeAll(async () => {
    const logger = {
      info: (fields: Record<string, unknown>, message?: string) => entries.push({ level: 'info', fields, message }),
      error: (fields: Record<string, unknown>, message?: string) => entries.push({ level: 'error', fields, message }),
    }
    logged = await startServer(project.generated, handlers, { logger })
    await fetch(`${logged.url}/failures/throw`, { headers: { 'X-Request-Id': 'req-throw-1' } })
  })

  afterAll(async () => {
    await logged?.close()
  })

  it('logs thrown error', () => {
    const errors = entries.filter((entry) => entry.level === 'error')
    expect(errors.map((entry) => (entry.fields.err as Error | undefined)?.message)).toContain(SECRET)
  })

  it('logs request id with error', () => {
    const error = entries.find((entry) => entry.level === 'error' && entry.fields.err !== undefined)
    expect(error?.fields.request_id).toBe('req-throw-1')
  })

  it('logs request line with status 500', () => {
    const request = entries.find((entry) => entry.message === 'request' && entry.fields.request_id === 'req-throw-1')
    expect(request?.fields.status).toBe(500)
  })
})

describe('request with many violations', () => {
  let status: number
  let details: { location: string; field: string; error: string }[]

  beforeAll(async () => {
    const response = await fetch(`${server.url}/accounts?dryRun=maybe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Tenant': 'ACME' },
      body: JSON.stringify({ email: 'not-an-address', age: 12, plan: 'gold', tags: ['a', 'b', 'c'], referrer: 'x' }),
    })
    status = response.status
    details = ((await response.json()) as { details?: typeof details }).details ?? []
  })

  it('answers 400', () => {
    expect(status).toBe(400)
  })

  it.each([
    ['query', 'dryRun'],
    ['header', 'X-Tenant'],
    ['body', 'email'],
    ['body', 'age'],
    ['body', 'plan'],
    ['body', 'tags'],
    ['body', 'referrer'],
  ])('lists %s field %s', (location, field) => {
    expect(details.map((detail) => `${detail.location} ${detail.field}`)).toContain(`${location} ${field}`)
  })

  it('lists each violation once', () => {
    const keys = details.map((detail) => `${detail.location} ${detail.field} ${detail.error}`)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('request without required header', () => {
  it('names header as missing', async () => {
    const response = await fetch(`${server.url}/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com', age: 30, plan: 'pro' }),
    })
    const body = (await response.json()) as Json
    expect(body.details).toEqual([{ location: 'header', field: 'X-Tenant', error: 'Field required' }])
  })
})

describe('valid account request', () => {
  it('answers 201', async () => {
    const response = await fetch(`${server.url}/accounts?dryRun=true`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Tenant': 'acme' },
      body: JSON.stringify({ email: 'a@example.com', age: 30, plan: 'pro', tags: ['x'] }),
    })
    expect(response.status).toBe(201)
  })
})
