/**
 * Regular expressions from the spec: nested quantifiers draw a warning, and strings longer than
 * the cap never reach a pattern that has no maxLength.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { compileProject, removeTempProjects, startServer, type CompiledProject, type RunningServer } from '../helpers/project.js'

let project: CompiledProject
let server: RunningServer

beforeAll(async () => {
  project = await compileProject({ specs: [fixture('patterns.yaml')] })
  server = await startServer(project.generated, { createCode: () => ({ status: 204 }) })
})

afterAll(async () => {
  await server?.close()
  await removeTempProjects()
})

async function post(body: unknown): Promise<{ status: number; details: { field: string; error: string }[] }> {
  const response = await fetch(`${server.url}/codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const text = await response.text()
  return { status: response.status, details: text === '' ? [] : (JSON.parse(text).details ?? []) }
}

describe('patterns', () => {
  it('warns about nested quantifiers', () => {
    const warnings = project.result.diagnostics.filter((diagnostic) => diagnostic.rule === 'regex-backtracking')

    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.location.pointer).toBe('/paths/~1codes/post/requestBody/content/application~1json/schema/properties/slug/pattern')
  })

  it('accepts a matching string', async () => {
    expect((await post({ code: 'abc' })).status).toBe(204)
  })

  it('rejects a string that does not match', async () => {
    const result = await post({ code: 'ABC' })

    expect(result.status).toBe(400)
    expect(result.details).toContainEqual({ location: 'body', field: 'code', error: 'Must match the pattern ^[a-z]+$' })
  })

  it('rejects a string over the cap without running the pattern', async () => {
    const started = performance.now()
    const result = await post({ code: 'a', slug: `${'a-'.repeat(3000)}!` })

    expect(result.status).toBe(400)
    expect(result.details).toContainEqual({ location: 'body', field: 'slug', error: 'Must be at most 4096 characters long' })
    // The backtracking pattern on 6001 characters would take far longer than this.
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
