/**
 * The three bundled specs end to end: the repository's own build (`dist-app/`, made by
 * `tsc -p tsconfig.app.json` from `generated/` and `app/`) with the demo handlers, over HTTP
 * on 127.0.0.1. Response bodies are checked against the spec's schemas with a separate Ajv.
 *
 * Each describe block starts its own server: the specs set `x-rate-limit` (30 to 100 requests
 * a minute per client), and every server has its own in-memory buckets.
 */

import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { postChunked, type RawResponse } from '../helpers/http.js'
import { repoRoot } from '../helpers/paths.js'
import { listen, type GeneratedModule, type RunningServer } from '../helpers/project.js'
import { responsePointer, schemaChecker, type BodyCheck } from '../helpers/spec-schema.js'

const appBuild = path.join(repoRoot, 'dist-app')
const FIXED_NOW = new Date('2025-03-14T09:26:53.000Z')
const MiB = 1024 * 1024

const specs = {
  ask: path.join(repoRoot, 'schemas', 'agents_ask.openapi.yaml'),
  halo: path.join(repoRoot, 'schemas', 'halo_route.openapi.yaml'),
  orchestrate: path.join(repoRoot, 'schemas', 'orchestrate_task.openapi.yaml'),
}

type Json = Record<string, any>

interface Reply {
  status: number
  headers: Headers
  body: Json
}

let generated: GeneratedModule
let createHandlers: (options?: { now?: () => Date }) => object

beforeAll(async () => {
  const entry = path.join(appBuild, 'generated', 'index.js')
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`tsc -p tsconfig.app.json\` (part of \`npm test\`) first`)
  generated = (await import(pathToFileURL(entry).href)) as GeneratedModule
  const app = (await import(pathToFileURL(path.join(appBuild, 'app', 'handlers.js')).href)) as { createHandlers: typeof createHandlers }
  createHandlers = app.createHandlers
})

/** Starts a server with the demo handlers and a fixed clock. The caller closes it in afterAll. */
async function startBundled(): Promise<RunningServer> {
  return listen(generated.createServer({ handlers: createHandlers({ now: () => FIXED_NOW }), logger: false }))
}

async function send(server: RunningServer, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...headers } }
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json', ...headers }
    init.body = typeof body === 'string' ? body : JSON.stringify(body)
  }
  const response = await fetch(server.url + route, init)
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as Json) }
}

function describeSchemaErrors(check: ReturnType<BodyCheck>): string {
  return check.errors.map((error) => `${error.instancePath || '(root)'} ${error.message}`).join('; ')
}

describe('staging curl cases', () => {
  let server: RunningServer
  let valid: Reply
  let missingPrompt: Reply
  let health: Reply

  beforeAll(async () => {
    server = await startBundled()
    valid = await send(server, 'POST', '/agents/ask', { role: 'qa', prompt: 'Test question' })
    missingPrompt = await send(server, 'POST', '/agents/ask', { role: 'qa' })
    health = await send(server, 'GET', '/health')
  })

  afterAll(async () => {
    await server?.close()
  })

  it('answers valid question with 200', () => {
    expect(valid.status).toBe(200)
  })

  it('sends X-Schema-Version on valid question', () => {
    expect(valid.headers.get('x-schema-version')).toBe('1.0.0')
  })

  it('rejects question without prompt with 400', () => {
    expect(missingPrompt.status).toBe(400)
  })

  it('names prompt as first invalid field', () => {
    expect(missingPrompt.body.details?.[0]?.field).toBe('prompt')
  })

  it('reports health with 200', () => {
    expect(health.status).toBe(200)
  })

  it('reports healthy status', () => {
    expect(health.body.status).toBe('healthy')
  })
})

interface ValidCase {
  name: string
  route: string
  body: Json
  /** Picks the value of the response body that must equal `expected`. */
  pick?: (body: Json) => unknown
  expected?: unknown
}

interface InvalidCase {
  name: string
  route: string
  body: unknown
  location: 'body' | 'query'
  field: string
}

interface OperationTable {
  label: string
  spec: string
  path: string
  status: string
  valid: ValidCase[]
  invalid: InvalidCase[]
}

