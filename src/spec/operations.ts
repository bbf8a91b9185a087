/**
 * Collects the operations of a document into a flat, resolved form the generator works from:
 * parameters merged from path item and operation, `$ref`s to parameters, bodies and responses
 * followed, and each schema identified by the JSON pointer where it lives.
 */

import type { DiagnosticSink } from '../diagnostics.js'
import { ContractsError } from '../errors.js'
import type { SpecDocument } from './document.js'
import { getAt, parsePointer, refToPointer, toPointer } from './pointer.js'
import { httpMethods, type HttpMethod } from './walk.js'

type Json = Record<string, unknown>

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie'
export type ValueShape = 'primitive' | 'array' | 'object'

export interface ParameterInfo {
  name: string
  in: ParameterLocation
  required: boolean
  style: string
  explode: boolean
  allowReserved: boolean
  allowEmptyValue: boolean
  /** Pointer of the schema inside the document; absent when the parameter declares none. */
  schemaPointer?: string
  /** For `content`-based parameters, the media type of the value (e.g. application/json). */
  contentType?: string
  shape: ValueShape
  pointer: string
}

export type BodyKind = 'json' | 'text' | 'form' | 'multipart'

export interface MediaInfo {
  /** Media type as written in the spec, lower-cased, parameters removed. */
  mediaType: string
  kind: BodyKind
  schemaPointer?: string
  /** Pointer of the Media Type Object, whose `encoding` describes the parts of a multipart body. */
  pointer: string
}

export interface RequestBodyInfo {
  required: boolean
  media: MediaInfo[]
  pointer: string
}

export interface ResponseInfo {
  /** `200`, `2XX` or `default`. */
  status: string
  mediaTypes: string[]
  /** Pointer of the schema per media type, for the ones that declare a schema. */
  schemas: { mediaType: string; schemaPointer: string }[]
  pointer: string
}

export interface OperationInfo {
  spec: SpecDocument
  method: HttpMethod
  path: string
  pointer: string
  /** operationId as written, or one derived from method and path. */
  operationId: string
  parameters: ParameterInfo[]
  requestBody?: RequestBodyInfo
  responses: ResponseInfo[]
  rateLimit?: { limit: number; windowSeconds: number }
  idempotency?: 'required' | 'optional' | 'disabled'
  /** Lower-case header names of apiKey security schemes declared in the document. */
  apiKeyHeaders: string[]
  /** Alternatives (OR) of scheme lists (AND); an empty list inside allows anonymous calls. */
  security: SecuritySchemeInfo[][]
}

export interface SecuritySchemeInfo {
  name: string
  kind: 'apiKey' | 'bearer' | 'basic'
  /** For apiKey: where the key is sent and under which name. */
  in?: 'header' | 'query' | 'cookie'
  parameter?: string
}

const DEFAULT_STYLE: Record<ParameterLocation, string> = { path: 'simple', query: 'form', header: 'simple', cookie: 'form' }

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Follows `$ref` chains between OpenAPI objects; returns the object and the pointer it lives at. */
export function resolveObject(spec: SpecDocument, value: unknown, pointer: string): { value: unknown; pointer: string } {
  const visited = new Set<string>()
  let current = value
  let currentPointer = pointer

  while (isObject(current) && typeof current.$ref === 'string') {
    const target = refToPointer(current.$ref)
    if (target === undefined || getAt(spec.root, target) === undefined) {
      throw new ContractsError('CONTRACTS_REF_UNRESOLVED', `Cannot resolve $ref ${JSON.stringify(current.$ref)}`, {
        location: spec.locate(`${currentPointer}/$ref`),
        suggestions: ['Point the $ref at an existing component, e.g. "#/components/parameters/Limit".'],
      })
    }
    if (visited.has(target)) {
      throw new ContractsError('CONTRACTS_REF_UNRESOLVED', `$ref ${JSON.stringify(current.$ref)} refers to itself`, {
        location: spec.locate(`${currentPointer}/$ref`),
        suggestions: ['Break the cycle so the reference ends at a concrete object.'],
      })
    }
    visited.add(target)
    current = getAt(spec.root, target)
    currentPointer = target
  }

  return { value: current, pointer: currentPointer }
}

/**
 * The operations of `paths`, or of another map of path items: `webhooks` or one callback,
 * given by its container and the pointer tokens that lead to it.
 */
