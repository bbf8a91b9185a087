/**
 * Server configuration: one YAML file with the sections of the staging guide, environment
 * overrides on top, checked by a precompiled JSON Schema validator. A bad file stops the
 * server with the key, the file, the line and the fix; secrets never appear in the message.
 */

import { readFileSync } from 'node:fs'

import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'

import { validateConfig } from './config-validator.js'
import type { ValidationIssue } from './types.js'

export type FailureMode = 'open' | 'closed'
export type ResponseValidationMode = 'enforce' | 'log' | 'off'

export interface RateLimitPolicy {
  limit: number
  windowSeconds: number
}

export interface RedisSettings {
  url?: string
  host: string
  port: number
  db: number
  password?: string
  commandTimeoutMs: number
  socketTimeoutMs: number
  retryOnTimeout: boolean
  maxConnections: number
  keyPrefix: string
  clusterNodes: string[]
}

export interface ContractsConfig {
  environment: string
  server: {
    host: string
    port: number
    bodyLimitBytes: number
    maxErrorDetails: number
    trustedProxies: string[]
    tls?: { certFile: string; keyFile: string }
    requireHttps: boolean
    /** 0 sends no Strict-Transport-Security header. */
    hstsMaxAgeSeconds: number
    headersTimeoutMs: number
    requestTimeoutMs: number
    keepAliveTimeoutMs: number
    shutdownTimeoutMs: number
    maxJsonDepth: number
    /** Limits of multipart/form-data bodies, below `bodyLimitBytes` for the whole body. */
    multipart: { maxFileBytes: number; maxFieldBytes: number; maxFiles: number; maxFields: number; maxParts: number }
  }
  validation: {
    requests: boolean
    responses: ResponseValidationMode
    rejectUnknownQuery: boolean
    /** Policy for readOnly properties in requests: `reject` responds with 400, `strip` removes them. */
    readOnlyProperties: 'reject' | 'strip'
    maxValidationTimeMs: number
    /** Read by `contracts generate`: strings longer than this are not matched against patterns. */
    patternMaxLength: number
  }
  /** Absent: the in-memory store, for one process. */
  redis?: RedisSettings
  rateLimiting: {
    enabled: boolean
    defaultPolicy: RateLimitPolicy
    /** Keyed by path template (`/agents/ask`) or by method and template (`POST /agents/ask`). */
    endpoints: Map<string, RateLimitPolicy>
    /** `file:line:col` of each key of `endpoints`, for the start-up check against the specs. */
    endpointLocations: Map<string, string>
    ipv6PrefixLength: number
    failureMode: FailureMode
  }
  idempotency: {
    enabled: boolean
    windowSeconds: number
    leaseSeconds: number
    keyFormat: 'printable' | 'uuid-v4'
    maxResponseBytes: number
    failureMode: FailureMode
  }
  logging: { level: string; outputPath?: string; logValidationErrors: boolean; logRateLimitHits: boolean }
  monitoring: {
    collectMetrics: boolean
    /** Serve /metrics on this port instead of the API port. */
    metricsPort?: number
    alerts: { validationLatencyMs: number; validationErrorRatePerSecond: number; redisMemoryBytes: number }
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

type Raw = Record<string, any>

const ENVIRONMENT_OVERRIDES: { variable: string; path: string[]; type: 'string' | 'integer' | 'number' | 'boolean'; secret?: boolean }[] = [
  { variable: 'REDIS_URL', path: ['redis', 'url'], type: 'string', secret: true },
  { variable: 'REDIS_HOST', path: ['redis', 'host'], type: 'string' },
  { variable: 'REDIS_PORT', path: ['redis', 'port'], type: 'integer' },
  { variable: 'REDIS_PASSWORD', path: ['redis', 'password'], type: 'string', secret: true },
  { variable: 'API_VALIDATION_ENABLED', path: ['api_validator', 'enable_validation'], type: 'boolean' },
  { variable: 'API_RATE_LIMIT', path: ['rate_limiting', 'default_limit'], type: 'integer' },
  { variable: 'API_RATE_WINDOW', path: ['rate_limiting', 'default_window_seconds'], type: 'number' },
]

const SECRET_KEYS = new Set(['password', 'url'])

/** Defaults when no file is given: everything on, in memory, no Redis. */
export function defaultConfig(): ContractsConfig {
  return resolveConfig({})
}

/**
 * Loads `file` (YAML), applies environment overrides and validates the result. When `file` is
 * undefined, only the defaults and the environment count.
 */
export function loadConfig(file: string | undefined, environment: NodeJS.ProcessEnv = process.env): ContractsConfig {
  let raw: Raw = {}
  let locate: (path: string) => string = () => file ?? 'defaults'

  if (file !== undefined) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      throw new ConfigError(`Cannot read config file ${file}: ${(error as Error).message}. Pass an existing file with CONTRACTS_CONFIG.`)
    }
    const parsed = parseYaml(text, file)
    raw = parsed.data
    locate = parsed.locate
  }