const tables: OperationTable[] = [
  {
    label: 'POST /agents/ask',
    spec: specs.ask,
    path: '/agents/ask',
    status: '200',
    valid: [
      { name: 'minimal question', route: '/agents/ask', body: { role: 'qa', prompt: 'Test question' }, pick: (body) => body.answer, expected: '[qa] Test question' },
      {
        name: 'question with every field',
        route: '/agents/ask',
        body: {
          role: 'security',
          prompt: 'Does this leak the token?',
          context: { repository: 'genesis/web-api', files: [{ name: 'src/login.ts', content: 'export {}' }] },
          max_tokens: 2,
          temperature: 0.2,
          conversation_id: '0b6f4c1e-2d7a-4f38-9c55-8a1e3f0d9b27',
        },
        pick: (body) => [body.role, body.conversation_id, body.usage?.completion_tokens],
        expected: ['security', '0b6f4c1e-2d7a-4f38-9c55-8a1e3f0d9b27', 2],
      },
      { name: 'verbose question', route: '/agents/ask?verbose=true', body: { role: 'builder', prompt: 'Build it' }, pick: (body) => body.diagnostics?.model, expected: 'genesis-demo' },
      { name: 'question with verbose=false', route: '/agents/ask?verbose=false', body: { role: 'builder', prompt: 'Build it' }, pick: (body) => 'diagnostics' in body, expected: false },
    ],
    invalid: [
      { name: 'missing prompt', route: '/agents/ask', body: { role: 'qa' }, location: 'body', field: 'prompt' },
      { name: 'missing role', route: '/agents/ask', body: { prompt: 'x' }, location: 'body', field: 'role' },
      { name: 'unknown role', route: '/agents/ask', body: { role: 'pilot', prompt: 'x' }, location: 'body', field: 'role' },
      { name: 'empty prompt', route: '/agents/ask', body: { role: 'qa', prompt: '' }, location: 'body', field: 'prompt' },
      { name: 'prompt over maxLength', route: '/agents/ask', body: { role: 'qa', prompt: 'x'.repeat(4001) }, location: 'body', field: 'prompt' },
      { name: 'context file without name', route: '/agents/ask', body: { role: 'qa', prompt: 'x', context: { files: [{ content: 'a' }] } }, location: 'body', field: 'context.files.0.name' },
      { name: 'context file name of wrong type', route: '/agents/ask', body: { role: 'qa', prompt: 'x', context: { files: [{ name: 1, content: 'a' }] } }, location: 'body', field: 'context.files.0.name' },
      { name: 'unknown property in context file', route: '/agents/ask', body: { role: 'qa', prompt: 'x', context: { files: [{ name: 'a', content: 'b', mode: 1 }] } }, location: 'body', field: 'context.files.0.mode' },
      { name: 'unknown top-level property', route: '/agents/ask', body: { role: 'qa', prompt: 'x', model: 'big' }, location: 'body', field: 'model' },
      { name: 'max_tokens below minimum', route: '/agents/ask', body: { role: 'qa', prompt: 'x', max_tokens: 0 }, location: 'body', field: 'max_tokens' },
      { name: 'fractional max_tokens', route: '/agents/ask', body: { role: 'qa', prompt: 'x', max_tokens: 1.5 }, location: 'body', field: 'max_tokens' },
      { name: 'temperature over maximum', route: '/agents/ask', body: { role: 'qa', prompt: 'x', temperature: 2.5 }, location: 'body', field: 'temperature' },
      { name: 'conversation_id not a UUID', route: '/agents/ask', body: { role: 'qa', prompt: 'x', conversation_id: 'abc' }, location: 'body', field: 'conversation_id' },
      { name: 'verbose not a boolean', route: '/agents/ask?verbose=maybe', body: { role: 'qa', prompt: 'x' }, location: 'query', field: 'verbose' },
    ],
  },
  {
    label: 'POST /orchestrate/task',
    spec: specs.orchestrate,
    path: '/orchestrate/task',
    status: '202',
    valid: [
      { name: 'minimal task', route: '/orchestrate/task', body: { task: 'Ship the signup form' }, pick: (body) => [body.status, body.priority, body.plan?.length], expected: ['queued', 'normal', 2] },
      {
        name: 'task with prescribed steps',
        route: '/orchestrate/task',
        body: {
          task: 'Fix the flaky test and deploy',
          priority: 'high',
          agents: ['qa', 'security', 'deploy'],
          deadline: '2025-03-15T18:00:00Z',
          callback_url: 'https://ci.example.com/hooks/genesis',
          steps: [
            { kind: 'ask', role: 'qa', prompt: 'Find the flaky test' },
            { kind: 'review', reviewer_role: 'security', criteria: ['No secrets in logs'] },
            { kind: 'deploy', environment: 'staging', dry_run: false },
          ],
        },
        pick: (body) => body.plan?.map((step: Json) => step.agent),
        expected: ['qa', 'security', 'deploy'],
      },
      { name: 'dry run', route: '/orchestrate/task?dry_run=true', body: { task: 'Plan only' }, pick: (body) => [body.status, body.dry_run, body.estimated_completion], expected: ['planned', true, null] },
    ],
    invalid: [
      { name: 'missing task', route: '/orchestrate/task', body: { priority: 'high' }, location: 'body', field: 'task' },
      { name: 'empty task', route: '/orchestrate/task', body: { task: '' }, location: 'body', field: 'task' },
      { name: 'unknown priority', route: '/orchestrate/task', body: { task: 'x', priority: 'urgent' }, location: 'body', field: 'priority' },
      { name: 'repeated agent', route: '/orchestrate/task', body: { task: 'x', agents: ['qa', 'qa'] }, location: 'body', field: 'agents' },
      { name: 'unknown agent role', route: '/orchestrate/task', body: { task: 'x', agents: ['pilot'] }, location: 'body', field: 'agents.0' },
      { name: 'deadline not a date-time', route: '/orchestrate/task', body: { task: 'x', deadline: 'tomorrow' }, location: 'body', field: 'deadline' },
      { name: 'callback_url without http scheme', route: '/orchestrate/task', body: { task: 'x', callback_url: 'ftp://example.com/hook' }, location: 'body', field: 'callback_url' },
      { name: 'step matching no step kind', route: '/orchestrate/task', body: { task: 'x', steps: [{ kind: 'deploy', environment: 'moon' }] }, location: 'body', field: 'steps.0.environment' },
      { name: 'empty steps list', route: '/orchestrate/task', body: { task: 'x', steps: [] }, location: 'body', field: 'steps' },
      { name: 'dry_run not a boolean', route: '/orchestrate/task?dry_run=perhaps', body: { task: 'x' }, location: 'query', field: 'dry_run' },
    ],
  },
  {
    label: 'POST /halo/route',
    spec: specs.halo,
    path: '/halo/route',
    status: '200',
    valid: [
      { name: 'request text only', route: '/halo/route', body: { request: 'Please deploy the release to staging' }, pick: (body) => body.agent, expected: 'deploy' },
      {
        name: 'request with candidates, constraints and metadata',
        route: '/halo/route',
        body: {
          request: 'Check the upload endpoint for a security vulnerability',
          candidates: ['security', 'qa'],
          constraints: { max_latency_ms: 5000, required_capabilities: ['code_review'] },
          metadata: { source: 'slack' },
        },
        pick: (body) => [body.agent, body.alternatives?.map((alternative: Json) => alternative.agent)],
        expected: ['security', ['qa']],
      },
      { name: 'explained request', route: '/halo/route?explain=true', body: { request: 'Write a regression test' }, pick: (body) => body.explanation?.scores?.length, expected: 5 },
    ],
    invalid: [
      { name: 'missing request', route: '/halo/route', body: { candidates: ['qa'] }, location: 'body', field: 'request' },
      { name: 'repeated candidate', route: '/halo/route', body: { request: 'x', candidates: ['qa', 'qa'] }, location: 'body', field: 'candidates' },
      { name: 'max_latency_ms below minimum', route: '/halo/route', body: { request: 'x', constraints: { max_latency_ms: 0 } }, location: 'body', field: 'constraints.max_latency_ms' },
      { name: 'capability breaking pattern', route: '/halo/route', body: { request: 'x', constraints: { required_capabilities: ['Code Review'] } }, location: 'body', field: 'constraints.required_capabilities.0' },
      { name: 'metadata value not a string', route: '/halo/route', body: { request: 'x', metadata: { ticket: 5 } }, location: 'body', field: 'metadata.ticket' },
      { name: 'unknown constraint', route: '/halo/route', body: { request: 'x', constraints: { region: 'eu' } }, location: 'body', field: 'constraints.region' },
      { name: 'explain not a boolean', route: '/halo/route?explain=2', body: { request: 'x' }, location: 'query', field: 'explain' },
    ],
  },
]

