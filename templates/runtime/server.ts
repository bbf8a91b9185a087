/**
 * The request pipeline of the generated server. Outcomes take precedence in this order:
 * 404/405, then 429, then 400/413/415, then the idempotency outcomes (409, 422, replay), then
 * the handler. Validation runs first because it needs only the CPU; the store is then asked
 * once, for the rate-limit token and the idempotency claim together.
 */

import { createHash, randomUUID } from 'node:crypto'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import { IdentityResolver, type ClientIdentity } from './client-identity.js'
import { defaultConfig, type ContractsConfig } from './config.js'
import { readInput, type OperationInput } from './input.js'
import { createLogger, type Logger } from './logger.js'
import { methodLabel, Metrics, UNMATCHED_ROUTE } from './metrics.js'
import { problem, PROBLEM_CONTENT_TYPE, ProblemError, type ProblemCode, type ProblemDetail } from './problem.js'
import {
  bucketKey,
  checkEndpointPolicies,
  fingerprint,
  Guard,
  planProtection,
  rateLimitHeaders,
  readIdempotencyKey,
  recordKey,
  REPLAYED_HEADERS,
  type ActiveClaim,
  type Admission,
  type OperationProtection,
} from './protection.js'
import { bodyBytes, prepareResponse, responseViolations, type PreparedResponse } from './response.js'
import { loadAll, type LazyValidator, type LazyValidatorModule } from './lazy.js'
import { Router } from './router.js'
import { checkSecurity, type Credential, type VerifyCredentials } from './security.js'
import type { Store, StoredResponse } from './store.js'
import { MemoryStore } from './store-memory.js'
import { createRedisClient, RedisStore } from './store-redis.js'
import type { OperationDefinition, RouteNodeData } from './types.js'

export interface GeneratedApi {
  operations: readonly OperationDefinition[]
  routes: RouteNodeData
  /** Modules of parameter and form-body validators, imported after start-up. */
  requestValidators?: readonly LazyValidatorModule[]
  /** Modules of response validators, imported after start-up when responses are validated. */
  responseValidators?: readonly LazyValidatorModule[]
}

export interface ServerOptions {
  /** The handler methods, one per operation, named as in the generated `Handlers` interface. */
  handlers: object
  /** Resolved configuration (see `loadConfig`); default: the built-in defaults, in memory. */
  config?: ContractsConfig
  /** State store; default: Redis when the config names one, else in memory. */
  store?: Store
  /** A pino-compatible logger, or false for none. Default: JSON lines on stdout. */
  logger?: Logger | false
  /** Metrics registry; default: a new one when `monitoring.collect_metrics` is on. */
  metrics?: Metrics
  /** Decides whether present credentials are genuine; without it, presence and form suffice. */
  verifyCredentials?: VerifyCredentials
}

/** Context a handler receives besides the typed request. */
export interface RequestContext {
  requestId: string
  request: IncomingMessage
  /** Opaque id of the client: a credential hash or its address. */
  clientId: string
  /** Credentials of the security requirement that admitted the request. */
  credentials: Credential[]
}

type HandlerFunction = (request: unknown, context: RequestContext) => unknown

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** A running API: the listener plus what it owns (the store), closed together. */
export interface Application {
  listener: (request: IncomingMessage, response: ServerResponse) => void
  store: Store
  metrics: Metrics | undefined
  config: ContractsConfig
  /** Requests still being handled. */
  inFlight(): number
  /** Releases the idempotency claims of requests that are still running. */
  abandon(): Promise<void>
  /** Marks the server as shutting down: /health returns 503 so load balancers stop sending. */
  drain(): void
  close(): Promise<void>
}

export function createServer(api: GeneratedApi, options: ServerOptions): Server {
  const application = createApplication(api, options)
  const server = createHttpServer(application.listener)
  server.on('close', () => {
    application.close().catch(() => undefined)
  })
  return server
}

/** Returns the `(request, response)` listener, for mounting the API on a server of your own. */
export function createRequestListener(api: GeneratedApi, options: ServerOptions): Application['listener'] {
  return createApplication(api, options).listener
}

