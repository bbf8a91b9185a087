/** Turns a group of Ajv errors about one node into one message that names the value and the fix. */

import type { ErrorObject } from 'ajv'

import { escapeToken } from '../spec/pointer.js'
import { closestName, knownProperties } from './known-properties.js'

/** One problem found in an instance, at the JSON pointer of the node to fix. */
export interface SchemaProblem {
  pointer: string
  /** The JSON Schema keyword that failed, e.g. `type` or `additionalProperties`. */
  keyword: string
  message: string
  /** The property name a misspelled one most likely meant. */
  suggestion?: string
  /** The property names a `required` problem reports as missing. */
  missing?: string[]
}

/** Names the node at a JSON pointer in messages, e.g. "/info/version" or "The document root". */
export type NodeNamer = (pointer: string) => string

export interface DescribeOptions {
  /** Resolves local `$ref`s of the schemas in `verbose` errors, for "did you mean" hints. */
  rootSchema?: unknown
  nodeName?: NodeNamer
}

export function documentNodeName(pointer: string): string {
  return pointer === '' ? 'The document root' : pointer
}

/** `errors` share one instance path and one kind; see `groupKind` in ajv-errors.ts. */
export function describeProblem(errors: readonly ErrorObject[], options: DescribeOptions = {}): SchemaProblem {
  const first = errors[0] as ErrorObject
  const where = options.nodeName ?? documentNodeName
  switch (first.keyword) {
    case 'enum':
    case 'const':
      return describeValueMismatch(errors, where)
    case 'required':
      return describeMissing(errors, where)
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return describeUnknownProperty(first, options.rootSchema, where)
    case 'type':
      return describeTypeMismatch(errors, where)
    case 'not':
      return describeNot(first, where)
    case 'minItems':
    case 'minProperties':
    case 'maxItems':
    case 'maxProperties':
      return describeCount(first, where)
    case 'format':
      return { pointer: first.instancePath, keyword: 'format', message: `${where(first.instancePath)} is ${showValue(first.data)}, which is not a valid ${String(first.params.format)}` }
    default:
      return { pointer: first.instancePath, keyword: first.keyword, message: `${where(first.instancePath)} ${first.message ?? 'is invalid'} (${first.keyword})` }
  }
}

/** Formats a value for a message: strings quoted, containers by kind, long text cut. */
export function showValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (value !== null && typeof value === 'object') return 'an object'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function describeValueMismatch(errors: readonly ErrorObject[], where: NodeNamer): SchemaProblem {
  const first = errors[0] as ErrorObject
  const allowed = unique(errors.flatMap((error) => (error.keyword === 'const' ? [error.params.allowedValue] : (error.params.allowedValues as unknown[]) ?? [])))
  const expected = allowed.length === 1 ? showValue(allowed[0]) : `one of ${allowed.map(showValue).join(', ')}`
  const names = allowed.filter((value): value is string => typeof value === 'string')
  const suggestion = typeof first.data === 'string' ? closestName(first.data, names) : undefined
  const hint = suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`
  return { pointer: first.instancePath, keyword: first.keyword, message: `${where(first.instancePath)} is ${showValue(first.data)}, but must be ${expected}${hint}` }
}

function describeMissing(errors: readonly ErrorObject[], where: NodeNamer): SchemaProblem {
  const first = errors[0] as ErrorObject
  const missing = unique(errors.map((error) => String(error.params.missingProperty)))
  const names = missing.map((name) => JSON.stringify(name)).join(', ')

  let message: string
  if (missing.length > 1 && /\/oneOf\/\d+\//.test(first.schemaPath)) message = `${where(first.instancePath)} needs exactly one of ${names}; add one of them`
  else if (missing.length > 1 && /\/anyOf\/\d+\//.test(first.schemaPath)) message = `${where(first.instancePath)} needs at least one of ${names}; add one of them`
  else message = `${where(first.instancePath)} is missing the required ${missing.length === 1 ? 'property' : 'properties'} ${names}; add ${missing.length === 1 ? 'it' : 'them'}`

  return { pointer: first.instancePath, keyword: 'required', message, missing }
}

function describeUnknownProperty(error: ErrorObject, rootSchema: unknown, where: NodeNamer): SchemaProblem {
  const name = String(error.params.additionalProperty ?? error.params.unevaluatedProperty)
  const suggestion = closestName(name, knownProperties(error.parentSchema, rootSchema))
  const fix = suggestion === undefined ? 'remove it or correct its name' : `did you mean ${JSON.stringify(suggestion)}?`
  return {
    pointer: `${error.instancePath}/${escapeToken(name)}`,
    keyword: error.keyword,
    message: `Property ${JSON.stringify(name)} is not allowed in ${lowerFirst(where(error.instancePath))}; ${fix}`,
    suggestion,
  }
}

function describeTypeMismatch(errors: readonly ErrorObject[], where: NodeNamer): SchemaProblem {
  const first = errors[0] as ErrorObject
  const types = unique(errors.flatMap((error) => String(error.params.type).split(',')))
  const actual = withArticle(first.data === null ? 'null' : Array.isArray(first.data) ? 'array' : typeof first.data)
  const quote = types.includes('string') && (typeof first.data === 'number' || typeof first.data === 'boolean')
    ? `; quote it: "${String(first.data)}"`
    : ''
  const value = first.data === null || typeof first.data === 'object' ? actual : `${showValue(first.data)}, ${actual},`
  return { pointer: first.instancePath, keyword: 'type', message: `${where(first.instancePath)} is ${value} but must be ${types.map(withArticle).join(' or ')}${quote}` }
}

function describeCount(error: ErrorObject, where: NodeNamer): SchemaProblem {
  const unit = error.keyword.endsWith('Items') ? 'item' : 'property'
  const count = Array.isArray(error.data) ? error.data.length : Object.keys((error.data as object | null) ?? {}).length
  const limit = Number(error.params.limit)
  const bound = error.keyword.startsWith('min') ? 'at least' : 'at most'
  const units = (n: number): string => `${n} ${n === 1 ? unit : unit === 'item' ? 'items' : 'properties'}`
  return { pointer: error.instancePath, keyword: error.keyword, message: `${where(error.instancePath)} has ${units(count)}, but must have ${bound} ${units(limit)}` }
}

function describeNot(error: ErrorObject, where: NodeNamer): SchemaProblem {
  const schema = error.schema as { required?: unknown } | undefined
  const required = Array.isArray(schema?.required) ? schema.required.map(String) : undefined
  const message = required && required.length > 1
    ? `${where(error.instancePath)} must not have both ${required.map((name) => JSON.stringify(name)).join(' and ')}; keep only one`
    : `${where(error.instancePath)} must not match the schema at ${error.schemaPath}`
  return { pointer: error.instancePath, keyword: 'not', message }
}

function lowerFirst(text: string): string {
  return text.startsWith('The ') ? `the ${text.slice(4)}` : text
}

function withArticle(type: string): string {
  if (type === 'null') return 'null'
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function unique<T>(values: readonly T[]): T[] {
  const seen = new Set<string>()
  return values.filter((value) => {
    const key = JSON.stringify(value)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
