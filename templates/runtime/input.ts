/**
 * Turns a matched request into the typed input of its handler: parameters deserialized and
 * coerced, body read and parsed, everything validated. All violations are reported together.
 */

import type { IncomingMessage } from 'node:http'

import { decodeUtf8, matchMedia, mediaTypeEssence, NO_BODY, readBody } from './body.js'
import { parseJson } from './json.js'
import { readMultipart, type MultipartLimits } from './multipart.js'
import { parseQuery, readParameters, unknownQueryNames, type ParameterIssue, type ParameterValues } from './parameters.js'
import { describeIssue, ProblemError, type ProblemDetail } from './problem.js'
import type { MediaDefinition, OperationDefinition, ValidationIssue } from './types.js'

export interface OperationInput {
  body: unknown
  contentType: string | undefined
  path: Record<string, unknown>
  query: Record<string, unknown>
  headers: Record<string, unknown>
  cookies: Record<string, unknown>
}

export interface InputSettings {
  /** False skips the validators (API_VALIDATION_ENABLED=false); parsing still happens. */
  validate: boolean
  bodyLimit: number
  maxErrorDetails: number
  /** Deepest nesting of arrays and objects accepted in a JSON body. */
  maxJsonDepth: number
  /** Per-part limits of multipart/form-data bodies; `bodyLimit` still bounds the whole body. */
  multipart: MultipartLimits
  /** Report query parameters the operation does not declare (`validation.fail_on_unknown_fields`). */
  rejectUnknownQuery: boolean
  /** Remove readOnly properties from request bodies instead of rejecting them. */
  stripReadOnly: boolean
}

export async function readInput(
  request: IncomingMessage,
  operation: OperationDefinition,
  pathValues: readonly string[],
  query: string,
  settings: InputSettings,
): Promise<OperationInput | ProblemError> {
  const pathParams: Record<string, string> = Object.create(null)
  operation.pathVariables.forEach((name, index) => {
    pathParams[name] = pathValues[index] as string
  })

  const details: ProblemDetail[] = []
  const parameterIssues: ParameterIssue[] = []
  const queryPairs = parseQuery(query)
  const values = readParameters(operation.parameters, { path: pathParams, query: queryPairs, headers: request.headers }, parameterIssues)
  details.push(...parameterIssues)
  if (settings.rejectUnknownQuery) {
    for (const name of unknownQueryNames(operation.parameters, queryPairs)) details.push({ location: 'query', field: name, error: 'Unknown query parameter' })
  }

  const validateParameters = operation.validateParameters
  if (settings.validate && validateParameters) {
    if (validateParameters(values)) details.push(...nonFiniteNumbers(values))
    else details.push(...parameterDetails(validateParameters.errors ?? []))
  }

  const body = await readRequestBody(request, operation, settings, details)
  if (body instanceof ProblemError) return body
  if (details.length > 0) return new ProblemError('validation_error', dedupe(details).slice(0, settings.maxErrorDetails))

  return { body: body.value, contentType: body.contentType, path: values.path, query: values.query, headers: values.header, cookies: values.cookie }
}

function parameterDetails(issues: readonly ValidationIssue[]): ProblemDetail[] {
  const details: ProblemDetail[] = []
  for (const issue of issues) {
    const described = describeIssue(issue)
    if (!described) continue
    // The parameter validator checks `{ path, query, header, cookie }`, so the first token is the location.
    const [location = 'query', ...rest] = described.field.split('.')
    details.push({ location: location as ProblemDetail['location'], field: rest.join('.'), error: described.error })
  }
  return details
}

/**
 * Finds the numbers that coercion made infinite: Ajv turns "1e400" into Infinity, which passes
 * `type: integer` and would reach the handler.
 * NOTE: Ajv also coerces "0x10" and " 1" to numbers and rounds integers past 2^53; those pass.
 */
