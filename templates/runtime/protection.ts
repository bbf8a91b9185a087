/**
 * Rate limiting and idempotency around a handler call. Admission costs one store round trip:
 * the token and the idempotency claim are taken by the same script. The failure policy is
 * explicit per feature: rate limiting fails open to a per-process bucket, idempotency fails
 * closed with 503, unless the config says otherwise.
 */

import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

import { ConfigError, configKey, type ContractsConfig, type RateLimitPolicy } from './config.js'
import type { Logger } from './logger.js'
import type { AdmitResult, BucketDecision, ClaimOutcome, Store, StoredResponse } from './store.js'
import { MemoryStore } from './store-memory.js'
import type { OperationDefinition } from './types.js'

export interface NamedPolicy extends RateLimitPolicy {
  name: string
}

export type IdempotencyMode = 'required' | 'optional' | 'disabled'

export interface OperationProtection {
  policy?: NamedPolicy
  idempotency: IdempotencyMode
  /** `RateLimit-Policy` header value, computed once. */
  policyHeader?: string
}

/** Outcome of admission. `claim` is set when this request now owns an idempotency key. */
export interface Admission {
  bucket?: BucketDecision
  outcome: ClaimOutcome | { kind: 'none' } | { kind: 'unavailable' }
  claim?: ActiveClaim
}

export interface ActiveClaim {
  key: string
  owner: string
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i
const PRINTABLE_ASCII = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/

// Headers a replay may repeat. Set-Cookie, Date and rate-limit headers belong to one exchange.
export const REPLAYED_HEADERS = new Set([
  'content-type',
  'content-language',
  'content-location',
  'location',
  'etag',
  'last-modified',
  'cache-control',
  'expires',
  'link',
  'vary',
])

// How many path templates a message about an unknown `rate_limiting.endpoints` key lists.
const LISTED_PATHS = 5

/**
 * Rejects `rate_limiting.endpoints` keys that match no operation, with the key's `file:line:col`.
 * Without this check a misspelt path would leave its endpoint on the default policy silently.
 */
export function checkEndpointPolicies(operations: readonly OperationDefinition[], config: ContractsConfig): void {
  const known = new Set(operations.flatMap((operation) => [operation.path, `${operation.method} ${operation.path}`]))
  const unknown = [...config.rateLimiting.endpoints.keys()].filter((key) => !known.has(key))
  if (unknown.length === 0) return

  const paths = [...new Set(operations.map((operation) => operation.path))].sort()
  const listed = paths.slice(0, LISTED_PATHS).join(', ') + (paths.length > LISTED_PATHS ? ` and ${paths.length - LISTED_PATHS} more` : '')
  const lines = unknown.map((key) => {
    const where = config.rateLimiting.endpointLocations.get(key) ?? 'config'
    return `${where}  ${configKey(['rate_limiting', 'endpoints', key])} matches no operation in the specs. Use a path template of a spec (${listed}), optionally after an upper-case method, as in "POST ${paths[0] ?? '/path'}".`
  })
  throw new ConfigError(lines.join('\n'))
}

/** Decides each operation's rate-limit policy and idempotency mode once, at start-up. */
export function planProtection(operation: OperationDefinition, config: ContractsConfig): OperationProtection {
  const rate = config.rateLimiting
  let policy: NamedPolicy | undefined
  if (rate.enabled) {
    const byMethod = `${operation.method} ${operation.path}`
    const configured = rate.endpoints.get(byMethod) ?? rate.endpoints.get(operation.path)
    if (configured) policy = { name: rate.endpoints.has(byMethod) ? byMethod : operation.path, ...configured }
    else if (operation.rateLimit) policy = { name: byMethod, ...operation.rateLimit }
    else policy = { name: 'default', ...rate.defaultPolicy }
  }

  const idempotent = operation.method === 'POST' || operation.method === 'PATCH'
  const idempotency: IdempotencyMode = !config.idempotency.enabled || !idempotent
    ? 'disabled'
    : operation.idempotency ?? 'optional'

  return {
    policy,
    idempotency,
    policyHeader: policy ? `${structuredString(policy.name)};q=${policy.limit};w=${Math.ceil(policy.windowSeconds)}` : undefined,
  }
}

/** An sf-string (RFC 8941): printable ASCII in quotes, with `"` and `\` escaped. */
function structuredString(text: string): string {
  return `"${text.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&')}"`
}

/**
 * Builds the rate-limit headers of one decision. `X-RateLimit-Reset` comes from the store's
 * clock, not this process's, so servers with skewed clocks announce the same time.
 */
export function rateLimitHeaders(protection: OperationProtection, decision: BucketDecision): Record<string, string> {
  const resetSeconds = Math.ceil(decision.resetMs / 1000)
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(Math.max(0, decision.remaining)),
    'X-RateLimit-Reset': String(Math.ceil(decision.resetAtMs / 1000)),
    RateLimit: `${structuredString(protection.policy?.name ?? 'default')};r=${Math.max(0, decision.remaining)};t=${resetSeconds}`,
  }
  if (protection.policyHeader) headers['RateLimit-Policy'] = protection.policyHeader
  if (!decision.allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)))
  return headers
}

export type KeyRead = { key: string } | { invalid: true } | undefined

