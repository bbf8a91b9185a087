/**
 * Request bodies and schema keywords on an OpenAPI 3.0 fixture: a media type with parameters
 * in the spec, empty bodies on optional and required request bodies, a nullable enum, and a
 * readOnly property inside a oneOf branch. The handlers echo what they receive.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { compileProject, removeTempProjects, startServer, type RunningServer } from '../helpers/project.js'

type Json = Record<string, any>

interface EchoInput {
  body: unknown
  contentType: string | undefined
}

interface Reply {
  status: number
  body: Json
}

const echo = (input: EchoInput) => ({
  status: 200,
  body: { present: input.body !== undefined, body: input.body ?? null, contentType: input.contentType ?? null },
})

let server: RunningServer

beforeAll(async () => {
  const project = await compileProject({ specs: [fixture('request-semantics.yaml')] })
  const handlers = { createNoteWithCharset: echo, createNoteOptionally: echo, createNote: echo, createTicket: echo }
  server = await startServer(project.generated, handlers)
})

afterAll(async () => {
  await server?.close()
  await removeTempProjects()
})

/** POSTs `body` unchanged, with a Content-Type header only when one is given. */
async function post(path: string, body: string | undefined, contentType?: string): Promise<Reply> {
  const headers: Record<string, string> = contentType === undefined ? {} : { 'Content-Type': contentType }
  const response = await fetch(server.url + path, { method: 'POST', headers, body })
  return { status: response.status, body: (await response.json()) as Json }
}

describe('spec media type with charset parameter', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])('accepts %s', async (contentType) => {
    const reply = await post('/notes/charset', '{"text":"hi"}', contentType)

    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body.body).toEqual({ text: 'hi' })
  })

  it('rejects text/plain with 415', async () => {
    const reply = await post('/notes/charset', '{"text":"hi"}', 'text/plain')

    expect(reply.status).toBe(415)
    expect(reply.body.error).toBe('unsupported_media_type')
  })
})

describe('optional request body', () => {
  it('zero JSON bytes count as absent', async () => {
    const reply = await post('/notes/optional', '', 'application/json')

    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body).toEqual({ present: false, body: null, contentType: null })
  })

  it('no body and no Content-Type pass', async () => {
    const reply = await post('/notes/optional', undefined)

    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body.present).toBe(false)
  })

  it('sent body is still validated', async () => {
    const reply = await post('/notes/optional', '{}', 'application/json')

    expect(reply.status).toBe(400)
    expect(reply.body.details).toContainEqual({ location: 'body', field: 'text', error: 'Field required' })
  })

  it('sent body reaches handler', async () => {
    const reply = await post('/notes/optional', '{"text":"hi"}', 'application/json')

    expect(reply.body).toEqual({ present: true, body: { text: 'hi' }, contentType: 'application/json' })
  })
})

describe('required request body', () => {
  it.each([
    ['no body and no Content-Type', undefined, undefined],
    ['zero bytes with Content-Type', '', 'application/json'],
  ])('%s is 400 body_required', async (_name, body, contentType) => {
    const reply = await post('/notes/required', body, contentType)

    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('body_required')
    expect(reply.body.message).toBe('Request body required')
  })
})

describe('OpenAPI 3.0 nullable enum', () => {
  it.each([null, 'low', 'high'])('accepts %s', async (priority) => {
    const reply = await post('/tickets', JSON.stringify({ priority }), 'application/json')

    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body.body).toEqual({ priority })
  })

  it.each(['urgent', '', 'null'])('rejects %j', async (priority) => {
    const reply = await post('/tickets', JSON.stringify({ priority }), 'application/json')

    expect(reply.status).toBe(400)
    expect(reply.body.details).toContainEqual({ location: 'body', field: 'priority', error: 'Must be one of: "low", "high", null' })
  })
})

describe('readOnly property in a oneOf branch', () => {
  it('rejects the property, naming it', async () => {
    const reply = await post('/tickets', JSON.stringify({ pet: { id: 7, kind: 'cat', meows: true } }), 'application/json')

    expect(reply.status).toBe(400)
    expect(reply.body.details).toContainEqual({ location: 'body', field: 'pet.id', error: 'Is read-only' })
  })

  it('accepts the branch without it', async () => {
    const reply = await post('/tickets', JSON.stringify({ pet: { kind: 'dog', barks: false } }), 'application/json')

    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body.body).toEqual({ pet: { kind: 'dog', barks: false } })
  })
})
