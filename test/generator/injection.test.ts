/**
 * Spec text ends up in generated TypeScript: in string literals, comments, identifiers, regular
 * expressions and object keys. Hostile text in every such place must either generate code
 * that compiles and still validates, or fail with a ContractsError. It must never run, break
 * the build or crash the generator. Property names `__proto__` and `constructor` must behave
 * like any other name and must not reach Object.prototype.
 */

import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  compileProject,
  loadContracts,
  makeTempProject,
  removeTempProjects,
  startServer,
  type CompiledProject,
  type RunningServer,
} from '../helpers/project.js'

/** Comment terminator, template syntax, quotes, line breaks, a script end tag and a backslash. */
const HOSTILE = "*/ ` ${process.exit(1)} \" ' \n </script> \\ \u2028 /* `${globalThis.injected = 1}`"
const QUERY_NAME = "q*/`${process.exit(1)}`\"'</script>"
const PATH_NAME = "p`$x\"'<>"
const PROPERTY_NAME = "k*/`${process.exit(1)}`\"'</script>\n"
const OPERATION_ID = 'create`${process.exit(1)}`*/'
const KIND_VALUES = ['*/', '`${process.exit(1)}`', '</script>', 'a"b', "it's", 'line\nbreak', '\\']

type Json = Record<string, any>

function hostileSpec(): Json {
  return {
    openapi: '3.1.0',
    info: { title: `Title ${HOSTILE}`, version: '1.0.0', description: HOSTILE, summary: HOSTILE },
    tags: [{ name: HOSTILE, description: HOSTILE }],
    paths: {
      '/inj/a*/b': {
        summary: HOSTILE,
        description: HOSTILE,
        get: { operationId: `list*/${HOSTILE}`, summary: HOSTILE, description: HOSTILE, responses: { '200': { description: HOSTILE } } },
      },
      [`/inj/{${PATH_NAME}}`]: {
        post: {
          operationId: OPERATION_ID,
          description: HOSTILE,
          parameters: [
            { name: PATH_NAME, in: 'path', required: true, description: HOSTILE, example: HOSTILE, schema: { type: 'string', pattern: "^[a-z*/`$'\"{}]+$" } },
            { name: QUERY_NAME, in: 'query', description: HOSTILE, example: HOSTILE, schema: { type: 'integer', description: HOSTILE } },
            { name: 'filter', in: 'query', style: 'deepObject', explode: true, schema: { type: 'object', additionalProperties: { type: 'string' } } },
          ],
          requestBody: {
            required: true,
            description: HOSTILE,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Hostile' }, example: { kind: HOSTILE }, examples: { one: { summary: HOSTILE, value: HOSTILE } } } },
          },
          responses: { '200': { description: HOSTILE, content: { 'application/json': { schema: { type: 'object', description: HOSTILE, example: HOSTILE } } } } },
        },
      },
      '/proto': {
        post: {
          operationId: 'requireProto',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ProtoHolder' } } } },
          responses: { '200': { description: 'ok' } },
        },
      },
      '/ctor': {
        post: {
          operationId: 'requireConstructor',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ConstructorHolder' } } } },
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: {
      schemas: {
        Hostile: {
          type: 'object',
          title: HOSTILE,
          description: HOSTILE,
          additionalProperties: false,
          required: ['kind'],
          properties: {
            kind: { type: 'string', enum: KIND_VALUES, description: HOSTILE, title: HOSTILE },
            [PROPERTY_NAME]: { type: 'string', pattern: '^[^`]*\\*/$', examples: [HOSTILE], description: HOSTILE },
          },
          examples: [{ kind: HOSTILE }],
        },
        // JSON.parse makes `__proto__` an own key and JSON.stringify writes it back, so the spec file contains it.
        ProtoHolder: JSON.parse('{"type":"object","required":["__proto__"],"properties":{"__proto__":{"type":"object","description":"*/"}}}'),
        ConstructorHolder: { type: 'object', required: ['constructor'], properties: { constructor: { type: 'string', description: HOSTILE } } },
      },
    },
  }
}

interface ErrorShape {
  name?: string
  code?: string
  message: string
}

/** Generates `document` from a temp file; returns the ContractsError code, or undefined on success. */
async function generateOutcome(document: Json): Promise<{ ok: true } | { ok: false; error: ErrorShape }> {
  const { generate } = await loadContracts()
  const file = path.join(await makeTempProject(), 'hostile.json')
  await writeFile(file, JSON.stringify(document, null, 2))
  try {
    await generate([file])
    return { ok: true }
  } catch (error) {
    return { ok: false, error: error as ErrorShape }
  }
}

function freshOperation(operationId: string): Json {
  return {
    operationId,
    requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { value: { type: 'string' } } } } } },
    responses: { '200': { description: 'ok' } },
  }
}

