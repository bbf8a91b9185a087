/**
 * Runs the API as a process: HTTP or HTTPS from the config, deliberate timeouts against slow
 * clients, an optional metrics port, SIGHUP to reload TLS certificates and reopen the log
 * file, and a graceful shutdown on SIGTERM/SIGINT.
 */

import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'

import { createLogger, type ManagedLogger } from './logger.js'
import { createApplication, type Application, type GeneratedApi, type ServerOptions } from './server.js'
import { RedisStore } from './store-redis.js'

export interface StartOptions extends Omit<ServerOptions, 'logger'> {
  port?: number
  host?: string
  /** Install signal handlers (SIGTERM, SIGINT, SIGHUP). Default true. */
  handleSignals?: boolean
  /** Called after shutdown finished, instead of exiting the process. */
  onShutdown?: () => void
  logger?: ManagedLogger | false
}

export interface RunningServer {
  server: Server | HttpsServer
  application: Application
  url: string
  metricsServer?: Server
  shutdown(reason?: string): Promise<void>
  reload(): void
}

// How long start-up waits for the state store to connect before serving anyway.
const STORE_READY_TIMEOUT_MS = 5000

// How often Redis memory is sampled for the redis_memory_usage_bytes gauge.
const REDIS_SAMPLE_INTERVAL_MS = 5000

function readTls(files: { certFile: string; keyFile: string }): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) }
}

export async function startServer(api: GeneratedApi, options: StartOptions): Promise<RunningServer> {
  const config = options.config
  const logger = options.logger === false ? undefined : options.logger ?? createLogger(config?.logging.level, config?.logging.outputPath)
  const application = createApplication(api, { ...options, logger: logger ?? false })
  const settings = application.config.server
  const tls = settings.tls

  // Node checks the header and request timeouts only every connectionsCheckingInterval (30 s by
  // default), so the interval must be short for a 1 s headers timeout to stop a slowloris.
  const timeouts = {
    headersTimeout: settings.headersTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1000, settings.headersTimeoutMs / 4)),
  }
  const server = tls ? createHttpsServer({ ...readTls(tls), ...timeouts }, application.listener) : createHttpServer(timeouts, application.listener)

  // Without an offline queue, requests that arrive before Redis connects would all take the
  // failure path; waiting here keeps a normal start from looking like an outage.
  if (!(await application.store.ready(STORE_READY_TIMEOUT_MS))) {
    logger?.error({ store: application.store.kind, timeout_ms: STORE_READY_TIMEOUT_MS }, 'state store not reachable at start-up; serving under the failure policy until it is')
  }

  const port = options.port ?? settings.port
  const host = options.host ?? settings.host
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const url = `${tls ? 'https' : 'http'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`

  const metricsServer = await startMetricsServer(application, host)
  const stopSampling = sampleRedis(application)
  logger?.info({ url, store: application.store.kind, metrics_port: application.config.monitoring.metricsPort }, 'server started')

  let closing: Promise<void> | undefined
  const shutdown = (reason = 'shutdown'): Promise<void> => {
    closing ??= drain(server, application, metricsServer, stopSampling, logger, reason)
    return closing
  }
  const reload = (): void => {
    logger?.reopen()
    if (tls && 'setSecureContext' in server) {
      try {
        server.setSecureContext(readTls(tls))
        logger?.info({ cert_file: tls.certFile }, 'TLS certificate reloaded')
      } catch (error) {
        logger?.error({ err: error, cert_file: tls.certFile }, 'TLS certificate reload failed; keeping the previous one')
      }
    }
  }

  if (options.handleSignals !== false) installSignals(shutdown, reload, options.onShutdown)
  return { server, application, url, metricsServer, shutdown, reload }
}

async function startMetricsServer(application: Application, host: string): Promise<Server | undefined> {
  const port = application.config.monitoring.metricsPort
  const metrics = application.metrics
  if (port === undefined || !metrics) return undefined

  const server = createHttpServer((request, response) => {
    if (request.url !== '/metrics' || request.method !== 'GET') {
      response.writeHead(404).end()
      return
    }
    metrics.render().then((rendered) => {
      response.writeHead(200, { 'Content-Type': rendered.contentType })
      response.end(rendered.body)
    }, () => response.writeHead(500).end())
  })
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  return server
}

/** Keeps redis_up and redis_memory_usage_bytes current; returns the function that stops it. */
function sampleRedis(application: Application): () => void {
  const store = application.store
  const metrics = application.metrics
  if (!(store instanceof RedisStore) || !metrics) return () => undefined

  const sample = async () => {
    try {
      const info = await store.connection.info('memory')
      const used = /used_memory:(\d+)/.exec(info)
      if (used) metrics.redisMemory.set(Number(used[1]))
      metrics.redisUp.set(1)
    } catch {
      metrics.redisUp.set(0)
    }
  }
  void sample()
  const timer = setInterval(() => void sample(), REDIS_SAMPLE_INTERVAL_MS)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * Stops accepting, lets in-flight requests finish up to the shutdown timeout, releases the
 * idempotency claims of those that could not, then closes the store.
 */
async function drain(
  server: Server | HttpsServer,
  application: Application,
  metricsServer: Server | undefined,
  stopSampling: () => void,
  logger: ManagedLogger | undefined,
  reason: string,
): Promise<void> {
  logger?.info({ reason, in_flight: application.inFlight() }, 'shutting down')
  application.drain()
  stopSampling()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  metricsServer?.close()

  // Keep-alive connections become idle as their responses finish; close each as it does.
  const deadline = Date.now() + application.config.server.shutdownTimeoutMs
  while (application.inFlight() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25))
    server.closeIdleConnections()
  }
  server.closeIdleConnections()

  if (application.inFlight() > 0) {
    logger?.error({ in_flight: application.inFlight() }, 'shutdown timeout: cutting off unfinished requests and releasing their idempotency keys')
    await application.abandon()
    server.closeAllConnections()
  }
  await closed
  await application.close()
  logger?.info({}, 'stopped')
  logger?.flush()
}

function installSignals(shutdown: (reason: string) => Promise<void>, reload: () => void, onShutdown?: () => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      shutdown(signal).then(
        () => (onShutdown ? onShutdown() : process.exit(0)),
        () => process.exit(1),
      )
    })
  }
  process.on('SIGHUP', reload)
}
