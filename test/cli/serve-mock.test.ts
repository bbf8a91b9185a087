/** `contracts serve --mock` as a user runs it: a subprocess on a free port, stopped with SIGINT. */

import { execa, type ResultPromise } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort } from '../helpers/redis-server.js'

const BIN = new URL('../../bin/run.js', import.meta.url).pathname

describe('serve --mock on the bundled specs', () => {
  let child: ResultPromise
  let url: string

  beforeAll(async () => {
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    child = execa('node', [BIN, 'serve', '--mock', '--port', String(port)], { cwd: new URL('../..', import.meta.url).pathname, reject: false, buffer: false, stdout: 'pipe' })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('mock server did not start within 60 s')), 60_000)
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('listening on')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
  }, 70_000)

  afterAll(async () => {
    child?.kill('SIGKILL')
    await child
  })

  it('answers a valid request with the spec example', async () => {
    const response = await fetch(`${url}/agents/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"qa","prompt":"hi"}' })
    const body = await response.json()

    expect(response.status).toBe(200)
    expect(response.headers.get('x-contracts-mock')).toBe('true')
    expect(typeof body.answer).toBe('string')
  })

  it('answers the 202 of orchestrate/task', async () => {
    const response = await fetch(`${url}/orchestrate/task`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"task":"ship it"}' })

    expect(response.status).toBe(202)
  })

  it('gives invalid requests the real 400', async () => {
    const response = await fetch(`${url}/agents/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"qa"}' })
    const body = await response.json()

    expect(response.status).toBe(400)
    expect(body.details[0].field).toBe('prompt')
  })

  it('stops cleanly on SIGINT', async () => {
    child.kill('SIGINT')
    const result = await child

    expect(result.exitCode).toBe(0)
  })
})