/** A placement edits one operation and may edit the root; it returns a path to use instead of the default. */
type Placement = (operation: Json, root: Json) => string | void

function minimalSpec(patch: Placement): Json {
  const operation = freshOperation('probe')
  const root: Json = { openapi: '3.1.0', info: { title: 't', version: '1.0.0' }, paths: {} }
  root.paths[patch(operation, root) ?? '/probe'] = { post: operation }
  return root
}

/** Builds one document with every placement on its own operation, so one tsc run covers them all. */
function mergedSpec(patches: readonly Placement[]): Json {
  const root: Json = { openapi: '3.1.0', info: { title: 't', version: '1.0.0' }, paths: {} }
  patches.forEach((patch, index) => {
    const operation = freshOperation(`probe${index}`)
    root.paths[patch(operation, root) ?? `/probe${index}`] = { post: operation }
  })
  return root
}

const bodySchema = (operation: Json): Json => operation.requestBody.content['application/json'].schema

const placements: { place: string; patch: Placement }[] = [
  { place: 'info.title and description', patch: (_operation, root) => void Object.assign(root.info, { title: HOSTILE, description: HOSTILE }) },
  { place: 'operation description', patch: (operation) => void Object.assign(operation, { summary: HOSTILE, description: HOSTILE }) },
  { place: 'operationId', patch: (operation) => void Object.assign(operation, { operationId: HOSTILE }) },
  { place: 'path segment', patch: () => '/a*/b`$x`/c"d\'e</script>' },
  {
    place: 'path template variable',
    patch: (operation) => {
      operation.parameters = [{ name: 'process.exit(1)', in: 'path', required: true, schema: { type: 'string' } }]
      return '/t/$`{process.exit(1)}`*/'
    },
  },
  { place: 'parameter name', patch: (operation) => void Object.assign(operation, { parameters: [{ name: HOSTILE, in: 'query', schema: { type: 'string' } }] }) },
  { place: 'header parameter name', patch: (operation) => void Object.assign(operation, { parameters: [{ name: HOSTILE, in: 'header', schema: { type: 'string' } }] }) },
  { place: 'property name', patch: (operation) => void Object.assign(bodySchema(operation).properties, { [HOSTILE]: { type: 'string' } }) },
  { place: 'required property name', patch: (operation) => void Object.assign(bodySchema(operation), { required: [HOSTILE], properties: { [HOSTILE]: { type: 'string' } } }) },
  { place: 'enum value', patch: (operation) => void Object.assign(bodySchema(operation).properties.value, { enum: [HOSTILE, ...KIND_VALUES] }) },
  { place: 'const value', patch: (operation) => void Object.assign(bodySchema(operation).properties.value, { const: HOSTILE }) },
  { place: 'default value', patch: (operation) => void Object.assign(bodySchema(operation).properties.value, { default: HOSTILE }) },
  { place: 'pattern', patch: (operation) => void Object.assign(bodySchema(operation).properties.value, { pattern: '^[`$]*\\*/\\$\\{x\\}</script>$' }) },
  { place: 'schema examples', patch: (operation) => void Object.assign(bodySchema(operation), { example: HOSTILE, examples: [HOSTILE, { [HOSTILE]: HOSTILE }] }) },
  { place: 'media examples', patch: (operation) => void Object.assign(operation.requestBody.content['application/json'], { example: HOSTILE, examples: { [HOSTILE]: { value: HOSTILE } } }) },
  { place: 'format name', patch: (operation) => void Object.assign(bodySchema(operation).properties.value, { format: HOSTILE }) },
  { place: 'property named __proto__', patch: (operation) => void Object.assign(bodySchema(operation), JSON.parse('{"properties":{"__proto__":{"type":"string"}},"required":["__proto__"]}')) },
  { place: 'property named constructor', patch: (operation) => void Object.assign(bodySchema(operation), { properties: { constructor: { type: 'string' } }, required: ['constructor'] }) },
  {
    place: 'schema component name',
    patch: (operation, root) => {
      root.components = { schemas: { [HOSTILE]: { type: 'string' } } }
      bodySchema(operation).properties.value = { $ref: `#/components/schemas/${encodeURIComponent(HOSTILE.replaceAll('~', '~0').replaceAll('/', '~1'))}` }
    },
  },
  { place: 'response header name', patch: (operation) => void Object.assign(operation.responses['200'], { headers: { [HOSTILE]: { schema: { type: 'string' } } } }) },
]

