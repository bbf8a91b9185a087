/**
 * readOnly properties in requests, rejected by default or stripped by configuration, and
 * writeOnly properties in responses, over HTTP against a compiled generated server.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { compileProject, removeTempProjects, startServer, type CompiledProject, type RunningServer } from '../helpers/project.js'

type Json = Record<string, any>

let received: Json | undefined

/** Records the body it receives; the name `leak` makes it return the writeOnly password too. */
const handlers = {
  createAccount: (request: { body: Json }) => {
    received = request.body
    const { password, owner } = request.body
    const account = { id: 'acc_1', name: request.body.name, ...(owner === undefined ? {} : { owner }) }
    return { status: 201, body: request.body.name === 'leak' ? { ...account, password } : account }
  },
}

let project: CompiledProject

beforeAll(async () => {
  project = await compileProject({ specs: [fixture('read-only.yaml')] })
})

afterAll(async () => {
  await removeTempProjects()
  await Promise.all(configDirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

const configDirs: string[] = []

async function startWith(configText: string): Promise<RunningServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-read-only-'))
  configDirs.push(dir)
  const file = path.join(dir, 'contracts.yaml')
  await writeFile(file, configText)
  const loadConfig = (project.generated as unknown as { loadConfig(file: string, environment: object): unknown }).loadConfig
  return startServer(project.generated, handlers, { config: loadConfig(file, {}) })
}

async function post(server: RunningServer, body: Json): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${server.url}/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: response.status, body: (await response.json()) as Json }
}

describe('readOnly properties rejected by default', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startWith('logging:\n  level: silent\n')
  })

  afterAll(async () => {
    await server?.close()
  })

  it('does not require a readOnly property', async () => {
    expect((await post(server, { name: 'Ada', password: 'secret' })).status).toBe(201)
  })

  it('rejects a readOnly property sent', async () => {
    const result = await post(server, { id: 'forged', name: 'Ada', password: 'secret' })
    expect(result.status).toBe(400)
    expect(result.body.details).toEqual([{ location: 'body', field: 'id', error: 'Is read-only' }])
  })

  it('rejects a nested readOnly property', async () => {
    const result = await post(server, { name: 'Ada', password: 'secret', owner: { createdAt: 'now', email: 'a@example.com' } })
    expect(result.status).toBe(400)
    expect(result.body.details).toEqual([{ location: 'body', field: 'owner.createdAt', error: 'Is read-only' }])
  })

  it('fails a response carrying a writeOnly property', async () => {
    const result = await post(server, { name: 'leak', password: 'secret' })
    expect(result.status).toBe(500)
    expect(JSON.stringify(result.body)).not.toContain('secret')
  })
})

describe('readOnly properties stripped by configuration', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startWith('validation:\n  read_only_properties: strip\nlogging:\n  level: silent\n')
  })

  afterAll(async () => {
    await server?.close()
  })

  it('removes readOnly properties before the handler', async () => {
    const result = await post(server, { id: 'forged', name: 'Ada', password: 'secret', owner: { createdAt: 'now', email: 'a@example.com' } })
    expect(result.status).toBe(201)
    expect(received).toEqual({ name: 'Ada', password: 'secret', owner: { email: 'a@example.com' } })
  })

  it('still reports other violations', async () => {
    const result = await post(server, { id: 'forged', password: 'secret' })
    expect(result.status).toBe(400)
    expect(result.body.details).toEqual([{ location: 'body', field: 'name', error: 'Field required' }])
  })
})
