/** Phase 2: the config as the release will see it, environment overrides included, secrets masked. */

import path from 'node:path'

import { ConfigError, loadConfig, type ContractsConfig, type RedisSettings } from '../../templates/runtime/config.js'
import { EXIT } from './report.js'
import type { CheckOutcome } from './runner.js'

// The variables loadConfig reads are listed in templates/runtime/config.ts; this pattern covers
// them without copying the list, so a new API_* override shows up here too.
const OVERRIDE_VARIABLE = /^(?:REDIS_(?:URL|HOST|PORT|PASSWORD)|API_[A-Z0-9_]+)$/

const MASK = '****'

export interface EffectiveConfig {
  config: ContractsConfig
  port: number
  /** Environment variables that override the file, by name; values are never kept. */
  overrides: string[]
}

/** Replaces the password of a redis:// URL with ****, keeping the rest readable. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = MASK
    return parsed.toString()
  } catch {
    return MASK
  }
}

export function describeRedis(redis: RedisSettings | undefined): string {
  if (!redis) return 'not configured: each process keeps rate limits and idempotency records in memory'
  let where = `${redis.host}:${redis.port} db ${redis.db}`
  if (redis.url) where = maskUrl(redis.url)
  if (redis.clusterNodes.length > 0) where = `cluster ${redis.clusterNodes.join(', ')}`
  const password = redis.password ? `, password ${MASK}` : ''
  return `${where}${password}, key prefix "${redis.keyPrefix}", max_connections ${redis.maxConnections}, command timeout ${redis.commandTimeoutMs} ms`
}

export function describeConfig(config: ContractsConfig, port: number): string[] {
  const { server, validation, rateLimiting, idempotency, logging } = config
  return [
    `environment: ${config.environment}`,
    `server: ${server.tls ? 'https' : 'http'}://${server.host}:${port}, body limit ${server.bodyLimitBytes} bytes, shutdown timeout ${server.shutdownTimeoutMs} ms`,
    `validation: requests ${validation.requests ? 'on' : 'off'}, responses ${validation.responses}, max_validation_time_ms ${validation.maxValidationTimeMs}`,
    `redis: ${describeRedis(config.redis)}`,
    `rate limiting: ${rateLimiting.enabled ? `${rateLimiting.defaultPolicy.limit} per ${rateLimiting.defaultPolicy.windowSeconds} s, ${rateLimiting.endpoints.size} endpoint policies, failure mode ${rateLimiting.failureMode}` : 'off'}`,
    `idempotency: ${idempotency.enabled ? `window ${idempotency.windowSeconds / 3600} h, failure mode ${idempotency.failureMode}` : 'off'}`,
    `logging: level ${logging.level}, to ${logging.outputPath ?? 'standard output (the release log file)'}`,
  ]
}

/** Config paths that a release resolves against its own folder, which is rarely what was meant. */
function relativePaths(config: ContractsConfig): string[] {
  const paths: [string, string | undefined][] = [
    ['server.tls.cert_file', config.server.tls?.certFile],
    ['server.tls.key_file', config.server.tls?.keyFile],
    ['logging.output_path', config.logging.outputPath],
  ]
  return paths.filter(([, value]) => value !== undefined && !path.isAbsolute(value)).map(([key, value]) => `${key} ${value}`)
}

export function resolveEffectiveConfig(
  file: string | undefined,
  environment: NodeJS.ProcessEnv,
  portFlag: number | undefined,
): { outcome: CheckOutcome; effective?: EffectiveConfig } {
  let config: ContractsConfig
  try {
    config = loadConfig(file, environment)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    const lines = error.message.split('\n')
    return { outcome: { status: 'failed', summary: lines[0] ?? error.message, details: lines.slice(1), suggestion: 'Fix the environment variable or the config key named above.', exitCode: EXIT.usage } }
  }

  const overrides = Object.keys(environment).filter((name) => OVERRIDE_VARIABLE.test(name) && environment[name] !== '').sort()
  const port = portFlag ?? config.server.port
  const details = [...describeConfig(config, port), `environment overrides: ${overrides.length > 0 ? overrides.join(', ') : 'none'}`]
  if (portFlag !== undefined) details.push(`port ${portFlag} comes from --port (the config says ${config.server.port})`)
  const effective = { config, port, overrides }

  if (port === 0) {
    return { outcome: { status: 'failed', summary: 'the port is 0, but a deployed release needs a fixed port for its health checks', details, suggestion: 'Pass --port or set server.port.', exitCode: EXIT.usage } }
  }
  const relative = relativePaths(config)
  if (relative.length > 0) {
    return {
      outcome: { status: 'warning', summary: `${relative.length} relative path(s) resolve inside the release folder: ${relative.join(', ')}`, details, suggestion: 'Use absolute paths in the config of a deployed release.' },
      effective,
    }
  }
  return { outcome: { status: 'passed', summary: `environment ${config.environment}, port ${port}, redis ${config.redis ? 'configured' : 'not configured'}, ${overrides.length} environment override(s)`, details }, effective }
}