describe.each(tables)('$label', (table) => {
  let server: RunningServer
  let checkSuccess: BodyCheck
  let checkProblem: BodyCheck

  beforeAll(async () => {
    server = await startBundled()
    checkSuccess = await schemaChecker(table.spec, responsePointer(table.path, 'post', table.status))
    checkProblem = await schemaChecker(table.spec, '/components/schemas/Problem')
  })

  afterAll(async () => {
    await server?.close()
  })

  describe.each(table.valid)('with $name', (testCase) => {
    let reply: Reply

    beforeAll(async () => {
      reply = await send(server, 'POST', testCase.route, testCase.body)
    })

    it(`answers ${table.status}`, () => {
      expect(reply.status, JSON.stringify(reply.body)).toBe(Number(table.status))
    })

    it('sends X-Schema-Version 1.0.0', () => {
      expect(reply.headers.get('x-schema-version')).toBe('1.0.0')
    })

    it('sends JSON', () => {
      expect(reply.headers.get('content-type')).toBe('application/json')
    })

    it('matches response schema of spec', () => {
      const check = checkSuccess(reply.body)
      expect(check.valid, describeSchemaErrors(check)).toBe(true)
    })

    if (testCase.pick) {
      const pick = testCase.pick
      it('reflects request in answer', () => {
        expect(pick(reply.body)).toEqual(testCase.expected)
      })
    }
  })

  describe.each(table.invalid)('with $name', (testCase) => {
    let reply: Reply

    beforeAll(async () => {
      reply = await send(server, 'POST', testCase.route, testCase.body)
    })

    it('answers 400', () => {
      expect(reply.status).toBe(400)
    })

    it('sends problem+json', () => {
      expect(reply.headers.get('content-type')).toBe('application/problem+json')
    })

    it('sets error to validation_error', () => {
      expect(reply.body.error).toBe('validation_error')
    })

    it(`names ${testCase.location} field ${testCase.field}`, () => {
      const fields = (reply.body.details ?? []).map((detail: Json) => `${detail.location} ${detail.field}`)
      expect(fields).toContain(`${testCase.location} ${testCase.field}`)
    })

    it('explains each detail', () => {
      const withoutText = (reply.body.details ?? []).filter((detail: Json) => typeof detail.error !== 'string' || detail.error === '')
      expect(withoutText).toEqual([])
    })

    it('matches Problem schema of spec', () => {
      const check = checkProblem(reply.body)
      expect(check.valid, describeSchemaErrors(check)).toBe(true)
    })

    it('sends X-Schema-Version 1.0.0', () => {
      expect(reply.headers.get('x-schema-version')).toBe('1.0.0')
    })
  })
})

