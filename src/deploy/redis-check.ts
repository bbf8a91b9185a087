/**
 * Phase 3: connects to the configured Redis with short timeouts, sends PING and reads INFO.
 * Read-only: it sets no key and changes no setting.
 */

import { Redis, type RedisOptions } from 'ioredis'

import type { ContractsConfig, RedisSettings } from '../../templates/runtime/config.js'
import { describeRedis } from './effective-config.js'
import type { CheckOutcome } from './runner.js'

/** Connect and command timeout of the checks. A healthy Redis on the same network replies within a few ms. */
export const REDIS_CHECK_TIMEOUT_MS = 2000

export interface RedisInspection {
  address: string
  pingMs: number
  info: Map<string, string>
  /** From INFO clients, or CONFIG GET maxclients on servers whose INFO lacks it. */
  maxClients?: number
}

function addressOf(settings: RedisSettings): { options: RedisOptions; url?: string; address: string } {
  const timeouts: RedisOptions = {
    connectTimeout: REDIS_CHECK_TIMEOUT_MS,
    commandTimeout: REDIS_CHECK_TIMEOUT_MS,
    lazyConnect: true,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  }
  const [node] = settings.clusterNodes
  if (node) {
    const [host, port] = node.split(':') as [string, string]
    return { options: { ...timeouts, host, port: Number(port), password: settings.password }, address: node }
  }
  const options = { ...timeouts, host: settings.host, port: settings.port, db: settings.db, password: settings.password }
  return settings.url ? { options, url: settings.url, address: describeRedis(settings).split(',')[0] ?? 'redis' } : { options, address: `${settings.host}:${settings.port}` }
}

export function parseInfo(text: string): Map<string, string> {
  const info = new Map<string, string>()
  for (const line of text.split('\r\n').flatMap((part) => part.split('\n'))) {
    const colon = line.indexOf(':')
    if (colon > 0 && !line.startsWith('#')) info.set(line.slice(0, colon), line.slice(colon + 1).trim())
  }
  return info
}

/**
 * Connects, PINGs and reads INFO, all within REDIS_CHECK_TIMEOUT_MS per step. For a cluster only
 * the first node of cluster_nodes is inspected.
 */
export async function inspectRedis(settings: RedisSettings): Promise<RedisInspection> {
  const { options, url, address } = addressOf(settings)
  const client = url ? new Redis(url, options) : new Redis(options)
  // Failures surface through the awaited commands; the listener keeps ioredis from printing them.
  client.on('error', () => undefined)
  try {
    await client.connect()
    const started = performance.now()
    await client.ping()
    const pingMs = performance.now() - started
    const info = parseInfo(await client.info())
    let maxClients = info.has('maxclients') ? Number(info.get('maxclients')) : undefined
    if (maxClients === undefined) maxClients = await readMaxClients(client)
    return { address, pingMs, info, maxClients }
  } finally {
    client.disconnect()
  }
}

async function readMaxClients(client: Redis): Promise<number | undefined> {
  try {
    const reply = (await client.config('GET', 'maxclients')) as string[]
    return reply[1] === undefined ? undefined : Number(reply[1])
  } catch {
    // CONFIG is often renamed or disabled on managed Redis; the check then skips this number.
    return undefined
  }
}

export function connectionFailure(settings: RedisSettings, error: unknown, configFile: string | undefined): CheckOutcome {
  const reason = error instanceof Error ? error.message : String(error)
  const where = describeRedis(settings).split(',')[0]
  return {
    status: 'failed',
    summary: `Redis at ${where} did not answer PING within ${REDIS_CHECK_TIMEOUT_MS} ms: ${reason}`,
    suggestion: `Start Redis there, or correct redis.host/redis.port in ${configFile ?? 'the config'} or REDIS_URL/REDIS_HOST/REDIS_PORT, or pass --force to deploy while it is down (idempotent requests then follow idempotency.failure_mode).`,
  }
}

export function describeServer(inspection: RedisInspection): CheckOutcome {
  const { info } = inspection
  const version = info.get('redis_version') ?? 'unknown'
  const details = ['redis_version', 'redis_mode', 'used_memory', 'maxmemory', 'maxmemory_policy', 'connected_clients', 'maxclients', 'uptime_in_seconds']
    .filter((key) => info.has(key))
    .map((key) => `${key}: ${info.get(key)}`)
  return { status: 'passed', summary: `PONG from ${inspection.address} in ${inspection.pingMs.toFixed(1)} ms, Redis ${version}`, details }
}

const GIB = 1024 ** 3

function formatBytes(bytes: number): string {
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(2)} GiB`
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`
}

/** Warns when the eviction policy may delete idempotency records before their window ends. */
export function checkEviction(inspection: RedisInspection, config: ContractsConfig): CheckOutcome {
  const policy = inspection.info.get('maxmemory_policy') ?? 'unknown'
  const maxMemory = Number(inspection.info.get('maxmemory') ?? 0)
  const limit = maxMemory > 0 ? `maxmemory ${formatBytes(maxMemory)}` : 'maxmemory 0 (no limit, so nothing is evicted until one is set)'
  const windowHours = config.idempotency.windowSeconds / 3600

  if (policy.startsWith('allkeys-')) {
    return {
      status: 'warning',
      summary: `maxmemory-policy is ${policy} with ${limit}: once memory is full Redis may evict idempotency records before their ${windowHours} h window ends, and a retried request then runs twice`,
      suggestion: 'Set maxmemory-policy to volatile-ttl (evicts the keys closest to expiry first, such as rate-limit buckets) or noeviction (writes fail instead, and idempotency fails closed), in redis.conf and with CONFIG SET.',
    }
  }
  const details = policy.startsWith('volatile-') && policy !== 'volatile-ttl'
    ? [`${policy} evicts keys with a TTL, idempotency records included; volatile-ttl evicts those nearest to expiry first.`]
    : []
  return { status: 'passed', summary: `maxmemory-policy ${policy}, ${limit}`, details }
}

export function checkClients(inspection: RedisInspection, config: ContractsConfig): CheckOutcome {
  const connected = Number(inspection.info.get('connected_clients') ?? NaN)
  const maxConnections = config.redis?.maxConnections ?? 0
  const detail = `redis.max_connections in the config is ${maxConnections}; each release process opens one connection`
  if (!Number.isFinite(connected) || inspection.maxClients === undefined) {
    return { status: 'passed', summary: `${Number.isFinite(connected) ? connected : 'unknown'} clients connected; maxclients unknown`, details: [detail] }
  }
  const free = inspection.maxClients - connected
  const summary = `${connected} of maxclients ${inspection.maxClients} connected, ${free} free; redis.max_connections ${maxConnections}`
  if (free < Math.max(1, maxConnections)) {
    return { status: 'warning', summary, details: [detail], suggestion: 'Raise maxclients in redis.conf or close idle clients before the new release connects.' }
  }
  return { status: 'passed', summary, details: [detail] }
}

export function checkMemory(inspection: RedisInspection, config: ContractsConfig): CheckOutcome {
  const used = Number(inspection.info.get('used_memory') ?? NaN)
  const alert = config.monitoring.alerts.redisMemoryBytes
  if (!Number.isFinite(used)) return { status: 'passed', summary: 'used_memory not reported' }
  const summary = `used_memory ${formatBytes(used)}, alert threshold monitoring.alerts.redis_memory_bytes ${formatBytes(alert)}`
  if (used >= alert) return { status: 'warning', summary, suggestion: 'Free memory in Redis or raise the alert threshold before the alert fires.' }
  return { status: 'passed', summary }
}
