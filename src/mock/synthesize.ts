/**
 * Values for mock responses: the example the spec gives, or one synthesized from the schema.
 * Synthesis picks the first allowed value of each constraint and stops at a depth limit, so
 * recursive schemas end.
 */

import type { SpecDocument } from '../spec/document.js'
import { getAt, refToPointer } from '../spec/pointer.js'

type Json = Record<string, unknown>

const MAX_DEPTH = 8

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

const FORMAT_SAMPLES: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000000',
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  uri: 'https://example.com/',
  'uri-reference': '/example',
  url: 'https://example.com/',
  email: 'user@example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'AA==',
}

/** The first example of a media type object: `example`, then the first of `examples`. */
export function mediaExample(spec: SpecDocument, media: Json): unknown {
  if (media.example !== undefined) return media.example
  if (isObject(media.examples)) {
    for (const example of Object.values(media.examples)) {
      const resolved = resolve(spec, example)
      if (isObject(resolved) && resolved.value !== undefined) return resolved.value
    }
  }
  return undefined
}

function resolve(spec: SpecDocument, value: unknown, depth = 0): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string' || depth > MAX_DEPTH) return value
  const pointer = refToPointer(value.$ref)
  return pointer === undefined ? undefined : resolve(spec, getAt(spec.root, pointer), depth + 1)
}

export function synthesize(spec: SpecDocument, schema: unknown, depth = 0): unknown {
  const resolved = resolve(spec, schema)
  if (!isObject(resolved) || depth > MAX_DEPTH) return null
  if (resolved.example !== undefined) return resolved.example
  if (Array.isArray(resolved.examples) && resolved.examples.length > 0) return resolved.examples[0]
  if (resolved.const !== undefined) return resolved.const
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[0]
  if (resolved.default !== undefined) return resolved.default

  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = resolved[keyword]
    if (Array.isArray(branches) && branches.length > 0) return synthesize(spec, branches[0], depth + 1)
  }
  if (Array.isArray(resolved.allOf)) {
    const parts = resolved.allOf.map((part) => synthesize(spec, part, depth + 1))
    return parts.every(isObject) ? Object.assign({}, ...parts) : parts[0]
  }

  const type = Array.isArray(resolved.type) ? resolved.type.find((candidate) => candidate !== 'null') : resolved.type
  switch (type ?? (isObject(resolved.properties) ? 'object' : undefined)) {
    case 'object':
      return synthesizeObject(spec, resolved, depth)
    case 'array': {
      const count = typeof resolved.minItems === 'number' ? resolved.minItems : 1
      return Array.from({ length: Math.min(Math.max(count, 1), 3) }, () => synthesize(spec, resolved.items, depth + 1))
    }
    case 'string':
      return synthesizeString(resolved)
    case 'integer':
    case 'number':
      if (typeof resolved.minimum === 'number') return resolved.minimum
      return typeof resolved.exclusiveMinimum === 'number' ? resolved.exclusiveMinimum + 1 : 0
    case 'boolean':
      return false
    default:
      return null
  }
}

function synthesizeObject(spec: SpecDocument, schema: Json, depth: number): Json {
  const result: Json = {}
  const properties = isObject(schema.properties) ? schema.properties : {}
  for (const [name, property] of Object.entries(properties)) {
    // writeOnly properties must not appear in responses.
    if (isObject(property) && property.writeOnly === true) continue
    const value = synthesize(spec, property, depth + 1)
    Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true })
  }
  return result
}

function synthesizeString(schema: Json): string {
  if (typeof schema.format === 'string' && FORMAT_SAMPLES[schema.format]) return FORMAT_SAMPLES[schema.format] as string
  const length = typeof schema.minLength === 'number' ? Math.max(schema.minLength, 1) : 1
  return 'x'.repeat(length)
}