export function createApplication(api: GeneratedApi, options: ServerOptions): Application {
  const pipeline = new Pipeline(api, options)
  return {
    listener: (request, response) => pipeline.listen(request, response),
    store: pipeline.guard.store,
    metrics: pipeline.metrics,
    config: pipeline.config,
    inFlight: () => pipeline.active,
    abandon: () => pipeline.guard.releaseAll(),
    drain: () => {
      pipeline.draining = true
    },
    close: () => pipeline.guard.close(),
  }
}

function createStore(config: ContractsConfig): Store {
  return config.redis ? new RedisStore(createRedisClient(config.redis)) : new MemoryStore()
}

interface Exchange {
  request: IncomingMessage
  response: ServerResponse
  requestId: string
  started: number
  route: string | undefined
  identity?: ClientIdentity
}

class Pipeline {
  readonly guard: Guard
  readonly config: ContractsConfig
  readonly metrics: Metrics | undefined
  active = 0
  draining = false
  private readonly router: Router
  private readonly handlers: HandlerFunction[]
  private readonly protections: OperationProtection[]
  private readonly identities: IdentityResolver
  private readonly logger: Logger | undefined
  private readonly startedAt = Date.now()
  private readonly hsts: string | undefined
  private readonly verifyCredentials: VerifyCredentials | undefined
  /** Per operation, the lazy module its request validators come from, if any. */
  private readonly inputModules: (LazyValidatorModule | undefined)[]
  /** Pending until the response validators are loaded; undefined after, or when none are needed. */
  private responseValidatorsReady: Promise<void> | undefined

  constructor(private readonly api: GeneratedApi, options: ServerOptions) {
    this.config = options.config ?? defaultConfig()
    this.logger = options.logger === false ? undefined : options.logger ?? createLogger(this.config.logging.level)
    this.router = new Router(api.routes)
    this.handlers = bindHandlers(api.operations, options.handlers)
    checkEndpointPolicies(api.operations, this.config)
    this.protections = api.operations.map((operation) => planProtection(operation, this.config))
    this.identities = new IdentityResolver({
      trustedProxies: this.config.server.trustedProxies,
      ipv6PrefixLength: this.config.rateLimiting.ipv6PrefixLength,
      apiKeyHeaders: [...new Set(api.operations.flatMap((operation) => operation.apiKeyHeaders))],
    })
    this.metrics = options.metrics ?? (this.config.monitoring.collectMetrics ? new Metrics() : undefined)
    this.guard = new Guard(options.store ?? createStore(this.config), this.config, this.logger, (feature) => {
      this.metrics?.storeFallbacks.inc({ feature })
    })
    this.verifyCredentials = options.verifyCredentials
    this.hsts = this.config.server.hstsMaxAgeSeconds > 0 ? `max-age=${this.config.server.hstsMaxAgeSeconds}; includeSubDomains` : undefined
    this.inputModules = api.operations.map(inputModule)
    if (this.config.validation.requests) this.loadValidators(api.requestValidators ?? [])
    if (this.config.validation.responses !== 'off') {
      this.responseValidatorsReady = this.loadValidators(api.responseValidators ?? [], () => {
        this.responseValidatorsReady = undefined
      })
    }
  }

  /**
   * Starts loading validator modules without holding up start-up. A request that needs them
   * before they are loaded waits; a failed load fails those requests with a 500.
   */
  private loadValidators(modules: readonly LazyValidatorModule[], onLoaded: () => void = () => undefined): Promise<void> | undefined {
    if (modules.length === 0) return undefined
    const loading = loadAll(modules).then(onLoaded, (error: unknown) => {
      this.logger?.error({ err: error }, 'cannot load the validator modules')
      throw error
    })
    // Marks the rejection as handled: requests that await it still fail, but an unawaited
    // rejection would end the process.
    loading.catch(() => undefined)
    return loading
  }

