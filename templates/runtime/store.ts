/**
 * The contract every state store implements: the in-memory store for one process and the
 * Redis store for several. One conformance suite runs against both, so their semantics match.
 */

export interface BucketRequest {
  /** Full key of the bucket, including the client's hash tag. */
  key: string
  capacity: number
  /** Time to refill an empty bucket, in milliseconds. */
  windowMs: number
}

/** A rate-limit decision, as a value: never an exception. */
export interface BucketDecision {
  allowed: boolean
  limit: number
  /** Whole tokens left after this request. */
  remaining: number
  /** Milliseconds until the bucket is full again. */
  resetMs: number
  /**
   * Unix time in milliseconds when the bucket is full again, on the store's clock: Redis `TIME`
   * for the Redis store, so every app server announces the same time whatever its own clock.
   */
  resetAtMs: number
  /** Milliseconds until one token is available; 0 when allowed. */
  retryAfterMs: number
}

export interface ClaimRequest {
  key: string
  fingerprint: string
  /** Random token of this attempt; only its owner may complete, renew or release the claim. */
  owner: string
  leaseMs: number
}

export interface StoredResponse {
  status: number
  headers: [string, string][]
  body: string
  encoding: 'utf8' | 'base64'
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'in-flight'; retryAfterMs: number }
  | { kind: 'mismatch' }
  | { kind: 'replay'; response: StoredResponse }
  /** The first attempt completed, but its response was too large to keep. */
  | { kind: 'not-stored' }

export interface AdmitRequest {
  bucket?: BucketRequest
  claim?: ClaimRequest
}

/**
 * The outcome of one admission. When the bucket denies the request, no claim is made and
 * `claim` is absent.
 */
export interface AdmitResult {
  bucket?: BucketDecision
  claim?: ClaimOutcome
}

export type StoreHealth = 'operational' | 'degraded'

export interface Store {
  readonly kind: 'memory' | 'redis'
  /** Takes a token and, when it is granted, claims the idempotency key; one round trip. */
  admit(request: AdmitRequest): Promise<AdmitResult>
  /** Stores the final response (or that it was too large) if `owner` still owns the claim. */
  complete(key: string, owner: string, response: StoredResponse | 'too-large', ttlMs: number): Promise<boolean>
  /** Drops the claim so a retry can run; a no-op when another owner owns it. */
  release(key: string, owner: string): Promise<void>
  /** Extends the lease of a running claim; false when the claim is gone or someone else's. */
  renew(key: string, owner: string, leaseMs: number): Promise<boolean>
  /** The owner token of a claim, to settle a claim whose reply was lost. */
  owner(key: string): Promise<string | undefined>
  health(): Promise<StoreHealth>
  /** Resolves true once connected, false when `timeoutMs` passes first. */
  ready(timeoutMs: number): Promise<boolean>
  close(): Promise<void>
}
