/**
 * Security requirements: presence and form of credentials, AND within a requirement, OR
 * across requirements, 401 with WWW-Authenticate, and the verifyCredentials hook.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { compileProject, removeTempProjects, startServer, type CompiledProject, type RunningServer } from '../helpers/project.js'

const ok = () => ({ status: 200 })
const handlers = { bearerOnly: ok, eitherScheme: ok, bothKeys: ok, optionalAuth: ok, openAccess: ok }
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`

let project: CompiledProject
let server: RunningServer
let verifying: RunningServer

beforeAll(async () => {
  project = await compileProject({ specs: [fixture('security.yaml')] })
  server = await startServer(project.generated, handlers)
  verifying = await startServer(project.generated, handlers, {
    verifyCredentials: (credentials: { value: string }[]) => credentials.every((credential) => credential.value === 'good-token'),
  })
})

afterAll(async () => {
  await server?.close()
  await verifying?.close()
  await removeTempProjects()
})

async function status(base: RunningServer, path: string, headers: Record<string, string> = {}): Promise<number> {
  return (await fetch(base.url + path, { headers })).status
}

const cases: [string, string, Record<string, string>, number][] = [
  ['bearer present', '/bearer', { authorization: 'Bearer abc.def-123' }, 200],
  ['bearer missing', '/bearer', {}, 401],
  ['bearer with wrong scheme', '/bearer', { authorization: 'Token abc' }, 401],
  ['bearer malformed', '/bearer', { authorization: 'Bearer a b' }, 401],
  ['basic with user and password', '/either', { authorization: basic('ann:secret') }, 200],
  ['basic without colon', '/either', { authorization: basic('ann') }, 401],
  ['API key header instead of basic', '/either', { 'x-api-key': 'k1' }, 200],
  ['neither alternative', '/either', {}, 401],
  ['both keys present', '/both?api_key=k1', { cookie: 'session=s1' }, 200],
  ['query key alone', '/both?api_key=k1', {}, 401],
  ['cookie key alone', '/both', { cookie: 'session=s1' }, 401],
  ['optional auth anonymous', '/optional', {}, 200],
  ['optional auth with token', '/optional', { authorization: 'Bearer t' }, 200],
  ['empty security list', '/open', {}, 200],
]

describe('security requirements', () => {
  it.each(cases)('%s', async (_name, path, headers, expected) => {
    expect(await status(server, path, headers)).toBe(expected)
  })

  it('names the schemes in WWW-Authenticate', async () => {
    const response = await fetch(`${server.url}/either`)
    const body = await response.json()

    expect(response.headers.get('www-authenticate')).toBe('Basic realm="api", charset="UTF-8", ApiKey header="X-API-Key"')
    expect(body.error).toBe('unauthorized')
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })
})

describe('verifyCredentials hook', () => {
  it('admits a verified token', async () => {
    expect(await status(verifying, '/bearer', { authorization: 'Bearer good-token' })).toBe(200)
  })

  it('rejects a refused token', async () => {
    expect(await status(verifying, '/bearer', { authorization: 'Bearer bad-token' })).toBe(401)
  })

  it('rejects a refused token where anonymous calls are allowed', async () => {
    expect(await status(verifying, '/optional', { authorization: 'Bearer bad-token' })).toBe(401)
  })

  it('still admits anonymous calls where allowed', async () => {
    expect(await status(verifying, '/optional')).toBe(200)
  })
})
