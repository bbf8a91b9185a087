/**
 * Smoke requests for the health gate, planned from the specs when a release is built and kept
 * in its manifest, so a rollback probes an old release with that release's own operations.
 * Each operation gets one valid request, built from its request body example, and one invalid
 * request derived from that example, which the server must reject with 400.
 */

import { DiagnosticSink } from '../diagnostics.js'
import type { SpecDocument } from '../spec/document.js'
import { collectOperations, mediaTypeEssence, resolveObject, type OperationInfo, type ParameterInfo } from '../spec/operations.js'
import { getAt, refToPointer } from '../spec/pointer.js'

type Json = Record<string, unknown>

export interface Probe {
  operationId: string
  method: string
  /** Path with path parameters filled in and required query parameters appended. */
  url: string
  headers: Record<string, string>
  contentType?: string
  /** Name of the spec example the valid body comes from. */
  example?: string
  validBody?: unknown
  /** Body and description of the invalid request; absent when none could be derived. */
  invalid?: { body: unknown; change: string }
  /** Send a fresh Idempotency-Key with each request (the operation requires one). */
  idempotencyKey: boolean
}

export interface SkippedProbe {
  operationId: string
  method: string
  path: string
  reason: string
}

export interface ProbePlan {
  probes: Probe[]
  skipped: SkippedProbe[]
}

class SkipOperation extends Error {}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function planProbes(specs: readonly SpecDocument[]): ProbePlan {
  const plan: ProbePlan = { probes: [], skipped: [] }
  for (const spec of specs) {
    for (const operation of collectOperations(spec, new DiagnosticSink())) {
      try {
        plan.probes.push(planOperation(spec, operation))
      } catch (error) {
        if (!(error instanceof SkipOperation)) throw error
        plan.skipped.push({ operationId: operation.operationId, method: operation.method.toUpperCase(), path: operation.path, reason: error.message })
      }
    }
  }
  return plan
}

function planOperation(spec: SpecDocument, operation: OperationInfo): Probe {
  if (requiresCredentials(spec, operation)) throw new SkipOperation('the operation requires credentials, which the health gate does not have')

  const headers: Record<string, string> = {}
  let url = operation.path
  const query: string[] = []
  for (const parameter of operation.parameters) {
    if (!parameter.required || parameter.name.toLowerCase() === 'idempotency-key') continue
    const value = primitiveExample(spec, parameter)
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(value))
    else if (parameter.in === 'query') query.push(`${encodeURIComponent(parameter.name)}=${encodeURIComponent(value)}`)
    else if (parameter.in === 'header') headers[parameter.name] = value
    else throw new SkipOperation(`required cookie parameter ${parameter.name} is not supported by the health gate`)
  }
  if (query.length > 0) url += `?${query.join('&')}`

  const probe: Probe = { operationId: operation.operationId, method: operation.method.toUpperCase(), url, headers, idempotencyKey: operation.idempotency === 'required' }
  return addBody(spec, operation, probe)
}

function addBody(spec: SpecDocument, operation: OperationInfo, probe: Probe): Probe {
  const body = operation.requestBody
  if (!body || body.media.length === 0) return probe

  const media = body.media.find((entry) => entry.kind === 'json')
  if (!media) throw new SkipOperation(`the request body is ${body.media.map((entry) => entry.mediaType).join(', ')}; the health gate sends JSON only`)
  const content = getAt(spec.root, body.pointer) as Json
  const mediaObject = Object.entries(content.content as Json).find(([type]) => mediaTypeEssence(type) === media.mediaType)?.[1]
  const schema = media.schemaPointer ? getAt(spec.root, media.schemaPointer) : undefined
  const example = findExample(spec, isObject(mediaObject) ? mediaObject : {}, schema)

  if (!example) {
    if (body.required) throw new SkipOperation(`the ${media.mediaType} request body has no example to send`)
    return probe
  }
  return { ...probe, contentType: media.mediaType === '*/*' ? 'application/json' : media.mediaType, example: example.name, validBody: example.value, invalid: invalidate(spec, schema, example.value) }
}

function requiresCredentials(spec: SpecDocument, operation: OperationInfo): boolean {
  const raw = getAt(spec.root, operation.pointer) as Json
  const security = raw.security ?? spec.root.security
  if (!Array.isArray(security) || security.length === 0) return false
  return !security.some((requirement) => isObject(requirement) && Object.keys(requirement).length === 0)
}

/** Finds the first example of a media or parameter object: `examples`, then `example`, then the schema's. */
function findExample(spec: SpecDocument, holder: Json, schema: unknown): { name?: string; value: unknown } | undefined {
  if (isObject(holder.examples)) {
    for (const [name, entry] of Object.entries(holder.examples)) {
      const resolved = resolveObject(spec, entry, '').value
      if (isObject(resolved) && resolved.value !== undefined) return { name, value: resolved.value }
    }
  }
  if (holder.example !== undefined) return { value: holder.example }

  const resolved = resolveSchema(spec, schema)
  if (!isObject(resolved)) return undefined
  if (resolved.example !== undefined) return { value: resolved.example }
  if (Array.isArray(resolved.examples) && resolved.examples.length > 0) return { value: resolved.examples[0] }
  if (resolved.default !== undefined) return { value: resolved.default }
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return { value: resolved.enum[0] }
  return undefined
}

function primitiveExample(spec: SpecDocument, parameter: ParameterInfo): string {
  const raw = getAt(spec.root, parameter.pointer)
  const schema = parameter.schemaPointer ? getAt(spec.root, parameter.schemaPointer) : undefined
  const example = findExample(spec, isObject(raw) ? raw : {}, schema)
  if (!example) throw new SkipOperation(`required ${parameter.in} parameter ${parameter.name} has no example`)
  const value = example.value
  if (value === null || typeof value === 'object') throw new SkipOperation(`required ${parameter.in} parameter ${parameter.name} has an example that is not a single value`)
  return String(value)
}

function resolveSchema(spec: SpecDocument, schema: unknown): unknown {
  let current = schema
  for (let depth = 0; depth < 20 && isObject(current) && typeof current.$ref === 'string'; depth += 1) {
    const pointer = refToPointer(current.$ref)
    current = pointer === undefined ? undefined : getAt(spec.root, pointer)
  }
  return current
}

function allowsType(schema: Json, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type))
}

/**
 * Derives a body the schema rejects from the valid example. It removes a required property, else
 * adds an unknown property where none are allowed, else sends an array where an object is expected.
 */
export function invalidate(spec: SpecDocument, schema: unknown, example: unknown): Probe['invalid'] {
  const resolved = resolveSchema(spec, schema)
  if (!isObject(resolved)) return undefined

  if (isObject(example)) {
    const required = Array.isArray(resolved.required) ? resolved.required.filter((key): key is string => typeof key === 'string' && key in example) : []
    const [first] = required
    if (first !== undefined) {
      const { [first]: _removed, ...rest } = example
      return { body: rest, change: `without the required property "${first}"` }
    }
    if (resolved.additionalProperties === false) return { body: { ...example, contracts_health_probe: true }, change: 'with an unknown property' }
  }
  const isObjectSchema = allowsType(resolved, 'object') || (resolved.type === undefined && isObject(resolved.properties))
  if (isObjectSchema && !allowsType(resolved, 'array')) return { body: [], change: 'an array where the schema expects an object' }
  return undefined
}