describe('protocol errors on /agents/ask', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startBundled()
  })

  afterAll(async () => {
    await server?.close()
  })

  describe('unknown path', () => {
    let reply: Reply

    beforeAll(async () => {
      reply = await send(server, 'GET', '/agents/unknown')
    })

    it('answers 404', () => {
      expect(reply.status).toBe(404)
    })

    it('sends problem+json', () => {
      expect(reply.headers.get('content-type')).toBe('application/problem+json')
    })

    it('sets error to not_found', () => {
      expect(reply.body.error).toBe('not_found')
    })
  })

  describe('GET on POST-only path', () => {
    let reply: Reply

    beforeAll(async () => {
      reply = await send(server, 'GET', '/agents/ask')
    })

    it('answers 405', () => {
      expect(reply.status).toBe(405)
    })

    it('sends Allow: POST', () => {
      expect(reply.headers.get('allow')).toBe('POST')
    })

    it('sets error to method_not_allowed', () => {
      expect(reply.body.error).toBe('method_not_allowed')
    })
  })

  describe('body over 1 MiB with Content-Length', () => {
    let reply: Reply

    beforeAll(async () => {
      const body = JSON.stringify({ role: 'qa', prompt: 'x'.repeat(MiB) })
      reply = await send(server, 'POST', '/agents/ask', body)
    })

    it('answers 413', () => {
      expect(reply.status).toBe(413)
    })

    it('sets error to payload_too_large', () => {
      expect(reply.body.error).toBe('payload_too_large')
    })
  })

  describe('chunked body over 1 MiB without Content-Length', () => {
    let reply: RawResponse

    beforeAll(async () => {
      reply = await postChunked(`${server.url}/agents/ask`, 2 * MiB, { 'Content-Type': 'application/json' })
    })

    it('answers 413', () => {
      expect(reply.status).toBe(413)
    })

    it('sets error to payload_too_large', () => {
      expect((JSON.parse(reply.body) as Json).error).toBe('payload_too_large')
    })
  })

  describe('chunked body under limit', () => {
    it('reaches validation', async () => {
      const reply = await postChunked(`${server.url}/agents/ask`, 1000, { 'Content-Type': 'application/json' }, ' ')
      expect(reply.status).toBe(400)
    })
  })

  describe('text/plain body', () => {
    let reply: Reply

    beforeAll(async () => {
      reply = await send(server, 'POST', '/agents/ask', 'role=qa', { 'Content-Type': 'text/plain' })
    })

    it('answers 415', () => {
      expect(reply.status).toBe(415)
    })

    it('sets error to unsupported_media_type', () => {
      expect(reply.body.error).toBe('unsupported_media_type')
    })
  })

  describe.each(['application/json; charset=UTF-8', 'Application/JSON'])('Content-Type %s', (contentType) => {
    it('is accepted', async () => {
      const reply = await send(server, 'POST', '/agents/ask', { role: 'qa', prompt: 'Test question' }, { 'Content-Type': contentType })
      expect(reply.status).toBe(200)
    })
  })

  describe('malformed JSON', () => {
    let reply: Reply

    beforeAll(async () => {
      reply = await send(server, 'POST', '/agents/ask', '{"role": "qa", "prompt": ')
    })

    it('answers 400', () => {
      expect(reply.status).toBe(400)
    })

    it('sets error to invalid_json', () => {
      expect(reply.body.error).toBe('invalid_json')
    })
  })

  describe('empty JSON body on required body', () => {
    let reply: Reply

    beforeAll(async () => {
      reply = await send(server, 'POST', '/agents/ask', '')
    })

    it('answers 400', () => {
      expect(reply.status).toBe(400)
    })

    it('sends problem+json', () => {
      expect(reply.headers.get('content-type')).toBe('application/problem+json')
    })
  })

  describe('body that is not UTF-8', () => {
    it('answers 400', async () => {
      const response = await fetch(`${server.url}/agents/ask`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      })
      expect(response.status).toBe(400)
    })
  })

  describe('query parameter coercion', () => {
    it('turns verbose=true into boolean', async () => {
      const reply = await send(server, 'POST', '/agents/ask?verbose=true', { role: 'qa', prompt: 'Test question' })
      expect(reply.body.diagnostics?.finish_reason).toBe('stop')
    })

    it('rejects verbose=maybe in query', async () => {
      const reply = await send(server, 'POST', '/agents/ask?verbose=maybe', { role: 'qa', prompt: 'Test question' })
      expect(reply.body.details?.[0]).toMatchObject({ location: 'query', field: 'verbose' })
    })
  })

  describe('X-Request-Id', () => {
    it('echoes valid client id', async () => {
      const reply = await send(server, 'GET', '/health', undefined, { 'X-Request-Id': 'trace-123' })
      expect(reply.headers.get('x-request-id')).toBe('trace-123')
    })

    it('replaces id with line-unsafe characters', async () => {
      const reply = await send(server, 'GET', '/health', undefined, { 'X-Request-Id': 'a b<c>' })
      expect(reply.headers.get('x-request-id')).not.toBe('a b<c>')
    })
  })
})
