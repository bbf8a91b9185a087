/**
 * Prometheus metrics through prom-client, under the names of the staging guide so existing
 * dashboards and alerts keep working. Route labels are path templates, and every unmatched
 * path shares one label value, so cardinality is bounded by the spec.
 */

import { Counter, Gauge, Histogram, Registry } from 'prom-client'

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
  readonly registry = new Registry()
  readonly validationLatency = new Histogram({ name: 'api_validation_latency_ms', help: 'Time spent reading and validating a request, in milliseconds', labelNames: ['route'], buckets: VALIDATION_BUCKETS_MS, registers: [this.registry] })
  readonly validationErrors = new Counter({ name: 'api_validation_errors_total', help: 'Requests rejected by validation (400, 413, 415)', labelNames: ['route'], registers: [this.registry] })
  readonly validationSuccess = new Counter({ name: 'api_validation_success_total', help: 'Requests that passed validation', labelNames: ['route'], registers: [this.registry] })
  readonly rateLimitHits = new Counter({ name: 'api_rate_limit_hits_total', help: 'Requests rejected with 429 by the rate limiter', labelNames: ['route'], registers: [this.registry] })
  readonly rateLimitRemaining = new Gauge({ name: 'api_rate_limit_remaining', help: 'Tokens left in the bucket of the latest request, per route', labelNames: ['route'], registers: [this.registry] })
  readonly idempotencyHits = new Counter({ name: 'api_idempotency_cache_hits', help: 'Requests served from a stored idempotent response', labelNames: ['route'], registers: [this.registry] })
  readonly idempotencyMisses = new Counter({ name: 'api_idempotency_cache_misses', help: 'Requests with an Idempotency-Key that ran the handler', labelNames: ['route'], registers: [this.registry] })
  readonly idempotencyConflicts = new Counter({ name: 'api_idempotency_key_conflicts', help: 'Requests rejected with 409 or 422 because of their Idempotency-Key', labelNames: ['route', 'reason'], registers: [this.registry] })
  readonly storeFallbacks = new Counter({ name: 'api_store_fallback_total', help: 'Decisions made under the failure policy while the state store was unreachable', labelNames: ['feature'], registers: [this.registry] })
  readonly requests = new Counter({ name: 'http_requests_total', help: 'Requests by route template, method and status', labelNames: ['route', 'method', 'status'], registers: [this.registry] })
  readonly duration = new Histogram({ name: 'http_request_duration_seconds', help: 'Time from request to response, in seconds', labelNames: ['route', 'method', 'status'], buckets: DURATION_BUCKETS_SECONDS, registers: [this.registry] })
  readonly redisUp = new Gauge({ name: 'redis_up', help: '1 when the Redis store responds, 0 when not; absent without Redis', registers: [this.registry] })
  readonly redisMemory = new Gauge({ name: 'redis_memory_usage_bytes', help: 'used_memory reported by Redis INFO, sampled periodically', registers: [this.registry] })

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() }
  }
}

/** Methods outside this set share one label value, so odd methods cannot grow the label set. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'])

export function methodLabel(method: string | undefined): string {
  return method !== undefined && KNOWN_METHODS.has(method) ? method : 'OTHER'
}