export function collectOperations(spec: SpecDocument, sink: DiagnosticSink, container: unknown = spec.root.paths, baseTokens: readonly string[] = ['paths']): OperationInfo[] {
  const operations: OperationInfo[] = []
  const paths = container
  if (!isObject(paths)) return operations

  for (const [pathKey, rawItem] of Object.entries(paths)) {
    const itemPointer = toPointer([...baseTokens, pathKey])
    const { value: item } = resolveObject(spec, rawItem, itemPointer)
    if (!isObject(item)) continue

    for (const method of httpMethods) {
      const operation = item[method]
      if (!isObject(operation)) continue
      const pointer = toPointer([...baseTokens, pathKey, method])
      operations.push(collectOperation(spec, sink, { pathKey, item, itemPointer, method, operation, pointer, checkPath: baseTokens.length === 1 && baseTokens[0] === 'paths' }))
    }
  }

  return operations
}

interface OperationSource {
  /** False for webhooks and callbacks, whose keys are names or runtime expressions. */
  checkPath: boolean
  pathKey: string
  item: Json
  itemPointer: string
  method: HttpMethod
  operation: Json
  pointer: string
}

function collectOperation(spec: SpecDocument, sink: DiagnosticSink, source: OperationSource): OperationInfo {
  const { pathKey, item, itemPointer, method, operation, pointer } = source
  const operationId = typeof operation.operationId === 'string' && operation.operationId !== ''
    ? operation.operationId
    : deriveOperationId(method, pathKey)

  const parameters = mergeParameters(
    collectParameters(spec, sink, item.parameters, `${itemPointer}/parameters`),
    collectParameters(spec, sink, operation.parameters, `${pointer}/parameters`),
  )
  if (source.checkPath) checkPathParameters(spec, pathKey, parameters, pointer)

  return {
    spec,
    method,
    path: pathKey,
    pointer,
    operationId,
    parameters,
    requestBody: collectRequestBody(spec, sink, operation.requestBody, `${pointer}/requestBody`),
    responses: collectResponses(spec, operation.responses, `${pointer}/responses`),
    rateLimit: readRateLimit(spec, operation['x-rate-limit'], `${pointer}/x-rate-limit`),
    idempotency: readIdempotency(spec, operation['x-idempotency'], `${pointer}/x-idempotency`),
    apiKeyHeaders: apiKeyHeaders(spec),
    security: collectSecurity(spec, sink, operation.security ?? spec.root.security, operation.security === undefined ? '/security' : `${pointer}/security`),
  }
}

/**
 * Resolves security requirements to the checks the server can make on presence and form.
 * OAuth2 and OpenID Connect tokens arrive as bearer tokens, so they are checked as such.
 */
function collectSecurity(spec: SpecDocument, sink: DiagnosticSink, requirements: unknown, pointer: string): SecuritySchemeInfo[][] {
  if (!Array.isArray(requirements)) return []
  const components = isObject(spec.root.components) ? spec.root.components : {}
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {}

  return requirements.filter(isObject).map((requirement) => Object.keys(requirement).flatMap((name): SecuritySchemeInfo[] => {
    const scheme = Object.hasOwn(schemes, name) ? resolveObject(spec, schemes[name], toPointer(['components', 'securitySchemes', name])).value : undefined
    if (!isObject(scheme)) {
      throw new ContractsError('CONTRACTS_SPEC_INVALID', `Security requirement names ${JSON.stringify(name)}, which components.securitySchemes does not define`, {
        location: spec.locate(pointer),
        suggestions: [`Define components.securitySchemes.${name}, or remove it from the requirement.`],
      })
    }
    if (scheme.type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'query' || scheme.in === 'cookie') && typeof scheme.name === 'string') {
      return [{ name, kind: 'apiKey', in: scheme.in, parameter: scheme.name }]
    }
    if (scheme.type === 'http' && typeof scheme.scheme === 'string' && scheme.scheme.toLowerCase() === 'basic') return [{ name, kind: 'basic' }]
    if (scheme.type === 'http' || scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return [{ name, kind: 'bearer' }]
    sink.warn('unsupported-security-scheme', `Security scheme ${JSON.stringify(name)} of type ${JSON.stringify(scheme.type)} is not checked by the server`, spec.locate(toPointer(['components', 'securitySchemes', name])))
    return []
  }))
}

function readRateLimit(spec: SpecDocument, value: unknown, pointer: string): OperationInfo['rateLimit'] {
  if (value === undefined) return undefined
  const limit = isObject(value) ? value.limit : undefined
  const window = isObject(value) ? value.window_seconds : undefined
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || typeof window !== 'number' || !(window > 0)) {
    throw new ContractsError('CONTRACTS_SPEC_INVALID', 'x-rate-limit needs a whole `limit` of at least 1 and a positive `window_seconds`', {
      location: spec.locate(pointer),
      suggestions: ['Write it as x-rate-limit: {limit: 50, window_seconds: 60}.'],
    })
  }
  return { limit, windowSeconds: window }
}

