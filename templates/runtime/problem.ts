/**
 * Problem responses (RFC 9457). Every error the server returns is one of the codes below, so
 * clients can switch on `error` and the docs list one table.
 */

import type { ValidationIssue } from './types.js'

export const problemCodes = {
  validation_error: { status: 400, title: 'Bad Request', message: 'Request validation failed' },
  invalid_json: { status: 400, title: 'Bad Request', message: 'Request body is not valid JSON' },
  invalid_encoding: { status: 400, title: 'Bad Request', message: 'Request body is not valid UTF-8' },
  body_required: { status: 400, title: 'Bad Request', message: 'Request body required' },
  invalid_path: { status: 400, title: 'Bad Request', message: 'Request path is malformed' },
  json_too_deep: { status: 400, title: 'Bad Request', message: 'Request body is nested deeper than the server allows' },
  duplicate_header: { status: 400, title: 'Bad Request', message: 'A header that must appear once was sent several times' },
  invalid_multipart: { status: 400, title: 'Bad Request', message: 'Request body is not valid multipart/form-data' },
  unauthorized: { status: 401, title: 'Unauthorized', message: 'Credentials are missing or invalid for this operation; see WWW-Authenticate' },
  https_required: { status: 403, title: 'Forbidden', message: 'This server accepts HTTPS requests only' },
  not_found: { status: 404, title: 'Not Found', message: 'No operation matches this path' },
  method_not_allowed: { status: 405, title: 'Method Not Allowed', message: 'This path does not support the method' },
  idempotency_key_required: { status: 400, title: 'Bad Request', message: 'This operation requires an Idempotency-Key header' },
  invalid_idempotency_key: { status: 400, title: 'Bad Request', message: 'Idempotency-Key is malformed or repeated' },
  idempotency_key_in_use: { status: 409, title: 'Conflict', message: 'A request with this Idempotency-Key is still being processed; retry later' },
  idempotency_response_not_stored: { status: 409, title: 'Conflict', message: 'A request with this Idempotency-Key completed, but its response was too large to store; send a new key to run it again' },
  idempotency_key_mismatch: { status: 422, title: 'Unprocessable Content', message: 'This Idempotency-Key was used with a different request' },
  rate_limited: { status: 429, title: 'Too Many Requests', message: 'Rate limit exceeded; retry after the time in Retry-After' },
  store_unavailable: { status: 503, title: 'Service Unavailable', message: 'The idempotency store is unavailable; retry later' },
  payload_too_large: { status: 413, title: 'Content Too Large', message: 'Request body exceeds the size limit' },
  too_many_parts: { status: 413, title: 'Content Too Large', message: 'Request body has more parts, files or fields than the server allows' },
  unsupported_media_type: { status: 415, title: 'Unsupported Media Type', message: 'Content-Type is not accepted by this operation' },
  internal_error: { status: 500, title: 'Internal Server Error', message: 'The server failed to handle the request' },
  response_validation_error: { status: 500, title: 'Internal Server Error', message: 'The server produced an invalid response' },
} as const

export type ProblemCode = keyof typeof problemCodes

export interface ProblemDetail {
  field: string
  location: 'body' | 'path' | 'query' | 'header' | 'cookie'
  error: string
}