afterAll(removeTempProjects)

describe.each(placements)('hostile text in $place', ({ patch }) => {
  it('generates or fails with ContractsError', async () => {
    const outcome = await generateOutcome(minimalSpec(patch))
    const verdict = outcome.ok ? 'generated' : outcome.error.name === 'ContractsError' ? 'ContractsError' : `crash: ${outcome.error.name}: ${outcome.error.message}`
    expect(['generated', 'ContractsError']).toContain(verdict)
  })
})

describe('all hostile placements in one spec', () => {
  it('compiles with tsc', async () => {
    const outcome = await compileProject({ specs: [{ name: 'placements.json', content: JSON.stringify(mergedSpec(placements.map((entry) => entry.patch)), null, 2) }] })
      .then(() => 'compiled', (error: Error) => error.message)
    expect(outcome).toBe('compiled')
  })
})

describe.each([
  { label: 'invalid regular expression in pattern', schema: { type: 'string', pattern: '(*/' }, code: 'CONTRACTS_SCHEMA_COMPILE' },
  { label: '$id with comment terminator', schema: { $id: 'urn:x*/y', type: 'string' }, code: 'CONTRACTS_SPEC_INVALID' },
])('schema with $label', ({ schema, code }) => {
  it(`fails with ${code}`, async () => {
    const outcome = await generateOutcome(minimalSpec((operation) => void Object.assign(bodySchema(operation).properties, { value: schema })))
    expect(outcome.ok ? 'generated' : outcome.error.code).toBe(code)
  })
})

