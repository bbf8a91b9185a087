/**
 * Specs with many operations compile their validators in worker threads. The output must
 * work like the in-process one, and a schema Ajv rejects must still name its operation.
 */

import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { compileProject, loadContracts, makeTempProject, removeTempProjects, startServer } from '../helpers/project.js'

const OPERATIONS = 220

type Json = Record<string, unknown>

/** Builds a spec with one POST operation per item, each with a required integer body field. */
function manyOperations(patch?: (paths: Json) => void): Json {
  const paths: Json = {}
  for (let index = 0; index < OPERATIONS; index += 1) {
    paths[`/items${index}`] = {
      post: {
        operationId: `createItem${index}`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } } } } },
        },
        responses: { '201': { description: 'Created.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
      },
    }
  }
  patch?.(paths)
  return { openapi: '3.1.0', info: { title: 'Many operations', version: '1.0.0' }, paths, components: { schemas: { Item: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } } }
}

afterAll(async () => {
  await removeTempProjects()
})

describe('validators compiled in worker threads', () => {
  it('validates requests like in-process validators', async () => {
    const project = await compileProject({ specs: [{ name: 'many.json', content: JSON.stringify(manyOperations(), null, 2) }] })
    const handlers = Object.fromEntries(project.generated.api.operations.map((operation) => [operation.handler, () => ({ status: 201, body: { id: 'item_1' } })]))
    const server = await startServer(project.generated, handlers)
    try {
      const post = (body: unknown) => fetch(`${server.url}/items${OPERATIONS - 1}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      expect((await post({ count: 3 })).status).toBe(201)
      const rejected = await post({ count: 'three' })
      expect(rejected.status).toBe(400)
      expect(((await rejected.json()) as { details: Json[] }).details).toEqual([{ location: 'body', field: 'count', error: 'Must be of type integer' }])
    } finally {
      await server.close()
    }
  })

  it('names the operation of a schema Ajv rejects', async () => {
    const spec = manyOperations((paths) => {
      const body = ((paths['/items137'] as Json).post as Json).requestBody as { content: Record<string, { schema: Json }> }
      ;(body.content['application/json'] as { schema: Json }).schema = { $ref: '#missing-anchor' }
    })
    const file = path.join(await makeTempProject(), 'many.json')
    await writeFile(file, JSON.stringify(spec, null, 2))
    const { generate } = await loadContracts()

    const error = await generate([file]).then(() => undefined, (failure: unknown) => failure as { code?: string; message: string; location?: { line?: number } })
    expect(error?.code).toBe('CONTRACTS_SCHEMA_COMPILE')
    expect(error?.message).toContain('POST /items137')
    expect(error?.location?.line).toBeGreaterThan(1)
  })
})
