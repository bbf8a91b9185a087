/**
 * Rate-limit headers at the edge of the bucket, over HTTP, with each store. The policy is 2
 * requests per 5 s, so one token takes 2.5 s. A 429 right after the bucket empties must carry
 * `Retry-After: 3`: the wait rounded up, neither the 5 s window nor the wait rounded down.
 * A request sent after those 3 s is admitted. Redis keys live under a prefix of this file.
 */

import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/processes.js'
import { deleteKeys, storeConfigSections } from '../helpers/stores.js'

const LIMIT = 2
const WINDOW_SECONDS = 5
const POLICY = '"/agents/ask"'
const prefix = `contracts-test-${randomUUID()}`

// An sf-item (RFC 8941): an sf-string, then parameters whose values are integers.
const STRUCTURED_ITEM = /^"(?:[\x20-\x21\x23-\x5b\x5d-\x7e]|\\["\\])*"(?:;[a-z*][a-z0-9_.*-]*=-?\d{1,15})*$/

const stores = storeConfigSections(prefix)

function config(storeSection: string): string {
  return `${storeSection}
rate_limiting:
  endpoints:
    /agents/ask:
      limit: ${LIMIT}
      window_seconds: ${WINDOW_SECONDS}
logging:
  level: silent
monitoring:
  collect_metrics: false
`
}

async function ask(server: ServerProcess): Promise<Response> {
  const response = await fetch(`${server.url}/agents/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'qa', prompt: 'edge' }),
  })
  await response.arrayBuffer()
  return response
}

afterAll(async () => {
  await stopAllServerProcesses()
  await deleteKeys(`${prefix}*`)
})

describe.each(stores)('rate-limit headers at the bucket edge, $name store', (store) => {
  let server: ServerProcess
  let admitted: Response[]
  let limited: Response
  /** Unix seconds, on the test's clock, just before the limited request was sent. */
  let limitedSentAt: number
  let retryAfter: number

  beforeAll(async () => {
    server = await startServerProcess({ config: config(store.section) })
    admitted = []
    for (let index = 0; index < LIMIT; index += 1) admitted.push(await ask(server))
    limitedSentAt = Date.now() / 1000
    limited = await ask(server)
    retryAfter = Number(limited.headers.get('retry-after'))
  })

  it('admits the limit, then answers 429', () => {
    expect(admitted.map((response) => response.status)).toEqual([200, 200])
    expect(limited.status).toBe(429)
  })

  it('sets Retry-After to the wait for one token, rounded up', () => {
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(retryAfter).toBe(3)
  })

  it('sets X-RateLimit-Remaining to 0 and X-RateLimit-Limit to the limit', () => {
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(limited.headers.get('x-ratelimit-limit')).toBe(String(LIMIT))
  })

  it('sets X-RateLimit-Reset to a Unix time in seconds', () => {
    const text = limited.headers.get('x-ratelimit-reset') ?? ''
    const reset = Number(text)

    expect(text).toMatch(/^\d{10}$/)
    expect(reset).toBeGreaterThanOrEqual(Math.floor(limitedSentAt) + WINDOW_SECONDS - 1)
    expect(reset).toBeLessThanOrEqual(Math.ceil(limitedSentAt) + WINDOW_SECONDS + 1)
  })

  it('sends RateLimit-Policy as a structured field', () => {
    const policy = limited.headers.get('ratelimit-policy') ?? ''

    expect(policy).toMatch(STRUCTURED_ITEM)
    expect(policy).toBe(`${POLICY};q=${LIMIT};w=${WINDOW_SECONDS}`)
  })

  it('sends RateLimit as a structured field', () => {
    const field = limited.headers.get('ratelimit') ?? ''
    const match = /;r=(\d+);t=(\d+)$/.exec(field)

    expect(field).toMatch(STRUCTURED_ITEM)
    expect(field.startsWith(`${POLICY};`)).toBe(true)
    expect(match?.[1]).toBe('0')
    expect(Number(match?.[2])).toBeGreaterThanOrEqual(WINDOW_SECONDS - 1)
    expect(Number(match?.[2])).toBeLessThanOrEqual(WINDOW_SECONDS)
  })

  it('admits the next request after Retry-After', async () => {
    const early = await ask(server)
    const waitMs = limitedSentAt * 1000 + retryAfter * 1000 - Date.now()
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)))
    const late = await ask(server)

    expect(early.status).toBe(429)
    expect(late.status).toBe(200)
  })
})
