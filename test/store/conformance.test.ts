/**
 * One suite, every store: the in-memory store and the Redis store must give the same answers
 * for the same sequence of calls. Redis tests use their own key prefix and delete it after.
 */

import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Store, StoredResponse } from '../../templates/runtime/store.js'
import { deleteKeys, memoryStoreFactory, redisStoreFactory, type StoreFactory } from '../helpers/stores.js'

const RESPONSE: StoredResponse = {
  status: 201,
  headers: [['content-type', 'application/json']],
  body: Buffer.from('{"ok":true}').toString('base64'),
  encoding: 'base64',
}

const factories: StoreFactory[] = [memoryStoreFactory, redisStoreFactory]

describe.each(factories)('$name store', (factory) => {
  let store: Store
  const prefix = `contracts-test:${randomUUID()}`
  const key = (name: string) => `${prefix}:{client}:${name}:${randomUUID()}`

  beforeAll(async () => {
    store = await factory.create()
  })

  afterAll(async () => {
    if (factory.name === 'redis') await deleteKeys(`${prefix}:*`)
    await store.close()
  })

  describe('token bucket', () => {
    it('admits exactly the capacity, then denies', async () => {
      const bucket = { key: key('rl'), capacity: 5, windowMs: 60_000 }
      const decisions = []
      for (let index = 0; index < 7; index += 1) decisions.push((await store.admit({ bucket })).bucket)

      expect(decisions.map((decision) => decision?.allowed)).toEqual([true, true, true, true, true, false, false])
      expect(decisions.map((decision) => decision?.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0])
    })

    it('reports the wait for one token as retryAfterMs', async () => {
      const bucket = { key: key('rl'), capacity: 2, windowMs: 60_000 }
      await store.admit({ bucket })
      await store.admit({ bucket })
      const denied = (await store.admit({ bucket })).bucket

      expect(denied?.allowed).toBe(false)
      // One token of a 2-per-minute bucket takes 30 s; a few milliseconds may have refilled.
      expect(denied?.retryAfterMs).toBeGreaterThan(29_000)
      expect(denied?.retryAfterMs).toBeLessThanOrEqual(30_000)
    })

    it('reports the time until full as resetMs', async () => {
      const bucket = { key: key('rl'), capacity: 10, windowMs: 10_000 }
      const first = (await store.admit({ bucket })).bucket

      expect(first?.resetMs).toBeGreaterThan(900)
      expect(first?.resetMs).toBeLessThanOrEqual(1000)
    })

    it('reports resetAtMs on the store clock', async () => {
      const bucket = { key: key('rl'), capacity: 10, windowMs: 10_000 }
      const before = Date.now()
      const first = (await store.admit({ bucket })).bucket
      const after = Date.now()

      // The store's clock is this machine's (Redis runs here too); allow 50 ms of rounding.
      expect(first?.resetAtMs).toBeGreaterThanOrEqual(before + (first?.resetMs ?? 0) - 50)
      expect(first?.resetAtMs).toBeLessThanOrEqual(after + (first?.resetMs ?? 0) + 50)
    })

    it('refills over time', async () => {
      const bucket = { key: key('rl'), capacity: 4, windowMs: 400 }
      for (let index = 0; index < 4; index += 1) await store.admit({ bucket })
      expect((await store.admit({ bucket })).bucket?.allowed).toBe(false)

      await new Promise((resolve) => setTimeout(resolve, 250))
      expect((await store.admit({ bucket })).bucket?.allowed).toBe(true)
    })

    it('admits exactly the capacity under concurrency', async () => {
      const bucket = { key: key('rl'), capacity: 20, windowMs: 60_000 }
      const results = await Promise.all(Array.from({ length: 60 }, () => store.admit({ bucket })))
      const allowed = results.filter((result) => result.bucket?.allowed).length
      const remaining = results.map((result) => result.bucket?.remaining ?? -1)

      expect(allowed).toBe(20)
      expect(Math.min(...remaining)).toBe(0)
    })

    it('makes no claim when the bucket denies', async () => {
      const bucket = { key: key('rl'), capacity: 1, windowMs: 60_000 }
      await store.admit({ bucket })
      const claimKey = key('idem')
      const denied = await store.admit({ bucket, claim: { key: claimKey, fingerprint: 'a', owner: 'o1', leaseMs: 10_000 } })

      expect(denied.bucket?.allowed).toBe(false)
      expect(denied.claim).toBeUndefined()
      expect(await store.owner(claimKey)).toBeUndefined()
    })
  })

  describe('idempotency', () => {
    const claim = (claimKey: string, owner: string, fingerprint = 'fp', leaseMs = 10_000) => ({ key: claimKey, fingerprint, owner, leaseMs })

    it('claims a new key', async () => {
      const claimKey = key('idem')
      const result = await store.admit({ claim: claim(claimKey, 'o1') })

      expect(result.claim).toEqual({ kind: 'claimed' })
      expect(await store.owner(claimKey)).toBe('o1')
    })

    it('answers in-flight for a running claim', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1') })
      const second = await store.admit({ claim: claim(claimKey, 'o2') })

      expect(second.claim?.kind).toBe('in-flight')
      expect(second.claim?.kind === 'in-flight' && second.claim.retryAfterMs).toBeGreaterThan(0)
    })

    it('answers mismatch for another fingerprint, also while running', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1', 'first') })

      expect((await store.admit({ claim: claim(claimKey, 'o2', 'second') })).claim).toEqual({ kind: 'mismatch' })
    })

    it('replays a completed response', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1') })
      expect(await store.complete(claimKey, 'o1', RESPONSE, 60_000)).toBe(true)

      expect((await store.admit({ claim: claim(claimKey, 'o2') })).claim).toEqual({ kind: 'replay', response: RESPONSE })
    })

    it('keeps a claim from other owners', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1') })

      expect(await store.complete(claimKey, 'intruder', RESPONSE, 60_000)).toBe(false)
      await store.release(claimKey, 'intruder')
      expect(await store.owner(claimKey)).toBe('o1')
    })

    it('frees the key on release', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1') })
      await store.release(claimKey, 'o1')

      expect((await store.admit({ claim: claim(claimKey, 'o2') })).claim).toEqual({ kind: 'claimed' })
    })

    it('does not release a completed record', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1') })
      await store.complete(claimKey, 'o1', RESPONSE, 60_000)
      await store.release(claimKey, 'o1')

      expect((await store.admit({ claim: claim(claimKey, 'o2') })).claim?.kind).toBe('replay')
    })

    it('answers not-stored after a too-large response', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1') })
      await store.complete(claimKey, 'o1', 'too-large', 60_000)

      expect((await store.admit({ claim: claim(claimKey, 'o2') })).claim).toEqual({ kind: 'not-stored' })
    })

    it('frees the key when the lease expires', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1', 'fp', 150) })
      await new Promise((resolve) => setTimeout(resolve, 250))

      expect((await store.admit({ claim: claim(claimKey, 'o2') })).claim).toEqual({ kind: 'claimed' })
    })

    it('extends the lease on renew', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1', 'fp', 200) })
      await new Promise((resolve) => setTimeout(resolve, 120))
      expect(await store.renew(claimKey, 'o1', 400)).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 150))

      expect((await store.admit({ claim: claim(claimKey, 'o2') })).claim?.kind).toBe('in-flight')
    })

    it('refuses renew by another owner', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1') })

      expect(await store.renew(claimKey, 'o2', 10_000)).toBe(false)
    })

    it('expires completed records after their TTL', async () => {
      const claimKey = key('idem')
      await store.admit({ claim: claim(claimKey, 'o1') })
      await store.complete(claimKey, 'o1', RESPONSE, 150)
      await new Promise((resolve) => setTimeout(resolve, 250))

      expect((await store.admit({ claim: claim(claimKey, 'o2') })).claim).toEqual({ kind: 'claimed' })
    })

    it('grants one claim among 200 concurrent attempts', async () => {
      const claimKey = key('idem')
      const results = await Promise.all(Array.from({ length: 200 }, (_, index) => store.admit({ claim: claim(claimKey, `o${index}`) })))
      const kinds = results.map((result) => result.claim?.kind)

      expect(kinds.filter((kind) => kind === 'claimed')).toHaveLength(1)
      expect(kinds.filter((kind) => kind === 'in-flight')).toHaveLength(199)
    })
  })
})