  const sources = applyEnvironment(raw, environment)
  const valid = validateConfig(raw)
  if (!valid) {
    const issues = (validateConfig as unknown as { errors: ValidationIssue[] }).errors ?? []
    throw new ConfigError(issues.slice(0, 10).map((issue) => describeConfigIssue(issue, raw, locate, sources)).join('\n'))
  }

  return resolveConfig(raw, locate)
}

function parseYaml(text: string, file: string): { data: Raw; locate: (path: string) => string } {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, uniqueKeys: true })
  const [first] = document.errors
  if (first) {
    const position = lineCounter.linePos(first.pos[0])
    throw new ConfigError(`${file}:${position.line}:${position.col}  invalid YAML: ${first.message.split('\n')[0]}`)
  }

  const data = (document.toJS({ maxAliasCount: 100 }) ?? {}) as unknown
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`${file}:1:1  the config file must be a mapping of sections such as redis:, rate_limiting:`)
  }

  const locate = (instancePath: string): string => {
    let node: unknown = document.contents
    let offset = 0
    for (const token of pointerTokens(instancePath)) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === token)
        if (!pair) break
        if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0]
        node = pair.value
      } else if (isSeq(node)) {
        node = node.items[Number(token)]
        const range = (node as { range?: number[] } | undefined)?.range
        if (range) offset = range[0] as number
      } else break
    }
    const position = lineCounter.linePos(offset)
    return `${file}:${position.line}:${position.col}`
  }

  return { data: data as Raw, locate }
}

/** Writes environment values into the raw config; returns which path came from which variable. */
function applyEnvironment(raw: Raw, environment: NodeJS.ProcessEnv): Map<string, string> {
  const sources = new Map<string, string>()
  for (const override of ENVIRONMENT_OVERRIDES) {
    const text = environment[override.variable]
    if (text === undefined || text === '') continue

    let value: unknown = text
    if (override.type === 'integer' || override.type === 'number') value = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text
    if (override.type === 'boolean') value = /^(true|1|yes|on)$/i.test(text) ? true : /^(false|0|no|off)$/i.test(text) ? false : text

    const [section, key] = override.path as [string, string]
    if (raw[section] === null || typeof raw[section] !== 'object') raw[section] = {}
    raw[section][key] = value
    sources.set(`/${section}/${key}`, override.variable)
  }
  return sources
}

