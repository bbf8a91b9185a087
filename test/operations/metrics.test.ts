/**
 * GET /metrics over real HTTP after known traffic. Checks every documented metric name with
 * its type, counts that follow the traffic, and route labels that are templates, never raw
 * paths. Also checks redis_up with Redis configured, and `monitoring.metrics_port`.
 */

import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ask, startGenesis, stopGenesisServers } from '../helpers/genesis-server.js'
import { findSamples, parseExposition, type Exposition } from '../helpers/prometheus-text.js'
import { freePort } from '../helpers/redis-server.js'
import { deleteKeys } from '../helpers/stores.js'

const DOCUMENTED: [string, string][] = [
  ['api_validation_latency_ms', 'histogram'],
  ['api_validation_errors_total', 'counter'],
  ['api_validation_success_total', 'counter'],
  ['api_rate_limit_hits_total', 'counter'],
  ['api_rate_limit_remaining', 'gauge'],
  ['api_idempotency_cache_hits', 'counter'],
  ['api_idempotency_cache_misses', 'counter'],
  ['api_idempotency_key_conflicts', 'counter'],
  ['http_requests_total', 'counter'],
  ['http_request_duration_seconds', 'histogram'],
]

async function scrape(url: string): Promise<{ response: Response; text: string }> {
  const response = await fetch(`${url}/metrics`)
  return { response, text: await response.text() }
}

afterAll(async () => {
  await stopGenesisServers()
})

describe('metrics after traffic', () => {
  let exposition: Exposition
  let contentType: string | null

  beforeAll(async () => {
    const config = 'rate_limiting:\n  endpoints:\n    /halo/route:\n      limit: 1\n      window_seconds: 60\nlogging:\n  level: silent\n'
    const { url } = await startGenesis({ config })
    const key = randomUUID()
    const sent = [
      await ask(url, { role: 'qa', prompt: 'first' }, { 'idempotency-key': key }),
      await ask(url, { role: 'qa', prompt: 'first' }, { 'idempotency-key': key }),
      await ask(url, { role: 'qa', prompt: 'other body' }, { 'idempotency-key': key }),
      await ask(url, { role: 'nobody' }),
      await fetch(`${url}/halo/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"request":"fix the build"}' }),
      await fetch(`${url}/halo/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"request":"fix the build"}' }),
      await fetch(`${url}/nope/123`),
      await fetch(`${url}/nope/456`),
    ]
    for (const response of sent) await response.arrayBuffer()
    expect(sent.map((response) => response.status)).toEqual([200, 200, 422, 400, 200, 429, 404, 404])

    const scraped = await scrape(url)
    contentType = scraped.response.headers.get('content-type')
    exposition = parseExposition(scraped.text)
  })

  it.each(DOCUMENTED)('exports %s as %s', (name, type) => {
    expect(exposition.types.get(name)).toBe(type)
  })

  it('uses the Prometheus text format', () => {
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/)
  })

  it.each([
    ['api_idempotency_cache_misses', { route: '/agents/ask' }, 1],
    ['api_idempotency_cache_hits', { route: '/agents/ask' }, 1],
    ['api_idempotency_key_conflicts', { route: '/agents/ask', reason: 'mismatch' }, 1],
    ['api_validation_errors_total', { route: '/agents/ask' }, 1],
    ['api_validation_success_total', { route: '/agents/ask' }, 3],
    ['api_rate_limit_hits_total', { route: '/halo/route' }, 1],
    ['api_rate_limit_remaining', { route: '/halo/route' }, 0],
    ['api_validation_latency_ms_count', { route: '/agents/ask' }, 4],
    ['http_requests_total', { route: '/agents/ask', method: 'POST', status: '200' }, 2],
    ['http_requests_total', { route: '/halo/route', method: 'POST', status: '429' }, 1],
    ['http_request_duration_seconds_count', { route: '/agents/ask', method: 'POST', status: '400' }, 1],
  ] as [string, Record<string, string>, number][])('counts %s %o', (name, labels, expected) => {
    const samples = findSamples(exposition, name, labels)

    expect(samples).toHaveLength(1)
    expect(samples[0]?.value).toBe(expected)
  })

  it('labels unmatched paths as one route', () => {
    const samples = findSamples(exposition, 'http_requests_total', { route: '(unmatched)', method: 'GET', status: '404' })

    expect(samples.map((sample) => sample.value)).toEqual([2])
  })

  it('never puts a raw path in a label', () => {
    const rawPaths = exposition.samples.filter((sample) => Object.values(sample.labels).some((value) => value.includes('/nope')))

    expect(rawPaths).toEqual([])
  })
})

describe('metrics with Redis', () => {
  const prefix = `contracts-ops-metrics-${randomUUID()}`

  afterAll(async () => {
    await deleteKeys(`${prefix}*`)
  })

  it('exports redis_up as 1', async () => {
    const config = `redis:\n  host: 127.0.0.1\n  port: 6379\n  key_prefix: ${prefix}\n  command_timeout_ms: 1000\nlogging:\n  level: silent\n`
    const { url } = await startGenesis({ config })

    await expect.poll(async () => findSamples(parseExposition((await scrape(url)).text), 'redis_up').map((sample) => sample.value), { timeout: 5000 }).toEqual([1])
  })
})

describe('metrics on their own port', () => {
  let apiUrl: string
  let metricsUrl: string

  beforeAll(async () => {
    const port = await freePort()
    const { url } = await startGenesis({ config: `monitoring:\n  metrics_port: ${port}\nlogging:\n  level: silent\n` })
    apiUrl = url
    metricsUrl = `http://127.0.0.1:${port}`
    await (await ask(apiUrl)).arrayBuffer()
  })

  it('serves /metrics on the metrics port', async () => {
    const { response, text } = await scrape(metricsUrl)

    expect(response.status).toBe(200)
    expect(findSamples(parseExposition(text), 'http_requests_total', { route: '/agents/ask' })).toHaveLength(1)
  })

  it('no longer serves /metrics on the API port', async () => {
    const { response } = await scrape(apiUrl)

    expect(response.status).toBe(404)
  })

  it('serves nothing else on the metrics port', async () => {
    const response = await fetch(`${metricsUrl}/health`)
    await response.arrayBuffer()

    expect(response.status).toBe(404)
  })
})