  listen(request: IncomingMessage, response: ServerResponse): void {
    const sent = request.headers['x-request-id']
    const requestId = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID()
    response.setHeader('X-Request-Id', requestId)
    const exchange: Exchange = { request, response, requestId, started: performance.now(), route: undefined }
    this.active += 1
    response.once('close', () => {
      this.active -= 1
    })

    this.handle(exchange).catch((error: unknown) => {
      this.logger?.error({ err: error, request_id: requestId }, 'request failed outside the handler')
      if (!response.headersSent) this.reject(exchange, 'internal_error')
      else response.destroy()
    })
  }

  /**
   * HTTPS is the socket's TLS, or a trusted proxy's word for it. A forwarding header from any
   * other peer is ignored, so a client cannot claim HTTPS by sending one.
   */
  private isHttps(request: IncomingMessage): boolean {
    if ((request.socket as { encrypted?: boolean }).encrypted === true) return true
    if (!this.identities.isTrustedPeer(request)) return false
    const proto = request.headers['x-forwarded-proto']
    if (typeof proto === 'string' && proto.split(',').pop()?.trim().toLowerCase() === 'https') return true
    const forwarded = request.headers.forwarded
    return typeof forwarded === 'string' && /(?:^|[;,\s])proto="?https"?(?:$|[;,\s])/i.test(forwarded.split(',').pop() ?? '')
  }

  private async handle(exchange: Exchange): Promise<void> {
    const { request, response } = exchange
    const url = request.url ?? '/'
    const questionMark = url.indexOf('?')
    const rawPath = questionMark === -1 ? url : url.slice(0, questionMark)
    const method = request.method ?? 'GET'

    // Only HSTS and require_https need to know, and the check reads the peer address.
    const https = this.hsts !== undefined || this.config.server.requireHttps ? this.isHttps(request) : false
    if (https && this.hsts) response.setHeader('Strict-Transport-Security', this.hsts)
    if (rawPath === '/health' && (method === 'GET' || method === 'HEAD')) return this.health(exchange, method === 'HEAD')
    if (rawPath === '/metrics' && method === 'GET' && this.metrics && this.config.monitoring.metricsPort === undefined) return this.serveMetrics(exchange)
    if (this.config.server.requireHttps && !https) return this.reject(exchange, 'https_required')

    const match = this.router.match(method, rawPath)
    if (match.kind === 'not-found') return this.reject(exchange, 'not_found')
    if (match.kind === 'method-not-allowed') {
      exchange.route = (this.api.operations[match.operation] as OperationDefinition).path
      response.setHeader('Allow', match.allow)
      return this.reject(exchange, 'method_not_allowed')
    }

    const operation = this.api.operations[match.operation] as OperationDefinition
    const protection = this.protections[match.operation] as OperationProtection
    exchange.route = operation.path
    response.setHeader('X-Schema-Version', operation.schemaVersion)

    const query = questionMark === -1 ? '' : url.slice(questionMark + 1)
    const inputModule = this.inputModules[match.operation]
    if (inputModule !== undefined && !inputModule.loaded && this.config.validation.requests) await inputModule.load()
    const validationStarted = performance.now()
    let input = await readInput(request, operation, match.values, query, {
      validate: this.config.validation.requests,
      bodyLimit: this.config.server.bodyLimitBytes,
      maxErrorDetails: this.config.server.maxErrorDetails,
      maxJsonDepth: this.config.server.maxJsonDepth,
      multipart: this.config.server.multipart,
      rejectUnknownQuery: this.config.validation.rejectUnknownQuery,
      stripReadOnly: this.config.validation.readOnlyProperties === 'strip',
    })
    const validationMs = performance.now() - validationStarted
    response.setHeader('X-Validation-Time-Ms', validationMs.toFixed(3))
    this.recordValidation(exchange, operation, input, validationMs)

    let credentials: Credential[] = []
    if (!(input instanceof ProblemError) && operation.security.length > 0) {
      const security = await checkSecurity(request, operation, query, this.verifyCredentials)
      if (security.ok) credentials = security.credentials
      else input = new ProblemError('unauthorized', undefined, { 'WWW-Authenticate': security.challenge })
    }

    const guarded = protection.policy !== undefined || protection.idempotency !== 'disabled'
    const admission = guarded ? await this.admit(exchange, operation, protection, input) : {}
    if (admission === undefined) return
    if (input instanceof ProblemError) return this.reject(exchange, input.code, input.details, input.headers)

    await this.run(exchange, operation, this.handlers[match.operation] as HandlerFunction, input, admission.claim, credentials)
  }

