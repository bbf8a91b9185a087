/** Turns a handler's `{ status, body, headers }` into bytes and headers, ready to send or store. */

import { mediaTypeEssence } from './body.js'
import { describeIssue } from './problem.js'
import type { OperationDefinition, ResponseDefinition } from './types.js'

export interface PreparedResponse {
  status: number
  headers: Record<string, string | number | readonly string[]>
  /** A string is sent as UTF-8; Node writes it in one piece with the head of the response. */
  body: string | Buffer
  byteLength: number
}

interface HandlerResult {
  status: number
  body?: unknown
  contentType?: string
  headers?: Record<string, string | number | readonly string[]>
}

const NO_BODY_STATUSES = new Set([204, 205, 304])

function isHandlerResult(value: unknown): value is HandlerResult {
  if (value === null || typeof value !== 'object') return false
  const status = (value as HandlerResult).status
  return Number.isInteger(status) && status >= 200 && status <= 599
}

/** The declared response for a status: exact code, then its range (`2XX`), then `default`. */
export function findResponse(operation: OperationDefinition, status: number): ResponseDefinition | undefined {
  const exact = String(status)
  const range = `${exact.charAt(0)}XX`
  return operation.responses.find((response) => response.status === exact)
    ?? operation.responses.find((response) => response.status.toUpperCase() === range)
    ?? operation.responses.find((response) => response.status === 'default')
}

/** Undefined when the handler returned something that is not a `{ status }` object. */
export function prepareResponse(operation: OperationDefinition, result: unknown): PreparedResponse | undefined {
  if (!isHandlerResult(result)) return undefined
  const headers: PreparedResponse['headers'] = { ...result.headers }

  if (NO_BODY_STATUSES.has(result.status) || result.body === undefined) return { status: result.status, headers, body: '', byteLength: 0 }

  const contentType = result.contentType ?? findResponse(operation, result.status)?.mediaTypes[0] ?? 'application/json'
  headers['Content-Type'] = contentType
  if (Buffer.isBuffer(result.body)) return { status: result.status, headers, body: result.body, byteLength: result.body.length }

  const essence = mediaTypeEssence(contentType)
  const body = essence === 'application/json' || essence.endsWith('+json') ? JSON.stringify(result.body) : String(result.body)
  return { status: result.status, headers, body, byteLength: Buffer.byteLength(body) }
}

/** Returns the bytes of a prepared body, for storing it. */
export function bodyBytes(prepared: PreparedResponse): Buffer {
  return typeof prepared.body === 'string' ? Buffer.from(prepared.body) : prepared.body
}

/** What is wrong with a response, as `field: error` sentences; empty when it conforms. */
export function responseViolations(operation: OperationDefinition, body: unknown, prepared: PreparedResponse): string[] {
  const declared = findResponse(operation, prepared.status)
  if (!declared) return [`status ${prepared.status} is not declared for ${operation.method} ${operation.path}`]
  if (prepared.byteLength === 0 || !declared.validators || declared.validators.length === 0) return []

  const contentType = String(prepared.headers['Content-Type'] ?? '')
  const essence = mediaTypeEssence(contentType)
  const validator = declared.validators.find((candidate) => mediaTypeEssence(candidate.mediaType) === essence)
  if (!validator) {
    const declaredTypes = declared.mediaTypes.map(mediaTypeEssence)
    return declaredTypes.length > 0 && !declaredTypes.includes(essence) ? [`Content-Type ${contentType} is not declared for status ${prepared.status}`] : []
  }
  if (validator.validate(body)) return []
  return (validator.validate.errors ?? [])
    .map((issue) => describeIssue(issue))
    .filter((described) => described !== undefined)
    .map((described) => `${described.field || '(body)'}: ${described.error}`)
}