describe('server from spec with hostile text everywhere', () => {
  let project: CompiledProject | undefined
  let compileError: unknown
  let server: RunningServer
  const seen: Json[] = []

  beforeAll(async () => {
    try {
      project = await compileProject({ specs: [{ name: 'hostile.json', content: JSON.stringify(hostileSpec(), null, 2) }] })
    } catch (error) {
      compileError = error
      return
    }
    const handlers = Object.fromEntries(
      project.generated.api.operations.map((operation) => [
        operation.handler,
        (request: Json) => {
          seen.push(request)
          return {
            status: 200,
            body: {
              operation: operation.operationId,
              ownProto: request.body !== undefined && Object.hasOwn(request.body as object, '__proto__'),
              prototypePolluted: ({} as Json).polluted !== undefined,
            },
          }
        },
      ]),
    )
    server = await startServer(project.generated, handlers)
  })

  afterAll(async () => {
    await server?.close()
  })

  async function post(route: string, body: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(server.url + route, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Json }
  }

  const fieldsOf = (body: Json): string[] => (body.details ?? []).map((detail: Json) => `${detail.location} ${detail.field}`)

  it('compiles with tsc', () => {
    expect(compileError).toBeUndefined()
  })

  it('runs no spec text as code', () => {
    expect((globalThis as Json).injected).toBeUndefined()
  })

  it('keeps operationId verbatim in operations table', () => {
    expect(project?.generated.api.operations.map((operation) => operation.operationId)).toContain(OPERATION_ID)
  })

  it('keeps path verbatim in operations table', () => {
    expect(project?.generated.api.operations.map((operation) => operation.path)).toContain(`/inj/{${PATH_NAME}}`)
  })

  it('names handlers with plain identifiers', () => {
    const handlers = project?.generated.api.operations.map((operation) => operation.handler) ?? []
    expect(handlers.filter((name) => !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name))).toEqual([])
  })

  it('routes static segment containing *', async () => {
    const response = await fetch(`${server.url}/inj/a*/b`)
    expect(response.status).toBe(200)
  })

  it.each(KIND_VALUES)('accepts enum value %j', async (kind) => {
    expect((await post('/inj/abc', { kind })).status).toBe(200)
  })

  it('rejects value outside hostile enum', async () => {
    expect(fieldsOf((await post('/inj/abc', { kind: '*' })).body)).toEqual(['body kind'])
  })

  it('accepts hostile property name matching its pattern', async () => {
    expect((await post('/inj/abc', { kind: '*/', [PROPERTY_NAME]: 'ends with */' })).status).toBe(200)
  })

  it('reports hostile property name breaking its pattern', async () => {
    expect(fieldsOf((await post('/inj/abc', { kind: '*/', [PROPERTY_NAME]: 'has ` backtick */' })).body)).toEqual([`body ${PROPERTY_NAME}`])
  })

  it('reports hostile path parameter name', async () => {
    expect(fieldsOf((await post('/inj/ABC', { kind: '*/' })).body)).toEqual([`path ${PATH_NAME}`])
  })

  it('reports hostile query parameter name', async () => {
    expect(fieldsOf((await post(`/inj/abc?${encodeURIComponent(QUERY_NAME)}=many`, { kind: '*/' })).body)).toEqual([`query ${QUERY_NAME}`])
  })

  it('coerces hostile query parameter for handler', async () => {
    seen.length = 0
    await post(`/inj/abc?${encodeURIComponent(QUERY_NAME)}=5`, { kind: '*/' })
    expect(seen[0]?.query?.[QUERY_NAME]).toBe(5)
  })

  it('reports missing required __proto__ property', async () => {
    expect((await post('/proto', {})).body.details).toEqual([{ location: 'body', field: '__proto__', error: 'Field required' }])
  })

  it('accepts present __proto__ property', async () => {
    expect((await post('/proto', '{"__proto__":{"polluted":true}}')).status).toBe(200)
  })

  it('hands __proto__ to handler as own property', async () => {
    expect((await post('/proto', '{"__proto__":{"polluted":true}}')).body.ownProto).toBe(true)
  })

  it('reports missing required constructor property', async () => {
    expect((await post('/ctor', {})).body.details).toEqual([{ location: 'body', field: 'constructor', error: 'Field required' }])
  })

  it('accepts present constructor property', async () => {
    expect((await post('/ctor', { constructor: 'x' })).status).toBe(200)
  })

  it('rejects __proto__ key in deepObject query', async () => {
    expect((await post('/inj/abc?filter[__proto__][polluted]=1', { kind: '*/' })).status).toBe(400)
  })

  it('rejects constructor.prototype keys in deepObject query', async () => {
    expect((await post('/inj/abc?filter[constructor][prototype][polluted]=1', { kind: '*/' })).status).toBe(400)
  })

  it('leaves Object.prototype clean after __proto__ requests', async () => {
    await post('/proto', '{"__proto__":{"polluted":true}}')
    await post('/inj/abc?filter[__proto__][polluted]=1', '{"kind":"*/","__proto__":{"polluted":true}}')
    await post('/ctor', '{"constructor":{"prototype":{"polluted":true}}}')
    expect(({} as Json).polluted).toBeUndefined()
  })
})

describe('info.version with line break', () => {
  let outcome: { errorCode?: string; status?: number; injected?: string | null }
  let server: RunningServer | undefined

  beforeAll(async () => {
    const document = minimalSpec((_operation, root) => void Object.assign(root.info, { version: '1.0.0\r\nX-Injected: yes' }))
    try {
      const project = await compileProject({ specs: [{ name: 'version.json', content: JSON.stringify(document) }] })
      server = await startServer(project.generated, { probe: () => ({ status: 200, body: { ok: true } }) })
      const response = await fetch(`${server.url}/probe`, { method: 'POST' })
      outcome = { status: response.status, injected: response.headers.get('x-injected') }
    } catch (error) {
      outcome = { errorCode: (error as ErrorShape).code ?? `not a ContractsError: ${(error as Error).message}` }
    }
  })

  afterAll(async () => {
    await server?.close()
  })

  it('fails generation cleanly or serves requests', () => {
    const accepted = outcome.errorCode?.startsWith('CONTRACTS_') === true || outcome.status === 200
    expect(accepted, JSON.stringify(outcome)).toBe(true)
  })

  it('never sends injected header', () => {
    expect(outcome.injected ?? null).toBeNull()
  })
})
