/**
 * The Prometheus rule file with the three alerts of the staging guide, thresholds from the
 * config. Alert names are the guide's, so existing Alertmanager routes keep matching.
 */

import { stringify } from 'yaml'

import type { ContractsConfig } from '../../templates/runtime/config.js'
import { banner } from './banner.js'

export function emitAlertRules(config: ContractsConfig): string {
  const { validationLatencyMs, validationErrorRatePerSecond, redisMemoryBytes } = config.monitoring.alerts
  const rules = {
    groups: [
      {
        name: 'api_contracts',
        interval: '30s',
        rules: [
          {
            alert: 'APIValidationLatencyHigh',
            expr: `histogram_quantile(0.99, sum by (le) (rate(api_validation_latency_ms_bucket[5m]))) > ${validationLatencyMs}`,
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: `p99 request validation latency above ${validationLatencyMs} ms for 5 minutes` },
          },
          {
            alert: 'RateLimitErrors',
            expr: `sum(rate(api_validation_errors_total[5m])) > ${validationErrorRatePerSecond}`,
            for: '5m',
            labels: { severity: 'warning' },
            // The staging guide's name is kept so existing Alertmanager routes match; it watches validation errors.
            annotations: { summary: `More than ${validationErrorRatePerSecond} requests per second fail validation` },
          },
          {
            alert: 'RedisMemoryHigh',
            expr: `redis_memory_usage_bytes > ${redisMemoryBytes}`,
            for: '10m',
            labels: { severity: 'critical' },
            annotations: { summary: `Redis memory above ${redisMemoryBytes} bytes for 10 minutes` },
          },
        ],
      },
    ],
  }
  return banner('hash') + stringify(rules, { lineWidth: 0 })
}
