/** Store factories for the conformance suite, and Redis helpers for tests that use it. */

import { Redis } from 'ioredis'

import type { Store } from '../../templates/runtime/store.js'
import { MemoryStore } from '../../templates/runtime/store-memory.js'
import { RedisStore } from '../../templates/runtime/store-redis.js'

export const REDIS_HOST = '127.0.0.1'
export const REDIS_PORT = 6379

export interface StoreFactory {
  name: 'memory' | 'redis'
  create(): Promise<Store>
}

export const memoryStoreFactory: StoreFactory = {
  name: 'memory',
  create: async () => new MemoryStore(),
}

export const redisStoreFactory: StoreFactory = {
  name: 'redis',
  create: async () => {
    // A longer command timeout than production: the suite runs beside other busy tests.
    const client = new Redis({ host: REDIS_HOST, port: REDIS_PORT, commandTimeout: 2000, enableOfflineQueue: true, maxRetriesPerRequest: 1 })
    await client.ping()
    return new RedisStore(client)
  },
}

/** Deletes every key matching `pattern` on the test Redis. */
export async function deleteKeys(pattern: string): Promise<void> {
  const client = new Redis({ host: REDIS_HOST, port: REDIS_PORT })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500)
      if (keys.length > 0) await client.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    client.disconnect()
  }
}

/** Returns the `redis:` section of a server config that uses the test Redis under `keyPrefix`. */
export function redisConfigSection(keyPrefix: string): string {
  return `redis:\n  host: ${REDIS_HOST}\n  port: ${REDIS_PORT}\n  key_prefix: ${keyPrefix}\n  command_timeout_ms: 1000`
}

/** Returns the store section of a server config for each store, for tests that run once per store. */
export function storeConfigSections(keyPrefix: string): { name: StoreFactory['name']; section: string }[] {
  return [
    { name: 'memory', section: 'redis: null' },
    { name: 'redis', section: redisConfigSection(keyPrefix) },
  ]
}
