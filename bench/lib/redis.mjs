/** The Redis at 127.0.0.1 used by variants 5 and 6: reachability and key cleanup by prefix. */

import { Redis } from 'ioredis'

function connect(port) {
  return new Redis({ host: '127.0.0.1', port, lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false })
}

/** Redis version string when PING succeeds, else undefined. */
export async function redisVersion(port) {
  const client = connect(port)
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.ping()
    const info = await client.info('server')
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown'
  } catch {
    return undefined
  } finally {
    client.disconnect()
  }
}

/** Deletes every key that starts with `prefix:` and returns how many there were. */
export async function deleteKeys(port, prefix) {
  const client = connect(port)
  client.on('error', () => undefined)
  let deleted = 0
  try {
    await client.connect()
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000)
      cursor = next
      if (keys.length > 0) deleted += await client.unlink(...keys)
    } while (cursor !== '0')
  } finally {
    client.disconnect()
  }
  return deleted
}
