/**
 * X-Validation-Time-Ms on the responses of API operations, whatever their outcome: success,
 * validation problems, 413, 415, 429, idempotency conflicts and handler failures. The value is
 * milliseconds with exactly three decimals.
 */

import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ask, demoHandlers, startGenesis, stopGenesisServers, type HandlerMap } from '../helpers/genesis-server.js'

const THREE_DECIMALS = /^\d+\.\d{3}$/

let url: string

beforeAll(async () => {
  const demo = await demoHandlers()
  // A prompt of "fail" makes the handler throw, for the 500 case.
  const handlers: HandlerMap = {
    ...demo,
    askAgent: (request, context) => {
      if (request.body.prompt === 'fail') throw new Error('failing on purpose')
      return demo.askAgent?.(request, context)
    },
  }
  const config = 'server:\n  body_limit_bytes: 2048\nrate_limiting:\n  endpoints:\n    /halo/route:\n      limit: 1\n      window_seconds: 60\nlogging:\n  level: silent\n'
  const started = await startGenesis({ config, handlers })
  url = started.url
})

afterAll(async () => {
  await stopGenesisServers()
})

describe('X-Validation-Time-Ms', () => {
  const conflictKey = randomUUID()
  const cases: { name: string; send: () => Promise<Response>; status: number }[] = [
    { name: 'success', send: () => ask(url), status: 200 },
    { name: 'validation problem', send: () => ask(url, { role: 'nobody' }), status: 400 },
    { name: 'invalid JSON', send: () => ask(url, '{"role":'), status: 400 },
    { name: 'body over the limit', send: () => ask(url, { role: 'qa', prompt: 'x'.repeat(4000) }), status: 413 },
    { name: 'unsupported media type', send: () => fetch(`${url}/agents/ask`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }), status: 415 },
    { name: 'first idempotent request', send: () => ask(url, { role: 'qa', prompt: 'one' }, { 'idempotency-key': conflictKey }), status: 200 },
    { name: 'idempotent replay', send: () => ask(url, { role: 'qa', prompt: 'one' }, { 'idempotency-key': conflictKey }), status: 200 },
    { name: 'idempotency key mismatch', send: () => ask(url, { role: 'qa', prompt: 'two' }, { 'idempotency-key': conflictKey }), status: 422 },
    { name: 'first rate-limited request', send: () => fetch(`${url}/halo/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"request":"a"}' }), status: 200 },
    { name: 'rate limit hit', send: () => fetch(`${url}/halo/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"request":"a"}' }), status: 429 },
    { name: 'handler failure', send: () => ask(url, { role: 'qa', prompt: 'fail' }), status: 500 },
  ]

  // The cases run in order: the replay and the 429 depend on the request before them.
  it.each(cases)('$name has three decimals', async ({ send, status }) => {
    const response = await send()
    await response.arrayBuffer()

    expect(response.status).toBe(status)
    expect(response.headers.get('x-validation-time-ms')).toMatch(THREE_DECIMALS)
  })
})