function nonFiniteNumbers(values: ParameterValues): ProblemDetail[] {
  const details: ProblemDetail[] = []
  const visit = (location: ProblemDetail['location'], field: string, value: unknown): void => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) details.push({ location, field, error: 'Must be a finite number' })
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(location, field === '' ? key : `${field}.${key}`, item)
    }
  }
  for (const location of ['path', 'query', 'header', 'cookie'] as const) visit(location, '', values[location])
  return details
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
  request: IncomingMessage,
  operation: OperationDefinition,
  settings: InputSettings,
  details: ProblemDetail[],
): Promise<{ value: unknown; contentType: string | undefined } | ProblemError> {
  const declared = operation.requestBody
  if (!declared) {
    request.resume()
    return { value: undefined, contentType: undefined }
  }

  if (headerCount(request.rawHeaders, 'content-type') > 1) {
    request.resume()
    return new ProblemError('duplicate_header', [{ location: 'header', field: 'Content-Type', error: 'Sent more than once' }])
  }
  const header = request.headers['content-type']
  const essence = header === undefined ? undefined : mediaTypeEssence(header)
  const media = essence === undefined ? undefined : matchMedia(declared.media, essence)
  if (essence !== undefined && media === undefined) {
    request.resume()
    return new ProblemError('unsupported_media_type')
  }

  const received = media?.kind === 'multipart'
    ? await readMultipart(request, media, settings, details)
    : await readWholeBody(request, settings.bodyLimit)
  if (received instanceof ProblemError) return received

  // Zero bytes count as no body, whatever Content-Type says.
  if (received === NO_BODY) {
    if (declared.required) return new ProblemError('body_required')
    return { value: undefined, contentType: undefined }
  }
  if (media === undefined) return new ProblemError('unsupported_media_type')

  const parsed = Buffer.isBuffer(received) ? parseBody(media, received, settings.maxJsonDepth) : received.value
  if (parsed instanceof ProblemError) return parsed
  if (settings.validate && media.validate && !validateBody(media.validate, parsed, settings.stripReadOnly)) {
    for (const issue of media.validate.errors ?? []) {
      const described = describeIssue(issue)
      if (described) details.push({ location: 'body', field: described.field, error: described.error })
    }
  }
  return { value: parsed, contentType: media.mediaType }
}

/**
 * Runs the body validator. In strip mode, readOnly properties the client sent are deleted
 * from the parsed body and the body is validated again, so the handler does not receive them.
 */
function validateBody(validate: NonNullable<MediaDefinition['validate']>, body: unknown, stripReadOnly: boolean): boolean {
  if (validate(body)) return true
  if (!stripReadOnly) return false

  const readOnly = (validate.errors ?? []).filter((issue) => issue.keyword === 'x-contracts-read-only')
  if (readOnly.length === 0) return false
  // NOTE: a property readOnly in one oneOf/anyOf branch is also removed when another branch
  // would have accepted it as a plain field.
  for (const issue of readOnly) deleteAtPointer(body, issue.instancePath)
  return validate(body)
}

/** Deletes the own property that a JSON pointer such as `/items/0/id` names. */
function deleteAtPointer(root: unknown, pointer: string): void {
  const tokens = pointer.split('/').slice(1).map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
  const last = tokens.pop()
  let node = root
  for (const token of tokens) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return
    node = (node as Record<string, unknown>)[token]
  }
  if (last !== undefined && node !== null && typeof node === 'object' && Object.hasOwn(node, last)) delete (node as Record<string, unknown>)[last]
}

/** Counts the lines of one header; cheaper than `headersDistinct`, which copies every header. */
function headerCount(rawHeaders: readonly string[], lowerCaseName: string): number {
  let count = 0
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string
    if (name.length === lowerCaseName.length && name.toLowerCase() === lowerCaseName) count += 1
  }
  return count
}

function parseBody(media: MediaDefinition, bytes: Buffer, maxDepth: number): unknown {
  const text = decodeUtf8(bytes)
  if (text === undefined) return new ProblemError('invalid_encoding')
  if (media.kind === 'text') return text
  if (media.kind === 'form') return formFields(text, media.parts)
  return parseJson(text, maxDepth)
}

/**
 * Reads a form-urlencoded body. A repeated name, or any field of an array property, gives an
 * array; other fields stay single strings for the coercing validator.
 */
function formFields(text: string, parts: MediaDefinition['parts']): Record<string, unknown> {
  const arrays = new Set(parts?.filter((part) => part.array).map((part) => part.name))
  const values = new Map<string, string[]>()
  for (const [name, value] of new URLSearchParams(text)) {
    const list = values.get(name)
    if (list) list.push(value)
    else values.set(name, [value])
  }
  // fromEntries defines own properties, so a field named `__proto__` stays a plain field.
  return Object.fromEntries([...values].map(([name, list]) => [name, list.length > 1 || arrays.has(name) ? list : list[0]]))
}

async function readWholeBody(request: IncomingMessage, limit: number): Promise<Buffer | typeof NO_BODY | ProblemError> {
  const read = await readBody(request, limit)
  if (!read.ok) return new ProblemError(read.reason === 'too-large' ? 'payload_too_large' : 'invalid_json')
  return read.bytes.length === 0 ? NO_BODY : read.bytes
}