  private recordValidation(exchange: Exchange, operation: OperationDefinition, input: OperationInput | ProblemError, milliseconds: number): void {
    const metrics = this.metrics
    if (metrics) {
      metrics.validationLatency.observe({ route: operation.path }, milliseconds)
      if (input instanceof ProblemError) metrics.validationErrors.inc({ route: operation.path })
      else metrics.validationSuccess.inc({ route: operation.path })
    }
    if (input instanceof ProblemError && this.config.logging.logValidationErrors) {
      this.logger?.info({ request_id: exchange.requestId, route: operation.path, error: input.code, details: input.details }, 'request rejected')
    }
  }

  /** Applies rate limiting and idempotency; returns undefined when a response was already sent. */
  private async admit(
    exchange: Exchange,
    operation: OperationDefinition,
    protection: OperationProtection,
    input: OperationInput | ProblemError,
  ): Promise<{ claim?: ActiveClaim } | undefined> {
    const { request, response } = exchange
    const identity = this.identities.resolve(request)
    exchange.identity = identity
    const prefix = this.config.redis?.keyPrefix ?? 'contracts'

    let key: string | undefined
    if (protection.idempotency !== 'disabled') {
      const read = readIdempotencyKey(request, this.config.idempotency.keyFormat)
      if (read === undefined) {
        if (protection.idempotency === 'required' && !(input instanceof ProblemError)) input = new ProblemError('idempotency_key_required')
      } else if ('invalid' in read) {
        if (!(input instanceof ProblemError)) input = new ProblemError('invalid_idempotency_key')
      } else {
        key = read.key
      }
    }

    const claim = key !== undefined && !(input instanceof ProblemError)
      ? { key: recordKey(prefix, identity.id, operation.method, operation.path, key), fingerprint: fingerprint(operation.method, request.url ?? '', input.body) }
      : undefined
    const admission = await this.guard.admit({
      protection,
      bucketKey: protection.policy ? bucketKey(prefix, identity.id, protection.policy.name) : undefined,
      claim,
    })

    if (admission.bucket) {
      for (const [name, value] of Object.entries(rateLimitHeaders(protection, admission.bucket))) response.setHeader(name, value)
      this.metrics?.rateLimitRemaining.set({ route: operation.path }, admission.bucket.remaining)
      if (!admission.bucket.allowed) {
        this.metrics?.rateLimitHits.inc({ route: operation.path })
        if (this.config.logging.logRateLimitHits) this.logger?.info({ request_id: exchange.requestId, client: clientHash(identity), policy: protection.policy?.name }, 'rate limit hit')
        this.reject(exchange, 'rate_limited')
        return undefined
      }
    }
    if (key !== undefined) response.setHeader('X-Idempotency-Key', key)
    if (input instanceof ProblemError) {
      this.reject(exchange, input.code, input.details, input.headers)
      return undefined
    }
    return this.settleClaim(exchange, operation, admission)
  }

  private settleClaim(exchange: Exchange, operation: OperationDefinition, admission: Admission): { claim?: ActiveClaim } | undefined {
    const { response } = exchange
    const route = operation.path
    if (admission.outcome.kind === 'replay') this.metrics?.idempotencyHits.inc({ route })
    else if (admission.outcome.kind === 'claimed') this.metrics?.idempotencyMisses.inc({ route })
    else if (admission.outcome.kind === 'mismatch' || admission.outcome.kind === 'in-flight' || admission.outcome.kind === 'not-stored') {
      this.metrics?.idempotencyConflicts.inc({ route, reason: admission.outcome.kind })
    }

    switch (admission.outcome.kind) {
      case 'unavailable':
        response.setHeader('Retry-After', '1')
        this.reject(exchange, 'store_unavailable')
        return undefined
      case 'mismatch':
        this.reject(exchange, 'idempotency_key_mismatch')
        return undefined
      case 'in-flight':
        response.setHeader('Retry-After', String(Math.max(1, Math.ceil(admission.outcome.retryAfterMs / 1000))))
        this.reject(exchange, 'idempotency_key_in_use')
        return undefined
      case 'not-stored':
        this.reject(exchange, 'idempotency_response_not_stored')
        return undefined
      case 'replay':
        this.replay(exchange, admission.outcome.response)
        return undefined
      default:
        return { claim: admission.claim }
    }
  }

