/**
 * The Redis store, through ioredis, for a single Redis or a Redis Cluster. Commands time out
 * quickly and are never queued while disconnected, so a dead Redis costs a request at most the
 * command timeout; ioredis reconnects in the background and the store recovers by itself.
 */

import { createRequire } from 'node:module'

import type { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis'

// ioredis is loaded when the first client is created, so a server without Redis never spends
// start-up time on it.
const loadIoredis = (): typeof import('ioredis') => createRequire(import.meta.url)('ioredis') as typeof import('ioredis')

import type { RedisSettings } from './config.js'
import type { AdmitRequest, AdmitResult, ClaimOutcome, Store, StoredResponse, StoreHealth } from './store.js'
import { ADMIT_SCRIPT, COMPLETE_SCRIPT, RELEASE_SCRIPT, RENEW_SCRIPT } from './store-scripts.js'

interface ScriptCommands {
  contractsAdmit(bucketKey: string, recordKey: string, ...args: (string | number)[]): Promise<(string | null)[]>
  contractsComplete(recordKey: string, ...args: (string | number)[]): Promise<number>
  contractsRelease(recordKey: string, owner: string): Promise<number>
  contractsRenew(recordKey: string, owner: string, leaseMs: number): Promise<number>
}

type Client = (Redis | Cluster) & ScriptCommands

// A health probe result is reused this long, so a storm of /health requests sends one PING.
const HEALTH_CACHE_MS = 1500

function clientOptions(settings: RedisSettings): RedisOptions {
  return {
    host: settings.host,
    port: settings.port,
    db: settings.db,
    password: settings.password,
    commandTimeout: settings.commandTimeoutMs,
    connectTimeout: Math.max(settings.commandTimeoutMs, 1000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Reconnect forever with a capped backoff; requests meanwhile follow the failure policy.
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 6), 2000),
    lazyConnect: false,
  }
}

export function createRedisClient(settings: RedisSettings): Redis | Cluster {
  if (settings.clusterNodes.length > 0) {
    const nodes = settings.clusterNodes.map((node) => {
      const [host, port] = node.split(':') as [string, string]
      return { host, port: Number(port) }
    })
    const options: ClusterOptions = {
      enableOfflineQueue: false,
      redisOptions: { ...clientOptions(settings), db: 0 },
      clusterRetryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2000),
    }
    return new (loadIoredis().Cluster)(nodes, options)
  }
  const { Redis: Client } = loadIoredis()
  if (settings.url) return new Client(settings.url, clientOptions(settings))
  return new Client(clientOptions(settings))
}

export class RedisStore implements Store {
  readonly kind = 'redis' as const
  private readonly client: Client
  private lastHealth: { at: number; value: StoreHealth } | undefined

  constructor(client: Redis | Cluster) {
    client.defineCommand('contractsAdmit', { numberOfKeys: 2, lua: ADMIT_SCRIPT })
    client.defineCommand('contractsComplete', { numberOfKeys: 1, lua: COMPLETE_SCRIPT })
    client.defineCommand('contractsRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT })
    client.defineCommand('contractsRenew', { numberOfKeys: 1, lua: RENEW_SCRIPT })
    this.client = client as Client
    // Errors surface per command; without a listener ioredis would print each reconnect failure.
    client.on('error', () => undefined)
  }

  get connection(): Redis | Cluster {
    return this.client
  }

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    const { bucket, claim } = request
    const bucketKey = bucket?.key ?? claim?.key
    const recordKey = claim?.key ?? bucketKey
    if (bucketKey === undefined || recordKey === undefined) return {}

    const reply = await this.client.contractsAdmit(
      bucketKey,
      recordKey,
      bucket ? '1' : '0',
      bucket?.capacity ?? 0,
      bucket?.windowMs ?? 0,
      claim ? '1' : '0',
      claim?.fingerprint ?? '',
      claim?.owner ?? '',
      claim?.leaseMs ?? 0,
    )
    return parseAdmitReply(reply, bucket?.capacity ?? 0)
  }

  async complete(key: string, owner: string, response: StoredResponse | 'too-large', ttlMs: number): Promise<boolean> {
    const stored = response === 'too-large'
      ? ['too_large', '0', '[]', '', 'utf8']
      : ['done', String(response.status), JSON.stringify(response.headers), response.body, response.encoding]
    return (await this.client.contractsComplete(key, owner, ...stored, Math.ceil(ttlMs))) === 1
  }

  async release(key: string, owner: string): Promise<void> {
    await this.client.contractsRelease(key, owner)
  }

  async renew(key: string, owner: string, leaseMs: number): Promise<boolean> {
    return (await this.client.contractsRenew(key, owner, Math.ceil(leaseMs))) === 1
  }

  async owner(key: string): Promise<string | undefined> {
    return (await this.client.hget(key, 'owner')) ?? undefined
  }

  async health(): Promise<StoreHealth> {
    const now = Date.now()
    if (this.lastHealth && now - this.lastHealth.at < HEALTH_CACHE_MS) return this.lastHealth.value
    let value: StoreHealth = 'degraded'
    try {
      value = (await this.client.ping()) === 'PONG' ? 'operational' : 'degraded'
    } catch {
      value = 'degraded'
    }
    this.lastHealth = { at: now, value }
    return value
  }

  ready(timeoutMs: number): Promise<boolean> {
    if (this.client.status === 'ready') return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady)
        resolve(false)
      }, timeoutMs)
      const onReady = () => {
        clearTimeout(timer)
        resolve(true)
      }
      this.client.once('ready', onReady)
    })
  }

  async close(): Promise<void> {
    try {
      await this.client.quit()
    } catch {
      this.client.disconnect()
    }
  }
}

function parseAdmitReply(reply: (string | null)[], capacity: number): AdmitResult {
  const result: AdmitResult = {}
  const [allowed, remaining, reset, retry, resetAt, outcome] = reply
  if (allowed === '1' || allowed === '0') {
    result.bucket = {
      allowed: allowed === '1',
      limit: capacity,
      remaining: Number(remaining),
      resetMs: Number(reset),
      retryAfterMs: Number(retry),
      resetAtMs: Number(resetAt),
    }
  }
  if (outcome && outcome !== '-') result.claim = parseClaim(outcome, reply)
  return result
}

function parseClaim(outcome: string, reply: (string | null)[]): ClaimOutcome {
  switch (outcome) {
    case 'claimed':
      return { kind: 'claimed' }
    case 'mismatch':
      return { kind: 'mismatch' }
    case 'in-flight':
      return { kind: 'in-flight', retryAfterMs: Math.max(0, Number(reply[6] ?? 0)) }
    case 'replay':
      return {
        kind: 'replay',
        response: {
          status: Number(reply[6]),
          headers: JSON.parse(reply[7] ?? '[]') as [string, string][],
          body: reply[8] ?? '',
          encoding: reply[9] === 'base64' ? 'base64' : 'utf8',
        },
      }
    default:
      return { kind: 'not-stored' }
  }
}
