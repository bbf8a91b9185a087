/**
 * application/x-www-form-urlencoded bodies: fields decoded and coerced to the schema's types,
 * repeated names and array properties as arrays, and the usual 400 for a missing field.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { compileProject, removeTempProjects, startServer, type RunningServer } from '../helpers/project.js'

const spec = `
openapi: 3.1.0
info:
  title: Form bodies
  version: 1.0.0
paths:
  /subscriptions:
    post:
      operationId: subscribe
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [email, count]
              properties:
                email:
                  type: string
                count:
                  type: integer
                  minimum: 1
                topics:
                  type: array
                  items:
                    type: string
                confirmed:
                  type: boolean
      responses:
        '200':
          description: The body as received.
`

let server: RunningServer

beforeAll(async () => {
  const project = await compileProject({ specs: [{ name: 'forms.openapi.yaml', content: spec }] })
  server = await startServer(project.generated, { subscribe: (request: { body: unknown }) => ({ status: 200, body: request.body }) })
})

afterAll(async () => {
  await server?.close()
  await removeTempProjects()
})

async function submit(form: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('form-urlencoded bodies', () => {
  it('decodes and coerces fields', async () => {
    const result = await submit('email=a%2Bb%40example.com&count=3&confirmed=true')
    expect(result.status).toBe(200)
    expect(result.body).toEqual({ email: 'a+b@example.com', count: 3, confirmed: true })
  })

  it('collects repeated fields into an array', async () => {
    const result = await submit('email=a@example.com&count=1&topics=news&topics=offers')
    expect(result.body.topics).toEqual(['news', 'offers'])
  })

  it('makes one value of an array property an array', async () => {
    const result = await submit('email=a@example.com&count=1&topics=news')
    expect(result.body.topics).toEqual(['news'])
  })

  it('reports a missing field and a bad number', async () => {
    const result = await submit('count=0')
    expect(result.status).toBe(400)
    expect(result.body.details).toEqual([
      { location: 'body', field: 'email', error: 'Field required' },
      { location: 'body', field: 'count', error: 'Must be >= 1' },
    ])
  })
})