  private replay(exchange: Exchange, stored: StoredResponse): void {
    const { response } = exchange
    for (const [name, value] of stored.headers) response.setHeader(name, value)
    response.setHeader('X-Cached', 'true')
    response.setHeader('Idempotent-Replayed', 'true')
    const body = Buffer.from(stored.body, stored.encoding)
    response.setHeader('Content-Length', body.length)
    response.writeHead(stored.status)
    response.end(body)
    this.finish(exchange)
  }

  private async run(
    exchange: Exchange,
    operation: OperationDefinition,
    handler: HandlerFunction,
    input: OperationInput,
    claim: ActiveClaim | undefined,
    credentials: Credential[],
  ): Promise<void> {
    const stopRenewing = claim ? this.guard.keepAlive(claim) : undefined
    let result: unknown
    let threw = false
    try {
      const context: RequestContext = { requestId: exchange.requestId, request: exchange.request, clientId: exchange.identity?.id ?? '', credentials }
      result = await handler(input, context)
    } catch (error) {
      threw = true
      this.logger?.error({ err: error, request_id: exchange.requestId, operation: operation.operationId }, 'handler threw')
    } finally {
      stopRenewing?.()
    }

    if (this.responseValidatorsReady && !threw) await this.responseValidatorsReady
    let prepared = threw ? undefined : prepareResponse(operation, result)
    let failure: ProblemCode = 'internal_error'
    if (!threw && !prepared) this.logger?.error({ request_id: exchange.requestId, operation: operation.operationId }, 'handler returned no { status } object')
    if (prepared && !this.responseConforms(exchange, operation, result as { body?: unknown }, prepared)) {
      prepared = undefined
      failure = 'response_validation_error'
    }

    if (!prepared || prepared.status >= 500) {
      // A failed attempt stores nothing, so a retry with the same key runs the handler again.
      if (claim) await this.guard.release(claim)
      if (!prepared) return this.reject(exchange, failure)
    } else if (claim) {
      await this.guard.complete(claim, this.storable(prepared))
    }

    this.send(exchange, prepared)
  }

  /**
   * Checks a handler's result against the declared responses. In `enforce` mode a mismatch
   * becomes a 500 problem; in `log` mode the response goes out; both log the violations.
   */
  private responseConforms(exchange: Exchange, operation: OperationDefinition, result: { body?: unknown }, prepared: PreparedResponse): boolean {
    const mode = this.config.validation.responses
    if (mode === 'off') return true

    const violations = responseViolations(operation, result.body, prepared)
    if (violations.length === 0) return true
    this.logger?.error({ request_id: exchange.requestId, operation: operation.operationId, status: prepared.status, violations: violations.slice(0, this.config.server.maxErrorDetails), mode }, 'handler response does not match the spec')
    return mode !== 'enforce'
  }

  private storable(prepared: PreparedResponse): StoredResponse | 'too-large' {
    if (prepared.byteLength > this.config.idempotency.maxResponseBytes) return 'too-large'
    const headers = Object.entries(prepared.headers)
      .filter(([name]) => REPLAYED_HEADERS.has(name.toLowerCase()))
      .map(([name, value]) => [name, String(value)] as [string, string])
    return { status: prepared.status, headers, body: bodyBytes(prepared).toString('base64'), encoding: 'base64' }
  }

  private send(exchange: Exchange, prepared: PreparedResponse): void {
    const { response } = exchange
    for (const [name, value] of Object.entries(prepared.headers)) response.setHeader(name, value as string | number | string[])
    response.setHeader('Content-Length', prepared.byteLength)
    response.writeHead(prepared.status)
    response.end(prepared.byteLength > 0 ? prepared.body : undefined)
    this.finish(exchange)
  }

