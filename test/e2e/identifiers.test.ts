/**
 * `$id` and `$anchor` resolve wherever the schema that declares them sits: under
 * components, or inline in an operation.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { compileProject, removeTempProjects, startServer, type RunningServer } from '../helpers/project.js'

type Detail = { location: string; field: string; error: string }

const handlers = {
  createPet: () => ({ status: 201, body: {} }),
  setPrice: () => ({ status: 204 }),
  createOrder: () => ({ status: 201, body: {} }),
}

let server: RunningServer

beforeAll(async () => {
  const project = await compileProject({ specs: [fixture('identifiers.yaml')] })
  server = await startServer(project.generated, handlers)
})

afterAll(async () => {
  await server?.close()
  await removeTempProjects()
})

async function post(route: string, body: unknown): Promise<{ status: number; details: Detail[] }> {
  const response = await fetch(server.url + route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const text = await response.text()
  return { status: response.status, details: text === '' ? [] : ((JSON.parse(text) as { details?: Detail[] }).details ?? []) }
}

describe('schemas referenced by identifier', () => {
  it('resolves a component by its $id', async () => {
    expect((await post('/pets', { name: 'Rex' })).status).toBe(201)
    expect((await post('/pets', { name: '' })).details).toEqual([{ location: 'body', field: 'name', error: 'Must be at least 1 characters long' }])
  })

  it('resolves a component by its $anchor', async () => {
    expect((await post('/prices', { amount: 5 })).status).toBe(204)
    expect((await post('/prices', { amount: -1 })).details).toEqual([{ location: 'body', field: 'amount', error: 'Must be >= 0' }])
  })

  it('resolves refs inside an inline $id resource', async () => {
    expect((await post('/orders', { lines: [{ sku: 'a', quantity: 2 }] })).status).toBe(201)
    expect((await post('/orders', { lines: [{ sku: 'a', quantity: 0 }] })).details).toEqual([{ location: 'body', field: 'lines.0.quantity', error: 'Must be >= 1' }])
  })
})
