/**
 * The in-memory store: the same semantics as the Redis scripts, for one process. It is the
 * default when no Redis is configured, and the per-process fallback for rate limiting while
 * Redis is down.
 */

import type { AdmitRequest, AdmitResult, BucketDecision, BucketRequest, ClaimOutcome, ClaimRequest, Store, StoredResponse, StoreHealth } from './store.js'

interface Bucket {
  tokens: number
  ts: number
  expiresAt: number
}

interface IdempotencyRecord {
  state: 'running' | 'done' | 'too_large'
  fingerprint: string
  owner: string
  response?: StoredResponse
  expiresAt: number
}

// Expired entries are dropped lazily on access and by a sweep at this interval.
const SWEEP_INTERVAL_MS = 10_000

// Past this many idempotency records the oldest completed ones go first, so one process cannot
// grow without bound; a dropped record means a late retry runs its handler again.
const DEFAULT_MAX_RECORDS = 100_000

/** Milliseconds on a clock that never goes back, unlike Date.now() across NTP corrections. */
function monotonicNow(): number {
  return performance.timeOrigin + performance.now()
}

export class MemoryStore implements Store {
  readonly kind = 'memory' as const
  private readonly buckets = new Map<string, Bucket>()
  private readonly records = new Map<string, IdempotencyRecord>()
  private readonly sweeper: NodeJS.Timeout

  constructor(
    private readonly now: () => number = monotonicNow,
    private readonly maxRecords = DEFAULT_MAX_RECORDS,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS)
    this.sweeper.unref()
  }

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    const now = this.now()
    const result: AdmitResult = {}
    if (request.bucket) {
      result.bucket = this.take(request.bucket, now)
      if (!result.bucket.allowed) return result
    }
    if (request.claim) result.claim = this.claim(request.claim, now)
    return result
  }

  /** The bucket step alone, synchronous; the Redis store's fallback calls it directly. */
  take(request: BucketRequest, now = this.now()): BucketDecision {
    const { capacity, windowMs } = request
    let bucket = this.buckets.get(request.key)
    if (!bucket || bucket.expiresAt <= now) {
      bucket = { tokens: capacity, ts: now, expiresAt: 0 }
    } else if (now > bucket.ts) {
      bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.ts) * capacity) / windowMs)
      bucket.ts = now
    }

    const allowed = bucket.tokens >= 1
    if (allowed) bucket.tokens -= 1
    const full = Math.ceil(((capacity - bucket.tokens) * windowMs) / capacity)
    bucket.expiresAt = now + full + 1000
    this.buckets.set(request.key, bucket)

    return {
      allowed,
      limit: capacity,
      remaining: Math.floor(bucket.tokens),
      resetMs: full,
      resetAtMs: now + full,
      retryAfterMs: allowed ? 0 : Math.ceil(((1 - bucket.tokens) * windowMs) / capacity),
    }
  }

  private claim(request: ClaimRequest, now: number): ClaimOutcome {
    const record = this.live(request.key, now)
    if (!record) {
      if (this.records.size >= this.maxRecords) this.evictOldestCompleted()
      this.records.set(request.key, { state: 'running', fingerprint: request.fingerprint, owner: request.owner, expiresAt: now + request.leaseMs })
      return { kind: 'claimed' }
    }
    if (record.fingerprint !== request.fingerprint) return { kind: 'mismatch' }
    if (record.state === 'running') return { kind: 'in-flight', retryAfterMs: Math.max(0, record.expiresAt - now) }
    if (record.state === 'done' && record.response) return { kind: 'replay', response: record.response }
    return { kind: 'not-stored' }
  }

  private live(key: string, now: number): IdempotencyRecord | undefined {
    const record = this.records.get(key)
    if (record && record.expiresAt <= now) {
      this.records.delete(key)
      return undefined
    }
    return record
  }

  async complete(key: string, owner: string, response: StoredResponse | 'too-large', ttlMs: number): Promise<boolean> {
    const now = this.now()
    const record = this.live(key, now)
    if (!record || record.owner !== owner) return false
    record.state = response === 'too-large' ? 'too_large' : 'done'
    record.response = response === 'too-large' ? undefined : response
    record.expiresAt = now + ttlMs
    return true
  }

  async release(key: string, owner: string): Promise<void> {
    const record = this.live(key, this.now())
    if (record && record.owner === owner && record.state === 'running') this.records.delete(key)
  }

  async renew(key: string, owner: string, leaseMs: number): Promise<boolean> {
    const now = this.now()
    const record = this.live(key, now)
    if (!record || record.owner !== owner || record.state !== 'running') return false
    record.expiresAt = now + leaseMs
    return true
  }

  async owner(key: string): Promise<string | undefined> {
    return this.live(key, this.now())?.owner
  }

  async health(): Promise<StoreHealth> {
    return 'operational'
  }

  async ready(): Promise<boolean> {
    return true
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper)
  }

  /** Maps iterate in insertion order, so the first completed record found is the oldest. */
  private evictOldestCompleted(): void {
    for (const [key, record] of this.records) {
      if (record.state === 'running') continue
      this.records.delete(key)
      return
    }
  }

  private sweep(): void {
    const now = this.now()
    for (const [key, bucket] of this.buckets) if (bucket.expiresAt <= now) this.buckets.delete(key)
    for (const [key, record] of this.records) if (record.expiresAt <= now) this.records.delete(key)
  }
}
