/**
 * The request pipeline of the generated server: route, read and validate, call the handler,
 * write the response. Everything spec-specific arrives precompiled in `GeneratedApi`.
 */

import { randomUUID } from 'node:crypto'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import { decodeUtf8, matchMedia, mediaTypeEssence, readBody } from './body.js'
import { createLogger, type Logger } from './logger.js'
import { readParameters, type ParameterIssue } from './parameters.js'
import { describeIssue, problem, PROBLEM_CONTENT_TYPE, type Problem, type ProblemCode, type ProblemDetail } from './problem.js'
import { Router } from './router.js'
import type { MediaDefinition, OperationDefinition, ResponseDefinition, RouteNodeData } from './types.js'

export interface GeneratedApi {
  operations: readonly OperationDefinition[]
  routes: RouteNodeData
}

export interface ServerOptions {
  /** The handler methods, one per operation, named as in the generated `Handlers` interface. */
  handlers: object
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  bodyLimit?: number
  /** Most entries listed in `details` of a validation problem. Default 50. */
  maxErrorDetails?: number
  /** A pino-compatible logger, or false for none. Default: JSON lines on stdout at info. */
  logger?: Logger | false
}

/** What a handler receives besides the typed request. */
export interface RequestContext {
  requestId: string
  request: IncomingMessage
}

type HandlerFunction = (request: unknown, context: RequestContext) => unknown

interface HandlerResult {
  status: number
  body?: unknown
  contentType?: string
  headers?: Record<string, string | number | readonly string[]>
}

const DEFAULT_BODY_LIMIT = 1024 * 1024
const DEFAULT_MAX_ERROR_DETAILS = 50
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/
const NO_BODY_STATUSES = new Set([204, 205, 304])

class ProblemError extends Error {
  constructor(readonly code: ProblemCode, readonly details?: ProblemDetail[]) {
    super(code)
  }
}

export function createServer(api: GeneratedApi, options: ServerOptions): Server {
  return createHttpServer(createRequestListener(api, options))
}

/** The `(request, response)` listener, for mounting the API on a server of your own. */
export function createRequestListener(api: GeneratedApi, options: ServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const router = new Router(api.routes)
  const handlers = bindHandlers(api.operations, options.handlers)
  const logger = options.logger === false ? undefined : options.logger ?? createLogger()
  const settings = {
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    maxErrorDetails: options.maxErrorDetails ?? DEFAULT_MAX_ERROR_DETAILS,
  }
  const startedAt = Date.now()

  return (request, response) => {
    const started = performance.now()
    const requestId = readRequestId(request)
    response.setHeader('X-Request-Id', requestId)

    const exchange: Exchange = { request, response, requestId, started, route: undefined, logger }
    handle(exchange, api, router, handlers, settings, startedAt).catch((error: unknown) => {
      logger?.error({ err: error, request_id: requestId }, 'request failed outside the handler')
      if (!response.headersSent) sendProblem(response, problem('internal_error'))
      else response.destroy()
    })
  }
}

interface Exchange {
  request: IncomingMessage
  response: ServerResponse
  requestId: string
  started: number
  route: string | undefined
  logger: Logger | undefined
}

