/**
 * Prometheus metrics through prom-client, under the names of the staging guide so existing
 * dashboards and alerts keep working. Route labels are path templates, and every unmatched
 * path shares one label value, so cardinality is bounded by the spec.
 */

import { createRequire } from 'node:module'

import type { Counter, Gauge, Histogram, Registry } from 'prom-client'

// prom-client is loaded when the first Metrics is created, so a server with metrics off never
// spends start-up time on it.
const loadPromClient = (): typeof import('prom-client') => createRequire(import.meta.url)('prom-client') as typeof import('prom-client')

export const UNMATCHED_ROUTE = '(unmatched)'

// Validation takes microseconds; the top buckets catch pathological bodies.
const VALIDATION_BUCKETS_MS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 25, 50, 100]
const DURATION_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

/** Every metric name the server exports; the generated alert rules may use only these. */
export const METRIC_NAMES = [
  'api_validation_latency_ms',
  'api_validation_errors_total',
  'api_validation_success_total',
  'api_rate_limit_hits_total',
  'api_rate_limit_remaining',
  'api_idempotency_cache_hits',
  'api_idempotency_cache_misses',
  'api_idempotency_key_conflicts',
  'api_store_fallback_total',
  'http_requests_total',
  'http_request_duration_seconds',
  'redis_up',
  'redis_memory_usage_bytes',
] as const

export class Metrics {
  readonly registry: Registry
  readonly validationLatency: Histogram
  readonly validationErrors: Counter
  readonly validationSuccess: Counter
  readonly rateLimitHits: Counter
  readonly rateLimitRemaining: Gauge
  readonly idempotencyHits: Counter
  readonly idempotencyMisses: Counter
  readonly idempotencyConflicts: Counter
  readonly storeFallbacks: Counter
  readonly requests: Counter
  readonly duration: Histogram
  readonly redisUp: Gauge
  readonly redisMemory: Gauge

  constructor() {
    const { Counter, Gauge, Histogram, Registry } = loadPromClient()
    this.registry = new Registry()
    const registers = [this.registry]
    this.validationLatency = new Histogram({ name: 'api_validation_latency_ms', help: 'Time spent reading and validating a request, in milliseconds', labelNames: ['route'], buckets: VALIDATION_BUCKETS_MS, registers })
    this.validationErrors = new Counter({ name: 'api_validation_errors_total', help: 'Requests rejected by validation (400, 413, 415)', labelNames: ['route'], registers })
    this.validationSuccess = new Counter({ name: 'api_validation_success_total', help: 'Requests that passed validation', labelNames: ['route'], registers })
    this.rateLimitHits = new Counter({ name: 'api_rate_limit_hits_total', help: 'Requests rejected with 429 by the rate limiter', labelNames: ['route'], registers })
    this.rateLimitRemaining = new Gauge({ name: 'api_rate_limit_remaining', help: 'Tokens left in the bucket of the latest request, per route', labelNames: ['route'], registers })
    this.idempotencyHits = new Counter({ name: 'api_idempotency_cache_hits', help: 'Requests served from a stored idempotent response', labelNames: ['route'], registers })
    this.idempotencyMisses = new Counter({ name: 'api_idempotency_cache_misses', help: 'Requests with an Idempotency-Key that ran the handler', labelNames: ['route'], registers })
    this.idempotencyConflicts = new Counter({ name: 'api_idempotency_key_conflicts', help: 'Requests rejected with 409 or 422 because of their Idempotency-Key', labelNames: ['route', 'reason'], registers })
    this.storeFallbacks = new Counter({ name: 'api_store_fallback_total', help: 'Decisions made under the failure policy while the state store was unreachable', labelNames: ['feature'], registers })
    this.requests = new Counter({ name: 'http_requests_total', help: 'Requests by route template, method and status', labelNames: ['route', 'method', 'status'], registers })
    this.duration = new Histogram({ name: 'http_request_duration_seconds', help: 'Time from request to response, in seconds', labelNames: ['route', 'method', 'status'], buckets: DURATION_BUCKETS_SECONDS, registers })
    this.redisUp = new Gauge({ name: 'redis_up', help: '1 when the Redis store responds, 0 when not; absent without Redis', registers })
    this.redisMemory = new Gauge({ name: 'redis_memory_usage_bytes', help: 'used_memory reported by Redis INFO, sampled periodically', registers })
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() }
  }
}

/** Methods outside this set share one label value, so odd methods cannot grow the label set. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'])

export function methodLabel(method: string | undefined): string {
  return method !== undefined && KNOWN_METHODS.has(method) ? method : 'OTHER'
}
