/**
 * The generator on one small API written twice: OpenAPI 3.0 in YAML and 3.1 in JSON. Both
 * reach their parameters, request body and responses through `$ref`s to components, and
 * declare parameters on the path item that the operations inherit or override. Each variant
 * is compiled with tsc and served, so the checks read the real operations table and HTTP.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { compileProject, removeTempProjects, startServer, type CompiledProject, type OperationData, type RunningServer } from '../helpers/project.js'

const variants = [
  { label: 'OpenAPI 3.0 YAML', file: fixture('refs-3.0.yaml'), version: '3.0' },
  { label: 'OpenAPI 3.1 JSON', file: fixture('refs-3.1.json'), version: '3.1' },
]

const widgetHandlers = {
  getWidget: (request: { path: { widgetId: number } }) => ({ status: 200, body: { name: `widget ${request.path.widgetId}` } }),
  replaceWidget: (request: { body: unknown }) => ({ status: 200, body: request.body }),
}

interface HttpCase {
  name: string
  method: 'GET' | 'PUT'
  path: string
  body?: unknown
  headers?: Record<string, string>
  status: number
  /** Expected `details[0]` of a 400 response. */
  detail?: { location: string; field: string }
}

const httpCases: HttpCase[] = [
  { name: 'accepts valid get', method: 'GET', path: '/widgets/7?mode=full', status: 200 },
  { name: 'rejects widgetId below minimum of referenced parameter', method: 'GET', path: '/widgets/0?mode=full', status: 400, detail: { location: 'path', field: 'widgetId' } },
  { name: 'rejects non-integer widgetId', method: 'GET', path: '/widgets/seven?mode=full', status: 400, detail: { location: 'path', field: 'widgetId' } },
  { name: 'rejects path-level mode value on overriding operation', method: 'GET', path: '/widgets/7?mode=fast', status: 400, detail: { location: 'query', field: 'mode' } },
  { name: 'requires overriding mode parameter', method: 'GET', path: '/widgets/7', status: 400, detail: { location: 'query', field: 'mode' } },
  { name: 'accepts path-level mode value on inheriting operation', method: 'PUT', path: '/widgets/7?mode=fast', body: { name: 'a' }, status: 200 },
  { name: 'rejects operation-level mode value on inheriting operation', method: 'PUT', path: '/widgets/7?mode=full', body: { name: 'a' }, status: 400, detail: { location: 'query', field: 'mode' } },
  { name: 'rejects inherited header over maxLength', method: 'GET', path: '/widgets/7?mode=full', headers: { 'X-Trace': '123456789' }, status: 400, detail: { location: 'header', field: 'X-Trace' } },
  { name: 'rejects non-boolean referenced query parameter', method: 'GET', path: '/widgets/7?mode=full&verbose=often', status: 400, detail: { location: 'query', field: 'verbose' } },
  { name: 'accepts body of referenced requestBody', method: 'PUT', path: '/widgets/7', body: { name: 'a', size: 3, weight: 0.5 }, status: 200 },
  { name: 'accepts null for nullable size', method: 'PUT', path: '/widgets/7', body: { name: 'a', size: null }, status: 200 },
  { name: 'rejects weight equal to exclusive minimum', method: 'PUT', path: '/widgets/7', body: { name: 'a', weight: 0 }, status: 400, detail: { location: 'body', field: 'weight' } },
  { name: 'rejects body without required name', method: 'PUT', path: '/widgets/7', body: { size: 1 }, status: 400, detail: { location: 'body', field: 'name' } },
  { name: 'rejects undeclared body property', method: 'PUT', path: '/widgets/7', body: { name: 'a', colour: 'red' }, status: 400, detail: { location: 'body', field: 'colour' } },
]

function parameterList(operation: OperationData): string[] {
  return operation.parameters.map((parameter) => `${parameter.in}:${parameter.name}:${parameter.required ? 'required' : 'optional'}`)
}

afterAll(removeTempProjects)

describe.each(variants)('generate from $label', ({ file, version }) => {
  let project: CompiledProject
  let server: RunningServer
  let operations: Map<string, OperationData>

  beforeAll(async () => {
    project = await compileProject({ specs: [file] })
    server = await startServer(project.generated, widgetHandlers)
    operations = new Map(project.generated.api.operations.map((operation) => [operation.operationId, operation]))
  })

  afterAll(async () => {
    await server?.close()
  })

  it('detects document version', () => {
    expect(project.result.specs[0]?.version).toBe(version)
  })

  it('reports no diagnostics', () => {
    expect(project.result.diagnostics).toEqual([])
  })

  it('counts both operations', () => {
    expect(project.result.operationCount).toBe(2)
  })

  it('merges path-level parameters before operation ones', () => {
    expect(parameterList(operations.get('getWidget') as OperationData)).toEqual([
      'path:widgetId:required',
      'header:X-Trace:optional',
      'query:verbose:optional',
      'query:mode:required',
    ])
  })

  it('inherits path-level parameters without override', () => {
    expect(parameterList(operations.get('replaceWidget') as OperationData)).toEqual([
      'path:widgetId:required',
      'header:X-Trace:optional',
      'query:mode:optional',
    ])
  })

  it('resolves requestBody reference as required JSON body', () => {
    const body = operations.get('replaceWidget')?.requestBody
    expect({ required: body?.required, media: body?.media.map((media) => media.mediaType) }).toEqual({ required: true, media: ['application/json'] })
  })

  it('compiles validator for referenced body', () => {
    expect(typeof operations.get('replaceWidget')?.requestBody?.media[0]?.validate).toBe('function')
  })

  it('resolves response references with their media types', () => {
    const responses = operations.get('getWidget')?.responses.map(({ status, mediaTypes }) => ({ status, mediaTypes }))
    expect(responses).toEqual([
      { status: '200', mediaTypes: ['application/json'] },
      { status: '404', mediaTypes: ['application/problem+json'] },
    ])
  })

  it('declares info.version as schema version', () => {
    expect(operations.get('getWidget')?.schemaVersion).toBe('2.3.0')
  })

  describe.each(httpCases)('$method $path', (testCase) => {
    let response: Response
    let body: { details?: { location: string; field: string }[] } & Record<string, unknown>

    beforeAll(async () => {
      const headers: Record<string, string> = { ...testCase.headers }
      if (testCase.body !== undefined) headers['Content-Type'] = 'application/json'
      response = await fetch(server.url + testCase.path, {
        method: testCase.method,
        headers,
        body: testCase.body === undefined ? undefined : JSON.stringify(testCase.body),
      })
      body = (await response.json()) as typeof body
    })

    it(`${testCase.name}: status ${testCase.status}`, () => {
      expect(response.status).toBe(testCase.status)
    })

    it(`${testCase.name}: X-Schema-Version header`, () => {
      expect(response.headers.get('x-schema-version')).toBe('2.3.0')
    })

    if (testCase.detail !== undefined) {
      const detail = testCase.detail
      it(`${testCase.name}: names ${detail.location} field ${detail.field}`, () => {
        expect(body.details?.[0]).toMatchObject(detail)
      })
    }
  })
})