interface Settings {
  bodyLimit: number
  maxErrorDetails: number
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

function readRequestId(request: IncomingMessage): string {
  const sent = request.headers['x-request-id']
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID()
}

async function handle(
  exchange: Exchange,
  api: GeneratedApi,
  router: Router,
  handlers: HandlerFunction[],
  settings: Settings,
  startedAt: number,
): Promise<void> {
  const { request, response } = exchange
  const url = request.url ?? '/'
  const questionMark = url.indexOf('?')
  const rawPath = questionMark === -1 ? url : url.slice(0, questionMark)
  const query = questionMark === -1 ? '' : url.slice(questionMark + 1)
  const method = request.method ?? 'GET'

  if (rawPath === '/health' && (method === 'GET' || method === 'HEAD')) {
    exchange.route = '/health'
    sendJson(response, 200, health(startedAt), method === 'HEAD')
    return finish(exchange)
  }

  const match = router.match(method, rawPath)
  if (match.kind === 'not-found') return reject(exchange, 'not_found')
  if (match.kind === 'method-not-allowed') {
    response.setHeader('Allow', match.allow)
    return reject(exchange, 'method_not_allowed')
  }

  const operation = api.operations[match.operation] as OperationDefinition
  exchange.route = operation.path
  response.setHeader('X-Schema-Version', operation.schemaVersion)

  const validationStarted = performance.now()
  const pathParams: Record<string, string> = Object.create(null)
  operation.pathVariables.forEach((name, index) => {
    pathParams[name] = match.values[index] as string
  })
  const input = await readInput(exchange, operation, pathParams, query, settings)
  response.setHeader('X-Validation-Time-Ms', (performance.now() - validationStarted).toFixed(3))
  if (input instanceof ProblemError) return reject(exchange, input.code, input.details)

  await callHandler(exchange, operation, handlers[match.operation] as HandlerFunction, input)
}

interface OperationInput {
  body: unknown
  contentType: string | undefined
  path: Record<string, unknown>
  query: Record<string, unknown>
  headers: Record<string, unknown>
  cookies: Record<string, unknown>
}

/** Deserializes and validates parameters and body; all violations are reported together. */
async function readInput(
  exchange: Exchange,
  operation: OperationDefinition,
  pathParams: Record<string, string>,
  query: string,
  settings: Settings,
): Promise<OperationInput | ProblemError> {
  const details: ProblemDetail[] = []
  const parameterIssues: ParameterIssue[] = []
  const values = readParameters(operation.parameters, { path: pathParams, query, headers: exchange.request.headers }, parameterIssues)
  details.push(...parameterIssues)

  const validateParameters = operation.validateParameters
  if (validateParameters && !validateParameters(values)) {
    for (const issue of validateParameters.errors ?? []) {
      const described = describeIssue(issue)
      if (!described) continue
      // The parameter validator sees `{ path, query, header, cookie }`; the first token is the location.
      const [location = 'query', ...rest] = described.field.split('.')
      details.push({ location: location as ProblemDetail['location'], field: rest.join('.'), error: described.error })
    }
  }

  const body = await readRequestBody(exchange, operation, settings, details)
  if (body instanceof ProblemError) return body
  if (details.length > 0) return new ProblemError('validation_error', dedupe(details).slice(0, settings.maxErrorDetails))

  return { body: body.value, contentType: body.contentType, path: values.path, query: values.query, headers: values.header, cookies: values.cookie }
}

function dedupe(details: ProblemDetail[]): ProblemDetail[] {
  const seen = new Set<string>()
  return details.filter((detail) => {
    const key = `${detail.location}\u0000${detail.field}\u0000${detail.error}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

async function readRequestBody(
  exchange: Exchange,
  operation: OperationDefinition,
  settings: Settings,
  details: ProblemDetail[],
): Promise<{ value: unknown; contentType: string | undefined } | ProblemError> {
  const { request } = exchange
  const declared = operation.requestBody
  if (!declared) {
    request.resume()
    return { value: undefined, contentType: undefined }
  }

  const header = request.headers['content-type']
  const essence = header === undefined ? undefined : mediaTypeEssence(header)
  const media = essence === undefined ? undefined : matchMedia(declared.media, essence)
  if (essence !== undefined && media === undefined) {
    request.resume()
    return new ProblemError('unsupported_media_type')
  }

  const read = await readBody(request, settings.bodyLimit)
  if (!read.ok) return new ProblemError(read.reason === 'too-large' ? 'payload_too_large' : 'invalid_json')

  // Zero bytes count as no body, whatever Content-Type says.
  if (read.bytes.length === 0) {
    if (declared.required) return new ProblemError('body_required')
    return { value: undefined, contentType: undefined }
  }
  if (media === undefined) return new ProblemError('unsupported_media_type')

  const parsed = parseBody(media, read.bytes)
  if (parsed instanceof ProblemError) return parsed
  if (media.validate && !media.validate(parsed)) {
    for (const issue of media.validate.errors ?? []) {
      const described = describeIssue(issue)
      if (described) details.push({ location: 'body', field: described.field, error: described.error })
    }
  }
  return { value: parsed, contentType: media.mediaType }
}

function parseBody(media: MediaDefinition, bytes: Buffer): unknown {
  const text = decodeUtf8(bytes)
  if (text === undefined) return new ProblemError('invalid_encoding')
  if (media.kind === 'text') return text
  if (media.kind === 'form') return Object.fromEntries(new URLSearchParams(text))

  try {
    return JSON.parse(text)
  } catch {
    return new ProblemError('invalid_json')
  }
}

async function callHandler(exchange: Exchange, operation: OperationDefinition, handler: HandlerFunction, input: OperationInput): Promise<void> {
  let result: unknown
  try {
    result = await handler(input, { requestId: exchange.requestId, request: exchange.request })
  } catch (error) {
    exchange.logger?.error({ err: error, request_id: exchange.requestId, operation: operation.operationId }, 'handler threw')
    return reject(exchange, 'internal_error')
  }

  if (!isHandlerResult(result)) {
    exchange.logger?.error({ request_id: exchange.requestId, operation: operation.operationId }, 'handler returned no { status } object')
    return reject(exchange, 'internal_error')
  }

  writeResult(exchange.response, operation, result)
  finish(exchange)
}

function isHandlerResult(value: unknown): value is HandlerResult {
  return value !== null && typeof value === 'object' && Number.isInteger((value as HandlerResult).status)
    && (value as HandlerResult).status >= 200 && (value as HandlerResult).status <= 599
}

/** The declared response for a status: exact code, then its range (`2XX`), then `default`. */
function findResponse(operation: OperationDefinition, status: number): ResponseDefinition | undefined {
  const exact = String(status)
  const range = `${exact.charAt(0)}XX`
  return operation.responses.find((response) => response.status === exact)
    ?? operation.responses.find((response) => response.status.toUpperCase() === range)
    ?? operation.responses.find((response) => response.status === 'default')
}

function writeResult(response: ServerResponse, operation: OperationDefinition, result: HandlerResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value as string | number | string[])

  if (NO_BODY_STATUSES.has(result.status) || result.body === undefined) {
    response.writeHead(result.status, { 'Content-Length': 0 })
    response.end()
    return
  }

  const contentType = result.contentType ?? findResponse(operation, result.status)?.mediaTypes[0] ?? 'application/json'
  const essence = mediaTypeEssence(contentType)
  let payload: string | Buffer
  if (Buffer.isBuffer(result.body)) payload = result.body
  else if (essence === 'application/json' || essence.endsWith('+json')) payload = JSON.stringify(result.body)
  else payload = String(result.body)

  response.writeHead(result.status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) })
  response.end(payload)
}

function health(startedAt: number): unknown {
  return {
    status: 'healthy',
    components: { api_validator: 'operational', redis: 'not_configured', schemas: 'loaded' },
    uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const payload = JSON.stringify(body)
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) })
  response.end(headOnly ? undefined : payload)
}

function sendProblem(response: ServerResponse, body: Problem): void {
  const payload = JSON.stringify(body)
  // A request whose body was not read to the end cannot be followed by another on this socket.
  if (!response.req.complete) response.setHeader('Connection', 'close')
  response.writeHead(body.status, { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(payload) })
  response.end(payload)
}

function reject(exchange: Exchange, code: ProblemCode, details?: ProblemDetail[]): void {
  sendProblem(exchange.response, problem(code, details ? { details } : {}))
  finish(exchange)
}

function finish(exchange: Exchange): void {
  exchange.logger?.info({
    request_id: exchange.requestId,
    method: exchange.request.method,
    route: exchange.route ?? '(unmatched)',
    status: exchange.response.statusCode,
    duration_ms: Number((performance.now() - exchange.started).toFixed(3)),
  }, 'request')
}