function describeConfigIssue(issue: ValidationIssue, raw: Raw, locate: (path: string) => string, sources: Map<string, string>): string {
  const extra = issue.keyword === 'additionalProperties' ? `/${encodePointerToken(String(issue.params.additionalProperty))}` : ''
  const path = issue.instancePath + extra
  const tokens = pointerTokens(path)
  const key = configKey(tokens)
  const variable = sources.get(path)
  const where = variable ? `environment variable ${variable}` : locate(path)
  const leaf = tokens.at(-1) ?? ''
  const shown = SECRET_KEYS.has(leaf) ? '(hidden)' : JSON.stringify(getPath(raw, path))

  switch (issue.keyword) {
    case 'additionalProperties':
      return `${where}  unknown key ${key}. Remove it or check its spelling against config/contracts.yaml.`
    case 'type':
      return `${where}  ${key} is ${shown}, but must be of type ${String(issue.params.type).split(',').join(' or ')}.`
    case 'enum':
      return `${where}  ${key} is ${shown}, but must be one of ${(issue.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}.`
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${where}  ${key} is ${shown}, but must be ${String(issue.params.comparison)} ${String(issue.params.limit)}.`
    case 'required':
      return `${where}  ${key} needs the key ${String(issue.params.missingProperty)}.`
    default:
      return `${where}  ${key} is invalid (${issue.keyword}).`
  }
}

/** Splits a JSON pointer (RFC 6901) into unescaped tokens: `/endpoints/~1agents~1ask` gives `/agents/ask`. */
function pointerTokens(pointer: string): string[] {
  return pointer.split('/').slice(1).map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
}

function encodePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1')
}

/**
 * Names a config key for messages: `rate_limiting.default_limit`, with brackets around keys
 * that are not plain words, as in `rate_limiting.endpoints["/agents/ask"].limit`.
 */
export function configKey(tokens: readonly string[]): string {
  if (tokens.length === 0) return '(root)'
  return tokens
    .map((token, index) => (/^[A-Za-z0-9_]+$/.test(token) ? `${index === 0 ? '' : '.'}${token}` : `[${JSON.stringify(token)}]`))
    .join('')
}

function getPath(raw: Raw, path: string): unknown {
  let node: unknown = raw
  for (const token of pointerTokens(path)) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Raw)[token]
  }
  return node
}

const LOG_LEVELS: Record<string, string> = { warning: 'warn', WARNING: 'warn' }

/** Fills in defaults; `raw` has passed the schema. `locate` maps a JSON pointer to `file:line:col`. */
function resolveConfig(raw: Raw, locate: (path: string) => string = () => 'defaults'): ContractsConfig {
  const validator = raw.api_validator ?? {}
  const server = raw.server ?? {}
  const validation = raw.validation ?? {}
  const rate = raw.rate_limiting ?? {}
  const idempotency = raw.idempotency ?? {}
  const logging = raw.logging ?? {}
  const monitoring = raw.monitoring ?? {}
  const environment: string = raw.environment?.name ?? 'development'

  const responseMode: ResponseValidationMode = validation.response_validation
    ?? (validation.validate_responses === false ? 'off' : environment === 'production' ? 'log' : 'enforce')

  return {
    environment,
    server: {
      host: server.host ?? '127.0.0.1',
      port: server.port ?? 8000,
      bodyLimitBytes: server.body_limit_bytes ?? 1024 * 1024,
      maxErrorDetails: server.max_error_details ?? 50,
      trustedProxies: server.trusted_proxies ?? [],
      tls: server.tls ? { certFile: server.tls.cert_file, keyFile: server.tls.key_file } : undefined,
      requireHttps: server.require_https ?? false,
      hstsMaxAgeSeconds: server.hsts_max_age_seconds ?? 0,
      headersTimeoutMs: (server.headers_timeout_seconds ?? 10) * 1000,
      requestTimeoutMs: (server.request_timeout_seconds ?? 30) * 1000,
      keepAliveTimeoutMs: (server.keep_alive_timeout_seconds ?? 5) * 1000,
      shutdownTimeoutMs: (server.shutdown_timeout_seconds ?? 10) * 1000,
      maxJsonDepth: server.max_json_depth ?? 64,
      multipart: {
        maxFileBytes: server.multipart?.max_file_bytes ?? 1024 * 1024,
        maxFieldBytes: server.multipart?.max_field_bytes ?? 64 * 1024,
        maxFiles: server.multipart?.max_files ?? 10,
        maxFields: server.multipart?.max_fields ?? 100,
        maxParts: server.multipart?.max_parts ?? 100,
      },
    },
    validation: {
      requests: (validator.enable_validation ?? true) && (validation.validate_requests ?? true),
      responses: responseMode,
      rejectUnknownQuery: validation.fail_on_unknown_fields ?? false,
      readOnlyProperties: validation.read_only_properties ?? 'reject',
      maxValidationTimeMs: validator.max_validation_time_ms ?? 10,
      patternMaxLength: validation.pattern_max_length ?? 4096,
    },
    redis: resolveRedis(raw.redis),
    rateLimiting: {
      enabled: (validator.enable_rate_limiting ?? true) && (rate.enabled ?? true),
      defaultPolicy: { limit: rate.default_limit ?? 100, windowSeconds: rate.default_window_seconds ?? 60 },
      endpoints: new Map(Object.entries(rate.endpoints ?? {}).map(([key, policy]: [string, any]) => [key, { limit: policy.limit, windowSeconds: policy.window_seconds }])),
      endpointLocations: new Map(Object.keys(rate.endpoints ?? {}).map((key) => [key, locate(`/rate_limiting/endpoints/${encodePointerToken(key)}`)])),
      ipv6PrefixLength: rate.ipv6_prefix_length ?? 56,
      failureMode: rate.failure_mode ?? 'open',
    },
    idempotency: {
      enabled: (validator.enable_idempotency ?? true) && (idempotency.enabled ?? true),
      windowSeconds: (idempotency.window_hours ?? 24) * 3600,
      leaseSeconds: idempotency.lease_seconds ?? 60,
      keyFormat: idempotency.key_format ?? 'printable',
      maxResponseBytes: idempotency.max_response_bytes ?? 1024 * 1024,
      failureMode: idempotency.failure_mode ?? 'closed',
    },
    logging: {
      level: LOG_LEVELS[logging.level] ?? String(logging.level ?? 'info').toLowerCase(),
      outputPath: logging.output_path ?? undefined,
      logValidationErrors: logging.log_validation_errors ?? true,
      logRateLimitHits: logging.log_rate_limit_hits ?? false,
    },
    monitoring: {
      collectMetrics: monitoring.collect_metrics ?? true,
      metricsPort: monitoring.metrics_port ?? undefined,
      alerts: {
        validationLatencyMs: monitoring.alerts?.validation_latency_ms ?? 15,
        validationErrorRatePerSecond: monitoring.alerts?.validation_error_rate_per_second ?? 0.5,
        redisMemoryBytes: monitoring.alerts?.redis_memory_bytes ?? 1_900_000_000,
      },
    },
  }
}

function resolveRedis(raw: Raw | null | undefined): RedisSettings | undefined {
  if (!raw || (!raw.url && !raw.host && !(raw.cluster_nodes?.length > 0))) return undefined
  return {
    url: raw.url ?? undefined,
    host: raw.host ?? '127.0.0.1',
    port: raw.port ?? 6379,
    db: raw.db ?? 0,
    password: raw.password ?? undefined,
    commandTimeoutMs: raw.command_timeout_ms ?? 100,
    socketTimeoutMs: (raw.socket_timeout_seconds ?? 5) * 1000,
    retryOnTimeout: raw.retry_on_timeout ?? true,
    maxConnections: raw.max_connections ?? 10,
    // Keys are written as `${prefix}:...`, so a trailing colon in the setting would double.
    keyPrefix: (raw.key_prefix ?? 'contracts').replace(/:+$/, '') || 'contracts',
    clusterNodes: raw.cluster_nodes ?? [],
  }
}
