/**
 * A 3-node Redis Cluster on loopback ports: both keys of every script share one hash tag, so
 * the scripts run without CROSSSLOT errors wherever the client's slot lives.
 */

import { randomUUID } from 'node:crypto'

import { execa } from 'execa'
import { Cluster } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bucketKey, recordKey } from '../../templates/runtime/protection.js'
import { RedisStore } from '../../templates/runtime/store-redis.js'
import { hasRedisServer, startRedis, waitFor, type RedisProcess } from '../helpers/redis-server.js'

const available = await hasRedisServer()

describe.skipIf(!available)('Redis store on a 3-node cluster', () => {
  const nodes: RedisProcess[] = []
  let store: RedisStore

  beforeAll(async () => {
    for (let index = 0; index < 3; index += 1) nodes.push(await startRedis({ cluster: true }))
    await execa('redis-cli', ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', '0', '--cluster-yes'])

    const cluster = new Cluster(nodes.map((node) => ({ host: '127.0.0.1', port: node.port })), { redisOptions: { commandTimeout: 2000 } })
    store = new RedisStore(cluster)
    await waitFor(async () => String(await cluster.cluster('INFO')).includes('cluster_state:ok'), 10_000, 'cluster_state:ok')
  }, 30_000)

  afterAll(async () => {
    await store?.close()
    await Promise.all(nodes.map((node) => node.stop()))
  })

  it('runs every script for clients in different slots', async () => {
    for (let client = 0; client < 12; client += 1) {
      const clientId = `ip:198.51.100.${client}`
      const bucket = { key: bucketKey('contracts', clientId, 'default'), capacity: 5, windowMs: 60_000 }
      const claim = { key: recordKey('contracts', clientId, 'POST', '/agents/ask', randomUUID()), fingerprint: 'fp', owner: 'o1', leaseMs: 10_000 }

      const admitted = await store.admit({ bucket, claim })
      expect(admitted.bucket?.allowed).toBe(true)
      expect(admitted.claim).toEqual({ kind: 'claimed' })
      expect(await store.renew(claim.key, 'o1', 10_000)).toBe(true)
      expect(await store.complete(claim.key, 'o1', { status: 200, headers: [], body: 'e30=', encoding: 'base64' }, 60_000)).toBe(true)
      expect((await store.admit({ bucket, claim: { ...claim, owner: 'o2' } })).claim?.kind).toBe('replay')
      await store.release(claim.key, 'o2')
    }
  })
})
