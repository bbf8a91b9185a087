/**
 * A parameter the request leaves out takes its schema's `default`, also through a `$ref`,
 * and a sent value still wins.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { compileProject, removeTempProjects, startServer, type RunningServer } from '../helpers/project.js'

const spec = `
openapi: 3.0.3
info:
  title: Parameter defaults
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            default: 20
        - $ref: '#/components/parameters/Sort'
        - name: tag
          in: query
          schema:
            type: string
      responses:
        '200':
          description: The query as received.
components:
  parameters:
    Sort:
      name: sort
      in: query
      schema:
        $ref: '#/components/schemas/SortOrder'
  schemas:
    SortOrder:
      type: string
      enum: [asc, desc]
      default: asc
`

let server: RunningServer

beforeAll(async () => {
  const project = await compileProject({ specs: [{ name: 'defaults.openapi.yaml', content: spec }] })
  server = await startServer(project.generated, { listPets: (request: { query: unknown }) => ({ status: 200, body: request.query }) })
})

afterAll(async () => {
  await server?.close()
  await removeTempProjects()
})

async function query(search: string): Promise<unknown> {
  const response = await fetch(`${server.url}/pets${search}`)
  return response.json()
}

describe('parameter defaults', () => {
  it('fills defaults of omitted parameters', async () => {
    expect(await query('')).toEqual({ limit: 20, sort: 'asc' })
  })

  it('keeps values the request sends', async () => {
    expect(await query('?limit=5&sort=desc&tag=cute')).toEqual({ limit: 5, sort: 'desc', tag: 'cute' })
  })
})
