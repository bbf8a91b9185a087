/**
 * Discriminators on a base schema that children extend through `allOf`: a reference to the
 * base checks the child the discriminator value names, in OpenAPI 3.0 and 3.1 alike.
 */

import { readFile } from 'node:fs/promises'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { compileProject, removeTempProjects, startServer, type RunningServer } from '../helpers/project.js'

const echo = (request: { body: unknown }) => ({ status: 201, body: request.body })
const handlers = { createPet: echo, createCat: echo, createVehicle: echo }

type Detail = { field: string; error: string }

afterAll(async () => {
  await removeTempProjects()
})

describe.each(['3.1.0', '3.0.3'])('allOf inheritance in OpenAPI %s', (version) => {
  let server: RunningServer

  beforeAll(async () => {
    const source = await readFile(fixture('inheritance.yaml'), 'utf8')
    const content = source.replace(/^openapi: .*$/m, `openapi: ${version}`)
    const project = await compileProject({ specs: [{ name: 'inheritance.openapi.yaml', content }] })
    server = await startServer(project.generated, handlers)
  })

  afterAll(async () => {
    await server?.close()
  })

  async function post(route: string, body: unknown): Promise<{ status: number; details: Detail[] }> {
    const response = await fetch(server.url + route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const payload = (await response.json()) as { details?: Detail[] }
    return { status: response.status, details: payload.details ?? [] }
  }

  it.each([
    ['a cat by component name', { petType: 'Cat', name: 'Tom', hunts: true }],
    ['a dog by component name', { petType: 'Dog', name: 'Rex', packSize: 2 }],
  ])('accepts %s', async (_name, body) => {
    expect((await post('/pets', body)).status).toBe(201)
  })

  it('names missing field of chosen child', async () => {
    const result = await post('/pets', { petType: 'Cat', name: 'Tom' })
    expect(result.status).toBe(400)
    expect(result.details).toEqual([{ location: 'body', field: 'hunts', error: 'Field required' }])
  })

  it('checks other child by its fields', async () => {
    const result = await post('/pets', { petType: 'Dog', name: 'Rex', packSize: 0 })
    expect(result.status).toBe(400)
    expect(result.details.map((detail) => detail.field)).toEqual(['packSize'])
  })

  it('checks fields of the base', async () => {
    const result = await post('/pets', { petType: 'Dog', packSize: 2 })
    expect(result.status).toBe(400)
    expect(result.details.map((detail) => detail.field)).toEqual(['name'])
  })

  it('lists allowed values for unknown value', async () => {
    const result = await post('/pets', { petType: 'Bird', name: 'Tweety' })
    expect(result.status).toBe(400)
    expect(result.details).toEqual([{ location: 'body', field: 'petType', error: 'Must be one of: "Cat", "Dog"' }])
  })

  it('validates directly referenced child', async () => {
    expect((await post('/cats', { petType: 'Cat', name: 'Tom', hunts: false })).status).toBe(201)
    const result = await post('/cats', { petType: 'Cat', hunts: false })
    expect(result.status).toBe(400)
    expect(result.details.map((detail) => detail.field)).toEqual(['name'])
  })

  it('selects children by mapping values', async () => {
    expect((await post('/vehicles', { kind: 'car', doors: 4 })).status).toBe(201)
    expect((await post('/vehicles', { kind: 'bike', gears: 21 })).status).toBe(201)
    const result = await post('/vehicles', { kind: 'bike', doors: 4 })
    expect(result.status).toBe(400)
    expect(result.details.map((detail) => detail.field)).toEqual(['gears'])
  })

  it('rejects names outside the mapping', async () => {
    const result = await post('/vehicles', { kind: 'Car', doors: 4 })
    expect(result.status).toBe(400)
    expect(result.details).toEqual([{ location: 'body', field: 'kind', error: 'Must be one of: "car", "bike"' }])
  })
})