function readIdempotency(spec: SpecDocument, value: unknown, pointer: string): OperationInfo['idempotency'] {
  if (value === undefined) return undefined
  if (value === 'required' || value === 'optional' || value === 'disabled') return value
  throw new ContractsError('CONTRACTS_SPEC_INVALID', `x-idempotency is ${JSON.stringify(value)}, but must be required, optional or disabled`, {
    location: spec.locate(pointer),
  })
}

function apiKeyHeaders(spec: SpecDocument): string[] {
  const components = isObject(spec.root.components) ? spec.root.components : {}
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {}
  const names = Object.values(schemes)
    .filter((scheme): scheme is Json => isObject(scheme) && scheme.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string')
    .map((scheme) => (scheme.name as string).toLowerCase())
  return [...new Set(names)].sort()
}

/** `GET /pets/{id}` becomes `getPetsById`. */
export function deriveOperationId(method: string, pathKey: string): string {
  const words = pathKey
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith('{') ? `by ${segment.slice(1, -1)}` : segment))
  return [method, ...words].join(' ')
}

function collectParameters(spec: SpecDocument, sink: DiagnosticSink, list: unknown, pointer: string): ParameterInfo[] {
  if (!Array.isArray(list)) return []
  const result: ParameterInfo[] = []

  list.forEach((raw, index) => {
    const resolved = resolveObject(spec, raw, `${pointer}/${index}`)
    const parameter = resolved.value
    if (!isObject(parameter) || typeof parameter.name !== 'string' || !isLocation(parameter.in)) {
      throw new ContractsError('CONTRACTS_SPEC_INVALID', 'A parameter needs a string `name` and `in` of path, query, header or cookie', {
        location: spec.locate(resolved.pointer),
      })
    }
    result.push(describeParameter(spec, sink, parameter, parameter.in, resolved.pointer))
  })

  return result
}

function isLocation(value: unknown): value is ParameterLocation {
  return value === 'path' || value === 'query' || value === 'header' || value === 'cookie'
}

function describeParameter(
  spec: SpecDocument,
  sink: DiagnosticSink,
  parameter: Json,
  location: ParameterLocation,
  pointer: string,
): ParameterInfo {
  const style = typeof parameter.style === 'string' ? parameter.style : DEFAULT_STYLE[location]
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form'
  let schemaPointer: string | undefined
  let contentType: string | undefined

  if (parameter.schema !== undefined) {
    schemaPointer = `${pointer}/schema`
  } else if (isObject(parameter.content)) {
    const [mediaType] = Object.keys(parameter.content)
    if (mediaType !== undefined) {
      contentType = mediaTypeEssence(mediaType)
      const media = parameter.content[mediaType]
      if (isObject(media) && media.schema !== undefined) schemaPointer = toPointer([...parsePointer(pointer), 'content', mediaType, 'schema'])
      if (!isJsonMediaType(contentType)) {
        sink.warn('unsupported-parameter-content', `Parameter content type ${JSON.stringify(mediaType)} is passed as a string, not parsed`, spec.locate(pointer))
      }
    }
  }

  const schema = schemaPointer === undefined ? undefined : getAt(spec.root, schemaPointer)
  return {
    name: parameter.name as string,
    in: location,
    required: location === 'path' ? true : parameter.required === true,
    style,
    explode,
    allowReserved: parameter.allowReserved === true,
    allowEmptyValue: parameter.allowEmptyValue === true,
    schemaPointer,
    contentType,
    shape: contentType && isJsonMediaType(contentType) ? 'primitive' : schemaShape(spec, schema),
    pointer,
  }
}

/**
 * Decides whether values of a schema are arrays, objects or primitives, looking through
 * `$ref`, `allOf`, `anyOf` and `oneOf`; the first branch that says wins.
 */
export function schemaShape(spec: SpecDocument, schema: unknown, seen = new Set<unknown>()): ValueShape {
  if (!isObject(schema) || seen.has(schema)) return 'primitive'
  seen.add(schema)

  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (types.includes('array')) return 'array'
  if (types.includes('object')) return 'object'
  if (schema.type === undefined && (isObject(schema.properties) || isObject(schema.additionalProperties))) return 'object'
  if (schema.type === undefined && schema.items !== undefined) return 'array'

  if (typeof schema.$ref === 'string') {
    const target = refToPointer(schema.$ref)
    if (target !== undefined) {
      const shape = schemaShape(spec, getAt(spec.root, target), seen)
      if (shape !== 'primitive') return shape
    }
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const branches = schema[keyword]
    if (!Array.isArray(branches)) continue
    for (const branch of branches) {
      const shape = schemaShape(spec, branch, seen)
      if (shape !== 'primitive') return shape
    }
  }
  return 'primitive'
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: ParameterInfo[], operationLevel: ParameterInfo[]): ParameterInfo[] {
  const key = (parameter: ParameterInfo) =>
    `${parameter.in}\u0000${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`
  const overridden = new Set(operationLevel.map(key))
  return [...pathLevel.filter((parameter) => !overridden.has(key(parameter))), ...operationLevel]
}

