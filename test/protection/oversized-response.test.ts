/**
 * A response larger than `idempotency.max_response_bytes`, over HTTP with each store: the first
 * caller gets it in full, nothing of it is stored, and a retry with the same key and body gets
 * the 409 problem `idempotency_response_not_stored` instead of a replay. The handler counts its
 * runs in the Redis at 127.0.0.1:6379 under a key prefix of this file.
 */

import { randomUUID } from 'node:crypto'

import { Redis } from 'ioredis'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

import { startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/processes.js'
import { deleteKeys, redisConfigSection, storeConfigSections } from '../helpers/stores.js'

// The counting server's response is about 200 bytes of JSON, so it never fits in 64.
const MAX_RESPONSE_BYTES = 64
const PROMPT = 'a question whose answer is too large to keep'

const redis = new Redis({ host: '127.0.0.1', port: 6379 })
const prefix = `contracts-test-${randomUUID()}`

const stores = storeConfigSections(prefix)

function config(storeSection: string): string {
  return `${storeSection}
idempotency:
  max_response_bytes: ${MAX_RESPONSE_BYTES}
logging:
  level: silent
monitoring:
  collect_metrics: false
`
}

async function ask(server: ServerProcess, key: string): Promise<Response> {
  return fetch(`${server.url}/agents/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ role: 'qa', prompt: PROMPT }),
  })
}

/** Reads every idempotency record under `keyPrefix`, as Redis hashes. */
async function storedRecords(keyPrefix: string): Promise<Record<string, string>[]> {
  const keys = await redis.keys(`${keyPrefix}:*:idem:*`)
  return Promise.all(keys.map((key) => redis.hgetall(key)))
}

afterEach(async () => {
  await stopAllServerProcesses()
})

afterAll(async () => {
  await deleteKeys(`${prefix}*`)
  redis.disconnect()
})

describe.each(stores)('response over max_response_bytes, $name store', (store) => {
  it('reaches the first caller in full', async () => {
    const server = await startServerProcess({ config: config(store.section) })
    const response = await ask(server, randomUUID())
    const text = await response.text()

    expect(response.status).toBe(200)
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_RESPONSE_BYTES)
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text))
    expect((JSON.parse(text) as { answer: string }).answer).toContain(PROMPT)
  })

  it('answers a retry with idempotency_response_not_stored', async () => {
    const counterKey = `${prefix}:${store.name}:runs`
    const server = await startServerProcess({ config: config(store.section), counterKey })
    const key = randomUUID()
    await (await ask(server, key)).arrayBuffer()
    const retry = await ask(server, key)
    const body = (await retry.json()) as { error: string; status: number }

    expect(retry.status).toBe(409)
    expect(retry.headers.get('content-type')).toBe('application/problem+json')
    expect(body.error).toBe('idempotency_response_not_stored')
    expect(body.status).toBe(409)
    expect(retry.headers.get('x-cached')).toBeNull()
    expect(Number(await redis.get(counterKey))).toBe(1)
  })
})

describe('response over max_response_bytes in Redis', () => {
  it('leaves a record without the body', async () => {
    const ownPrefix = `${prefix}-records`
    const server = await startServerProcess({ config: config(redisConfigSection(ownPrefix)) })
    await (await ask(server, randomUUID())).arrayBuffer()
    const records = await storedRecords(ownPrefix)

    expect(records).toHaveLength(1)
    expect(records[0]?.state).toBe('too_large')
    expect(records[0]?.body).toBe('')
  })
})
