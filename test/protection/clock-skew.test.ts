/**
 * Two server processes share the Redis at 127.0.0.1:6379 while one of them runs with its wall
 * clock an hour ahead (test/helpers/clock-skew.mjs). The scripts read Redis TIME, so both must
 * take the same rate-limit decisions and announce the same reset times and waits.
 */

import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/processes.js'
import { deleteKeys, redisConfigSection } from '../helpers/stores.js'

const SKEW_PRELOAD = fileURLToPath(new URL('../helpers/clock-skew.mjs', import.meta.url))
const SKEW_SECONDS = 3600
const LIMIT = 4
const WINDOW_SECONDS = 60
const prefix = `contracts-test-${randomUUID()}`

const config = `
${redisConfigSection(prefix)}
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

interface Exchange {
  server: 'normal' | 'skewed'
  /** Wall time of the test process (the true clock) when the request was sent, in Unix seconds. */
  sentAt: number
  status: number
  headers: Headers
  body: { created_at?: string }
}

let normal: ServerProcess
let skewed: ServerProcess
const exchanges: Exchange[] = []

async function ask(server: ServerProcess, name: Exchange['server']): Promise<Exchange> {
  const sentAt = Date.now() / 1000
  const response = await fetch(`${server.url}/agents/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'qa', prompt: 'what time is it' }),
  })
  return { server: name, sentAt, status: response.status, headers: response.headers, body: (await response.json()) as Exchange['body'] }
}

/** Reads the numeric parameter `name` of a structured-field item such as `"policy";r=0;t=15`. */
function parameter(field: string | null, name: string): number {
  const match = new RegExp(`;${name}=(\\d+)(?:;|$)`).exec(field ?? '')
  if (!match) throw new Error(`no ${name}= parameter in ${JSON.stringify(field)}`)
  return Number(match[1])
}

function last(server: Exchange['server']): Exchange {
  const found = exchanges.filter((exchange) => exchange.server === server).at(-1)
  if (!found) throw new Error(`no exchange with the ${server} server`)
  return found
}

beforeAll(async () => {
  ;[normal, skewed] = await Promise.all([
    startServerProcess({ config }),
    startServerProcess({ config, nodeArguments: ['--import', SKEW_PRELOAD] }),
  ])
  // Twice the limit, one at a time, alternating: the shared bucket admits the first four.
  for (let index = 0; index < 2 * LIMIT; index += 1) {
    exchanges.push(index % 2 === 0 ? await ask(normal, 'normal') : await ask(skewed, 'skewed'))
  }
})

afterAll(async () => {
  await stopAllServerProcesses()
  await deleteKeys(`${prefix}*`)
})

describe('servers with skewed clocks on one Redis', () => {
  it('include one whose clock is an hour ahead', () => {
    const answered = exchanges.find((exchange) => exchange.server === 'skewed' && exchange.status === 200)
    const createdAt = Date.parse(answered?.body.created_at ?? '') / 1000

    expect(createdAt - (answered?.sentAt ?? 0)).toBeGreaterThan(SKEW_SECONDS - 60)
    expect(createdAt - (answered?.sentAt ?? 0)).toBeLessThan(SKEW_SECONDS + 60)
  })

  it('admit the limit together, then deny', () => {
    expect(exchanges.map((exchange) => exchange.status)).toEqual([200, 200, 200, 200, 429, 429, 429, 429])
  })

  it.each(Array.from({ length: 2 * LIMIT }, (_, index) => index))('announce X-RateLimit-Reset on the true clock (request %i)', (index) => {
    const exchange = exchanges[index] as Exchange
    const reset = Number(exchange.headers.get('x-ratelimit-reset'))

    expect(reset, `${exchange.server} server`).toBeGreaterThanOrEqual(Math.floor(exchange.sentAt))
    expect(reset, `${exchange.server} server`).toBeLessThanOrEqual(Math.ceil(exchange.sentAt) + WINDOW_SECONDS + 1)
  })

  it('agree on X-RateLimit-Reset when limited', () => {
    const fromNormal = Number(last('normal').headers.get('x-ratelimit-reset'))
    const fromSkewed = Number(last('skewed').headers.get('x-ratelimit-reset'))

    expect(Math.abs(fromNormal - fromSkewed)).toBeLessThanOrEqual(1)
  })

  it('agree on the RateLimit t= parameter', () => {
    const fromNormal = parameter(last('normal').headers.get('ratelimit'), 't')
    const fromSkewed = parameter(last('skewed').headers.get('ratelimit'), 't')

    expect(fromNormal).toBeLessThanOrEqual(WINDOW_SECONDS)
    expect(Math.abs(fromNormal - fromSkewed)).toBeLessThanOrEqual(1)
  })

  it('agree on Retry-After', () => {
    const fromNormal = Number(last('normal').headers.get('retry-after'))
    const fromSkewed = Number(last('skewed').headers.get('retry-after'))

    // One token of 4 per 60 s takes 15 s.
    expect(fromNormal).toBeGreaterThanOrEqual(14)
    expect(fromNormal).toBeLessThanOrEqual(15)
    expect(Math.abs(fromNormal - fromSkewed)).toBeLessThanOrEqual(1)
  })
})
