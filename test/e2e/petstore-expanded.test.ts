/**
 * The OpenAPI Initiative's petstore-expanded example, generated and compiled together with
 * handlers written here against the generated `Handlers` type, then exercised over HTTP. The
 * example lives in `$CONTRACTS_SHARED_DIR/specs/oai-examples-3.0`; without it the suite skips.
 */

import { existsSync } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { oaiExamplesDir } from '../helpers/paths.js'
import { removeTempProjects, startProject, type RunningServer } from '../helpers/project.js'

const examples = oaiExamplesDir()
const specFile = examples === undefined ? undefined : path.join(examples, 'petstore-expanded.yaml')
const available = specFile !== undefined && existsSync(specFile)

const HANDLERS_SOURCE = `
import type { Handlers } from './generated/index.js'

interface Pet {
  id: number
  name: string
  tag?: string
}

const pets = new Map<number, Pet>([[1, { id: 1, name: 'Rex', tag: 'dog' }]])
let nextId = 2

export const handlers: Handlers = {
  findPets(request) {
    const tags: string[] = request.query.tags ?? []
    const limit: number = request.query.limit ?? 100
    return { status: 200, body: tags.map((tag, index) => ({ id: 100 + index, name: 'pet ' + tag, tag })).slice(0, limit) }
  },
  addPet(request) {
    const pet: Pet = { id: nextId++, ...request.body }
    pets.set(pet.id, pet)
    return { status: 200, body: pet }
  },
  findPetById(request) {
    const id: number = request.path.id
    const pet = pets.get(id)
    if (pet === undefined) return { status: 404, body: { code: 404, message: 'No pet with id ' + id } }
    return { status: 200, body: { ...pet, tag: typeof id } }
  },
  deletePet(request) {
    pets.delete(request.path.id)
    return { status: 204 }
  },
}
`

type Json = Record<string, any>

async function call(server: RunningServer, method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(server.url + route, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) }
}

describe.skipIf(!available)('petstore-expanded.yaml from CONTRACTS_SHARED_DIR', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startProject({ specs: [specFile as string], handlersSource: HANDLERS_SOURCE })
  })

  afterAll(async () => {
    await server?.close()
    await removeTempProjects()
  })

  describe('GET /pets?limit=2&tags=a&tags=b&tags=c', () => {
    let reply: { status: number; body: Json[] }

    beforeAll(async () => {
      reply = await call(server, 'GET', '/pets?limit=2&tags=a&tags=b&tags=c')
    })

    it('answers 200', () => {
      expect(reply.status).toBe(200)
    })

    it('applies integer limit', () => {
      expect(reply.body?.length).toBe(2)
    })

    it('reads repeated tags as array', () => {
      expect(reply.body?.map((pet) => pet.tag)).toEqual(['a', 'b'])
    })
  })

  describe('GET /pets?tags=a&tags=b', () => {
    it('lists one pet per tag', async () => {
      const reply = await call(server, 'GET', '/pets?tags=a&tags=b')
      expect(reply.body).toEqual([
        { id: 100, name: 'pet a', tag: 'a' },
        { id: 101, name: 'pet b', tag: 'b' },
      ])
    })
  })

  describe('GET /pets?limit=two', () => {
    it('rejects limit in query', async () => {
      const reply = await call(server, 'GET', '/pets?limit=two')
      expect(reply.body?.details?.[0]).toMatchObject({ location: 'query', field: 'limit' })
    })
  })

  describe('POST /pets', () => {
    it('creates valid NewPet', async () => {
      const reply = await call(server, 'POST', '/pets', { name: 'Tom', tag: 'cat' })
      expect(reply.body).toMatchObject({ name: 'Tom', tag: 'cat' })
    })

    it('assigns numeric id', async () => {
      const reply = await call(server, 'POST', '/pets', { name: 'Kit' })
      expect(typeof reply.body?.id).toBe('number')
    })

    it.each([
      ['without name', { tag: 'cat' }],
      ['with numeric name', { name: 5 }],
      ['with numeric tag', { name: 'Tom', tag: 7 }],
    ])('rejects NewPet %s', async (_label, body) => {
      const reply = await call(server, 'POST', '/pets', body)
      expect(reply.status).toBe(400)
    })

    it('names missing name field', async () => {
      const reply = await call(server, 'POST', '/pets', { tag: 'cat' })
      expect(reply.body?.details).toEqual([{ location: 'body', field: 'name', error: 'Field required' }])
    })
  })

  describe('GET /pets/{id}', () => {
    it('coerces id to integer', async () => {
      const reply = await call(server, 'GET', '/pets/1')
      expect(reply.body).toEqual({ id: 1, name: 'Rex', tag: 'number' })
    })

    it('rejects non-integer id', async () => {
      const reply = await call(server, 'GET', '/pets/abc')
      expect(reply.status).toBe(400)
    })

    it('names id in path', async () => {
      const reply = await call(server, 'GET', '/pets/abc')
      expect(reply.body?.details?.[0]).toMatchObject({ location: 'path', field: 'id' })
    })

    it('rejects fractional id', async () => {
      const reply = await call(server, 'GET', '/pets/1.5')
      expect(reply.status).toBe(400)
    })

    it('passes default response from handler', async () => {
      const reply = await call(server, 'GET', '/pets/999')
      expect(reply.status).toBe(404)
    })
  })

  describe('DELETE /pets/{id}', () => {
    let deleted: { status: number; body: unknown }

    beforeAll(async () => {
      const created = await call(server, 'POST', '/pets', { name: 'Gone' })
      deleted = await call(server, 'DELETE', `/pets/${(created.body as Json).id}`)
    })

    it('answers 204', () => {
      expect(deleted.status).toBe(204)
    })

    it('sends no body', () => {
      expect(deleted.body).toBeUndefined()
    })
  })
})