  private async health(exchange: Exchange, headOnly: boolean): Promise<void> {
    exchange.route = '/health'
    const redis = this.guard.store.kind === 'redis' ? await this.guard.store.health() : 'not_configured'
    if (redis !== 'not_configured') this.metrics?.redisUp.set(redis === 'operational' ? 1 : 0)
    const status = this.draining ? 'unhealthy' : redis === 'degraded' ? 'degraded' : 'healthy'
    const body = JSON.stringify({
      status,
      components: { api_validator: 'operational', redis, schemas: 'loaded' },
      uptime_seconds: Math.floor((Date.now() - this.startedAt) / 1000),
    })
    exchange.response.writeHead(status === 'unhealthy' ? 503 : 200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' })
    exchange.response.end(headOnly ? undefined : body)
    this.finish(exchange)
  }

  private async serveMetrics(exchange: Exchange): Promise<void> {
    exchange.route = '/metrics'
    const rendered = await (this.metrics as Metrics).render()
    exchange.response.writeHead(200, { 'Content-Type': rendered.contentType, 'Content-Length': Buffer.byteLength(rendered.body), 'Cache-Control': 'no-store' })
    exchange.response.end(rendered.body)
    this.finish(exchange)
  }

  private reject(exchange: Exchange, code: ProblemCode, details?: ProblemDetail[], headers?: Record<string, string>): void {
    const { response } = exchange
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value)
    const payload = JSON.stringify(problem(code, details ? { details } : {}))
    // A request whose body was not read to the end cannot be followed by another on this socket.
    if (!exchange.request.complete) response.setHeader('Connection', 'close')
    response.writeHead(problem(code).status, { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(payload) })
    response.end(payload)
    this.finish(exchange)
  }

  private finish(exchange: Exchange): void {
    const status = exchange.response.statusCode
    const route = exchange.route ?? UNMATCHED_ROUTE
    if (this.metrics) {
      const labels = { route, method: methodLabel(exchange.request.method), status: String(status) }
      this.metrics.requests.inc(labels)
      this.metrics.duration.observe(labels, (performance.now() - exchange.started) / 1000)
    }

    const level = status >= 500 ? 'error' : 'info'
    if (!this.logger || this.logger.isLevelEnabled?.(level) === false) return
    exchange.identity ??= this.identities.resolve(exchange.request)
    const log = level === 'error' ? this.logger.error : this.logger.info
    log.call(this.logger, {
      request_id: exchange.requestId,
      method: exchange.request.method,
      route,
      status,
      duration_ms: Number((performance.now() - exchange.started).toFixed(3)),
      client: exchange.identity ? clientHash(exchange.identity) : undefined,
    }, 'request')
  }
}

function clientHash(identity: ClientIdentity): string {
  return createHash('sha256').update(identity.id).digest('hex').slice(0, 16)
}

/** Finds the lazy module of an operation's parameter or form-body validators. */
function inputModule(operation: OperationDefinition): LazyValidatorModule | undefined {
  const validators = [operation.validateParameters, ...(operation.requestBody?.media.map((media) => media.validate) ?? [])]
  for (const validator of validators) {
    const module = (validator as Partial<LazyValidator> | undefined)?.module
    if (module !== undefined) return module
  }
  return undefined
}

/** Resolves every handler once at start-up, so a missing one fails fast instead of per request. */
function bindHandlers(operations: readonly OperationDefinition[], handlers: object): HandlerFunction[] {
  const missing: string[] = []
  const bound = operations.map((operation) => {
    const candidate = (handlers as Record<string, unknown>)[operation.handler]
    if (typeof candidate !== 'function' || candidate === (Object.prototype as Record<string, unknown>)[operation.handler]) {
      missing.push(`${operation.handler} (${operation.method} ${operation.path})`)
      return () => undefined
    }
    return (candidate as HandlerFunction).bind(handlers)
  })
  if (missing.length > 0) throw new TypeError(`Missing handlers: ${missing.join(', ')}`)
  return bound
}