/** The Idempotency-Key of a request; undefined when none was sent. */
export function readIdempotencyKey(request: IncomingMessage, format: 'printable' | 'uuid-v4'): KeyRead {
  const values = request.headersDistinct['idempotency-key']
  if (values === undefined) return undefined
  if (values.length !== 1) return { invalid: true }
  const key = values[0] as string
  const valid = format === 'uuid-v4' ? UUID_V4.test(key) : PRINTABLE_ASCII.test(key)
  return valid ? { key } : { invalid: true }
}

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  // Bytes of an uploaded file count by their digest; no JSON text starts with `bytes:`.
  if (Buffer.isBuffer(value)) return `bytes:${createHash('sha256').update(value).digest('hex')}`
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`
}

/** sha256 of method, path with query, and canonical body. */
export function fingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(method).update('\n').update(url).update('\n').update(body === undefined ? '' : canonicalJson(body)).digest('hex')
}

/** Store key names: both keys of a client share the `{client}` hash tag, so one Redis slot. */
export function bucketKey(prefix: string, clientId: string, policy: string): string {
  return `${prefix}:{${clientId}}:rl:${policy}`
}

export function recordKey(prefix: string, clientId: string, method: string, route: string, key: string): string {
  const scope = createHash('sha256').update(`${clientId}\n${method}\n${route}\n${key}`).digest('hex')
  return `${prefix}:{${clientId}}:idem:${scope}`
}

export interface AdmitInput {
  protection: OperationProtection
  bucketKey?: string
  claim?: { key: string; fingerprint: string }
}

export class Guard {
  private readonly fallback = new MemoryStore()
  private outage = false
  /** Claims whose handlers are running, so a shutdown can release the ones that cannot finish. */
  private readonly running = new Set<ActiveClaim>()

  constructor(
    readonly store: Store,
    private readonly config: ContractsConfig,
    private readonly logger: Logger | undefined,
    private readonly onFallback: (feature: 'rate_limit' | 'idempotency') => void = () => undefined,
  ) {}

  /** One store round trip; on a store failure, each feature follows its failure policy. */
  async admit(input: AdmitInput): Promise<Admission> {
    const policy = input.protection.policy
    const bucket = policy && input.bucketKey
      ? { key: input.bucketKey, capacity: policy.limit, windowMs: policy.windowSeconds * 1000 }
      : undefined
    const owner = input.claim ? randomUUID() : ''
    const claim = input.claim ? { ...input.claim, owner, leaseMs: this.config.idempotency.leaseSeconds * 1000 } : undefined
    if (!bucket && !claim) return { outcome: { kind: 'none' } }

    let result: AdmitResult
    try {
      result = await this.store.admit({ bucket, claim })
      this.recovered()
    } catch (error) {
      return this.admitDuringOutage(error, bucket, claim)
    }

    const outcome = result.claim ?? { kind: 'none' as const }
    return {
      bucket: result.bucket,
      outcome,
      claim: outcome.kind === 'claimed' && claim ? { key: claim.key, owner } : undefined,
    }
  }

  private async admitDuringOutage(
    error: unknown,
    bucket: { key: string; capacity: number; windowMs: number } | undefined,
    claim: { key: string; owner: string } | undefined,
  ): Promise<Admission> {
    this.noteOutage(error)

    // The script may have run before the reply was lost: the owner token settles it.
    if (claim) {
      try {
        if ((await this.store.owner(claim.key)) === claim.owner) return { outcome: { kind: 'claimed' }, claim }
      } catch {
        // Still unreachable; fall through to the failure policy.
      }
    }

    let decision: BucketDecision | undefined
    if (bucket) {
      if (this.config.rateLimiting.failureMode === 'closed') return { outcome: { kind: 'unavailable' } }
      this.onFallback('rate_limit')
      decision = this.fallback.take(bucket)
      if (!decision.allowed) return { bucket: decision, outcome: { kind: 'none' } }
    }

    if (claim) {
      if (this.config.idempotency.failureMode === 'closed') return { bucket: decision, outcome: { kind: 'unavailable' } }
      this.onFallback('idempotency')
    }
    return { bucket: decision, outcome: { kind: 'none' } }
  }

  private noteOutage(error: unknown): void {
    if (this.outage) return
    this.outage = true
    this.logger?.error({ err: error, store: this.store.kind }, 'state store unavailable; applying the failure policy until it recovers')
  }

  private recovered(): void {
    if (!this.outage) return
    this.outage = false
    this.logger?.info({ store: this.store.kind }, 'state store recovered')
  }

  /** Keeps a claim alive while its handler runs; returns the function that stops renewing. */
  keepAlive(claim: ActiveClaim): () => void {
    const leaseMs = this.config.idempotency.leaseSeconds * 1000
    const timer = setInterval(() => {
      this.store.renew(claim.key, claim.owner, leaseMs).catch(() => undefined)
    }, Math.max(50, leaseMs / 3))
    timer.unref()
    this.running.add(claim)
    return () => {
      clearInterval(timer)
      this.running.delete(claim)
    }
  }

  /** Releases every running claim: their handlers will not finish, so retries must be able to run. */
  async releaseAll(): Promise<void> {
    const claims = [...this.running]
    this.running.clear()
    await Promise.all(claims.map((claim) => this.release(claim)))
  }

  async complete(claim: ActiveClaim, response: StoredResponse | 'too-large'): Promise<void> {
    try {
      await this.store.complete(claim.key, claim.owner, response, this.config.idempotency.windowSeconds * 1000)
    } catch (error) {
      this.logger?.error({ err: error }, 'could not store the idempotent response; its claim expires after the lease')
    }
  }

  async release(claim: ActiveClaim): Promise<void> {
    try {
      await this.store.release(claim.key, claim.owner)
    } catch (error) {
      this.logger?.error({ err: error }, 'could not release an idempotency claim; it expires after the lease')
    }
  }

  async close(): Promise<void> {
    await this.fallback.close()
    await this.store.close()
  }
}