function checkPathParameters(spec: SpecDocument, pathKey: string, parameters: ParameterInfo[], pointer: string): void {
  const declared = new Set(parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name))
  for (const match of pathKey.matchAll(/\{([^}]*)\}/g)) {
    const name = match[1] as string
    if (declared.has(name)) continue
    throw new ContractsError('CONTRACTS_SPEC_INVALID', `Path variable {${name}} of ${pathKey} has no \`in: path\` parameter`, {
      location: spec.locate(pointer),
      suggestions: [`Declare a parameter with name: ${JSON.stringify(name)}, in: path, required: true.`],
    })
  }
}

export function mediaTypeEssence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase()
}

export function isJsonMediaType(essence: string): boolean {
  return essence === 'application/json' || essence.endsWith('+json') || essence === '*/*'
}

function bodyKind(essence: string): BodyKind | undefined {
  if (isJsonMediaType(essence) || essence === 'application/*') return 'json'
  if (essence === 'text/plain' || essence === 'text/*') return 'text'
  if (essence === 'application/x-www-form-urlencoded') return 'form'
  if (essence === 'multipart/form-data') return 'multipart'
  return undefined
}

function collectRequestBody(spec: SpecDocument, sink: DiagnosticSink, raw: unknown, pointer: string): RequestBodyInfo | undefined {
  if (raw === undefined) return undefined
  const resolved = resolveObject(spec, raw, pointer)
  const body = resolved.value
  if (!isObject(body) || !isObject(body.content)) return undefined

  const media: MediaInfo[] = []
  for (const [mediaType, content] of Object.entries(body.content)) {
    const essence = mediaTypeEssence(mediaType)
    const kind = bodyKind(essence)
    const contentPointer = toPointer([...parsePointer(resolved.pointer), 'content', mediaType])
    if (kind === undefined) {
      sink.warn(
        'unsupported-media-type',
        `Request body media type ${JSON.stringify(mediaType)} is not supported yet; requests sending it get 415`,
        spec.locate(contentPointer),
      )
      continue
    }
    const hasSchema = isObject(content) && content.schema !== undefined
    media.push({ mediaType: essence, kind, schemaPointer: hasSchema ? `${contentPointer}/schema` : undefined, pointer: contentPointer })
  }

  return { required: body.required === true, media, pointer: resolved.pointer }
}

function collectResponses(spec: SpecDocument, raw: unknown, pointer: string): ResponseInfo[] {
  if (!isObject(raw)) return []
  return Object.entries(raw).map(([status, value]) => {
    const resolved = resolveObject(spec, value, toPointer([...parsePointer(pointer), status]))
    const response = resolved.value
    const content = isObject(response) && isObject(response.content) ? response.content : {}
    const mediaTypes = Object.keys(content)
    const schemas = mediaTypes
      .filter((mediaType) => isObject(content[mediaType]) && (content[mediaType] as Json).schema !== undefined)
      .map((mediaType) => ({ mediaType, schemaPointer: toPointer([...parsePointer(resolved.pointer), 'content', mediaType, 'schema']) }))
    return { status, mediaTypes, schemas, pointer: resolved.pointer }
  })
}

export interface OutgoingOperation {
  kind: 'webhook' | 'callback'
  /** Webhook name, or `operationId/callbackName` for a callback. */
  name: string
  info: OperationInfo
}

/** Webhooks (3.1) and callbacks: requests this API sends, not routes it serves. */
export function collectOutgoing(spec: SpecDocument, sink: DiagnosticSink, operations: readonly OperationInfo[]): OutgoingOperation[] {
  const outgoing: OutgoingOperation[] = []
  if (isObject(spec.root.webhooks)) {
    for (const info of collectOperations(spec, sink, spec.root.webhooks, ['webhooks'])) outgoing.push({ kind: 'webhook', name: info.path, info })
  }
  for (const operation of operations) {
    const raw = getAt(spec.root, `${operation.pointer}/callbacks`)
    if (!isObject(raw)) continue
    for (const [callbackName, callback] of Object.entries(raw)) {
      const resolved = resolveObject(spec, callback, toPointer([...parsePointer(operation.pointer), 'callbacks', callbackName]))
      for (const info of collectOperations(spec, sink, resolved.value, parsePointer(resolved.pointer))) {
        outgoing.push({ kind: 'callback', name: `${operation.operationId}/${callbackName}`, info })
      }
    }
  }
  return outgoing
}