export interface Problem {
  type: string
  title: string
  status: number
  error: ProblemCode
  message: string
  detail?: string
  details?: ProblemDetail[]
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** A request that ends in a problem response; carried as a value through the pipeline. */
export class ProblemError extends Error {
  constructor(readonly code: ProblemCode, readonly details?: ProblemDetail[], readonly headers?: Record<string, string>) {
    super(code)
  }
}

export function problem(code: ProblemCode, extra: { detail?: string; details?: ProblemDetail[] } = {}): Problem {
  const definition = problemCodes[code]
  return {
    type: `urn:contracts:problem:${code}`,
    title: definition.title,
    status: definition.status,
    error: code,
    message: definition.message,
    ...extra,
  }
}

/** `/context/files/0/name` becomes `context.files.0.name`. */
function fieldOf(instancePath: string, child?: unknown): string {
  const tokens = instancePath === '' ? [] : instancePath.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
  if (typeof child === 'string') tokens.push(child)
  return tokens.join('.')
}

function list(values: unknown): string {
  return Array.isArray(values) ? values.map((value) => JSON.stringify(value)).join(', ') : String(values)
}

/** A short sentence for one Ajv error, in the words of an API user, not of JSON Schema. */
export function describeIssue(issue: ValidationIssue): { field: string; error: string } | undefined {
  const params = issue.params
  switch (issue.keyword) {
    case 'required':
      return { field: fieldOf(issue.instancePath, params.missingProperty), error: 'Field required' }
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { field: fieldOf(issue.instancePath, params.additionalProperty ?? params.unevaluatedProperty), error: 'Unknown field' }
    case 'type':
      return { field: fieldOf(issue.instancePath), error: `Must be of type ${String(params.type).split(',').join(' or ')}` }
    case 'enum':
      return { field: fieldOf(issue.instancePath), error: `Must be one of: ${list(params.allowedValues)}` }
    case 'const':
      return { field: fieldOf(issue.instancePath), error: `Must be ${JSON.stringify(params.allowedValue)}` }
    case 'minLength':
      return { field: fieldOf(issue.instancePath), error: `Must be at least ${params.limit} characters long` }
    case 'maxLength':
      return { field: fieldOf(issue.instancePath), error: `Must be at most ${params.limit} characters long` }
    case 'pattern':
      return { field: fieldOf(issue.instancePath), error: `Must match the pattern ${params.pattern}` }
    case 'format':
      return { field: fieldOf(issue.instancePath), error: `Must be a valid ${params.format}` }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { field: fieldOf(issue.instancePath), error: `Must be ${params.comparison} ${params.limit}` }
    case 'multipleOf':
      return { field: fieldOf(issue.instancePath), error: `Must be a multiple of ${params.multipleOf}` }
    case 'minItems':
      return { field: fieldOf(issue.instancePath), error: `Must have at least ${params.limit} items` }
    case 'maxItems':
      return { field: fieldOf(issue.instancePath), error: `Must have at most ${params.limit} items` }
    case 'uniqueItems':
      return { field: fieldOf(issue.instancePath), error: `Items ${params.j} and ${params.i} must not be equal` }
    case 'minProperties':
      return { field: fieldOf(issue.instancePath), error: `Must have at least ${params.limit} properties` }
    case 'maxProperties':
      return { field: fieldOf(issue.instancePath), error: `Must have at most ${params.limit} properties` }
    case 'x-contracts-read-only':
      return { field: fieldOf(issue.instancePath), error: 'Is read-only' }
    case 'x-contracts-write-only':
      return { field: fieldOf(issue.instancePath), error: 'Is write-only and must not appear in responses' }
    case 'x-contracts-upload':
      return { field: fieldOf(issue.instancePath), error: 'Must be a file' }
    case 'propertyNames':
      return { field: fieldOf(issue.instancePath, params.propertyName), error: 'Field name is not allowed' }
    case 'oneOf':
      return { field: fieldOf(issue.instancePath), error: params.passingSchemas ? 'Matches more than one allowed shape' : 'Does not match any allowed shape' }
    case 'anyOf':
      return { field: fieldOf(issue.instancePath), error: 'Does not match any allowed shape' }
    case 'not':
      return { field: fieldOf(issue.instancePath), error: 'Matches a shape that is not allowed' }
    case 'dependentRequired':
    case 'dependencies':
      return { field: fieldOf(issue.instancePath, params.missingProperty), error: `Field required when ${String(params.property)} is present` }
    case 'if':
    case 'false schema':
      // `if` only repeats the failure of its `then`/`else`; a false schema is reported as such.
      return issue.keyword === 'if' ? undefined : { field: fieldOf(issue.instancePath), error: 'Value is not allowed' }
    default:
      return { field: fieldOf(issue.instancePath), error: issue.message ?? `Fails the ${issue.keyword} rule` }
  }
}
