/**
 * Turns the schemas of an OpenAPI 3.0 or 3.1 document into plain JSON Schema 2020-12, so that
 * one Ajv2020 pipeline compiles both versions. Annotations are dropped because the validators
 * never read them and every kept string ends up in generated code.
 */

import type { DiagnosticSink } from '../diagnostics.js'
import { ContractsError } from '../errors.js'
import type { SpecDocument } from './document.js'
import { DISPATCH_DEFINITION, dispatchBranches, dispatchingRef, inheritanceDispatch } from './discriminator.js'
import { knownFormats } from './formats.js'
import { documentRef, setDefinition } from './schema-document.js'
import { schemaArrayKeywords, schemaKeywords, schemaMapKeywords, walkDocumentSchemas, walkSubschemas } from './walk.js'
import { getAt, refToPointer, toPointer } from './pointer.js'

type Json = Record<string, unknown>

const ANNOTATIONS = new Set([
  'title',
  'description',
  'example',
  'examples',
  '$comment',
  'externalDocs',
  'xml',
  'deprecated',
  'discriminator',
])

const MAP_KEYWORDS = new Set<string>(schemaMapKeywords)
const ARRAY_KEYWORDS = new Set<string>(schemaArrayKeywords)
const SINGLE_KEYWORDS = new Set<string>(schemaKeywords)

export interface NormalizeContext {
  spec: SpecDocument
  sink: DiagnosticSink
  /** Formats that appear in the document but no validator knows; they are accepted as-is. */
  unknownFormats: Set<string>
  /**
   * Which side the schemas validate. In requests, readOnly properties are not required and are
   * rejected when sent; in responses, writeOnly properties are. Default: request.
   */
  direction?: 'request' | 'response'
  /** Strings longer than this skip `pattern` and fail instead, where no maxLength is set. Default 4096. */
  patternMaxLength?: number
}

const DEFAULT_PATTERN_MAX_LENGTH = 4096

/** Keywords the generator puts on a property that must not be sent in this direction. */
export const READ_ONLY_KEYWORD = 'x-contracts-read-only'
export const WRITE_ONLY_KEYWORD = 'x-contracts-write-only'

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Builds the schema document the validators compile: every top-level schema, normalized, as
 * an entry of the root `$defs` (see schema-document.ts). Internal `$ref`s are rewritten to match.
 */
export function buildSchemaDocument(context: NormalizeContext): Json {
  const definitions: Json = {}
  walkDocumentSchemas(context.spec.root, (schema, tokens) => {
    setDefinition(definitions, tokens, normalizeSchema(schema, tokens, context))
  })
  return { $defs: definitions }
}

export function normalizeSchema(schema: unknown, tokens: readonly string[], context: NormalizeContext): unknown {
  if (!isObject(schema)) return schema

  if (context.spec.version === '3.0' && typeof schema.$ref === 'string') {
    // In 3.0 a $ref object replaces its siblings; only `nullable` is honoured, as tools commonly do.
    const reference = { $ref: internalRef(schema.$ref, tokens, context) }
    return schema.nullable === true ? { anyOf: [reference, { type: 'null' }] } : reference
  }

  const entries: [string, unknown][] = []
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue
    entries.push([key, normalizeKeyword(key, value, tokens, context)])
  }
  const result = Object.fromEntries(entries) as Json

  checkIdentifiers(result, tokens, context)
  warnClosedAllOf(schema, tokens, context)
  if (context.spec.version === '3.1') warnLegacyKeywords(result, tokens, context)
  forbidOneWayProperties(schema, result, context)
  const rewrite = (ref: string): string => documentRefAt(ref, tokens, context)
  const dispatched = isObject(schema.discriminator) ? dispatchBranches(result, schema, tokens, context, rewrite) : result
  const normalized = capPatternInput(normalizeOpenApi30(dispatched), context)
  return withInheritanceDispatch(schema, separateIdFromRef(normalized), tokens, context)
}

/**
 * Moves a `$ref` that sits beside an `$id` into `allOf`, because Ajv 8 overflows its stack
 * compiling such a schema nested in a larger document. Inside `allOf` the `$ref` keeps the same
 * base URI, so it resolves to the same schema.
 */
function separateIdFromRef(schema: Json): Json {
  if (typeof schema.$id !== 'string' || typeof schema.$ref !== 'string') return schema
  const { $ref, ...rest } = schema
  return { ...rest, allOf: [{ $ref }, ...(Array.isArray(rest.allOf) ? rest.allOf : [])] }
}

/** Adds the dispatching form of an inheritance base below its `$defs`; the base keeps its own checks. */
function withInheritanceDispatch(source: Json, result: Json, tokens: readonly string[], context: NormalizeContext): Json {
  const dispatch = inheritanceDispatch(source, tokens, context.spec, (ref) => documentRefAt(ref, tokens, context))
  if (dispatch === undefined) return result
  const definitions = isObject(result.$defs) ? result.$defs : {}
  return { ...result, $defs: { ...definitions, [DISPATCH_DEFINITION]: dispatch } }
}

/**
 * Tests `pattern` only on strings up to a length cap when the schema sets no maxLength, so a
 * huge string never reaches a regular expression. Longer strings fail as too long.
 */
function capPatternInput(schema: Json, context: NormalizeContext): Json {
  if (typeof schema.pattern !== 'string' || schema.maxLength !== undefined) return schema
  const cap = context.patternMaxLength ?? DEFAULT_PATTERN_MAX_LENGTH
  const { pattern, ...rest } = schema
  const guard = { if: { maxLength: cap }, then: { pattern }, else: { maxLength: cap } }
  return { ...rest, allOf: [...(Array.isArray(rest.allOf) ? rest.allOf : []), guard] }
}

/**
 * Replaces each readOnly property (in requests) or writeOnly property (in responses) by a
 * schema that fails whenever the property is present, and drops it from `required`.
 */
function forbidOneWayProperties(source: Json, result: Json, context: NormalizeContext): void {
  if (!isObject(source.properties) || !isObject(result.properties)) return
  const direction = context.direction ?? 'request'
  const flag = direction === 'request' ? 'readOnly' : 'writeOnly'
  const keyword = direction === 'request' ? READ_ONLY_KEYWORD : WRITE_ONLY_KEYWORD

  const forbidden = Object.entries(source.properties)
    .filter(([, property]) => hasFlag(property, flag, context))
    .map(([name]) => name)
  if (forbidden.length === 0) return

  const properties = { ...result.properties }
  for (const name of forbidden) Object.defineProperty(properties, name, { value: { [keyword]: true }, enumerable: true, writable: true, configurable: true })
  result.properties = properties
  if (Array.isArray(result.required)) result.required = result.required.filter((name) => !forbidden.includes(name as string))
}

/** True when the property schema, or the schema its `$ref` points at, sets `flag`. */
function hasFlag(property: unknown, flag: 'readOnly' | 'writeOnly', context: NormalizeContext): boolean {
  if (!isObject(property)) return false
  if (property[flag] === true) return true
  if (typeof property.$ref !== 'string') return false
  const target = refToPointer(property.$ref)
  const resolved = target === undefined ? undefined : getAt(context.spec.root, target)
  return isObject(resolved) && resolved[flag] === true
}

/**
 * `additionalProperties: false` beside `allOf` sees only the parent's own `properties`, so it
 * rejects every property the allOf branches add. That is correct JSON Schema, and rarely meant.
 */
function warnClosedAllOf(schema: Json, tokens: readonly string[], context: NormalizeContext): void {
  if (schema.additionalProperties !== false || !Array.isArray(schema.allOf)) return
  context.sink.warn(
    'allof-additional-properties',
    'additionalProperties: false next to allOf rejects the properties the allOf branches define; use unevaluatedProperties: false to close the combined object',
    context.spec.locate(toPointer([...tokens, 'additionalProperties'])),
  )
}

/**
 * Real 3.1 documents still carry 3.0's `nullable` and boolean `exclusiveMinimum`; they mean
 * the same there, so they are converted like in 3.0, with a warning that names the 3.1 form.
 */
function warnLegacyKeywords(schema: Json, tokens: readonly string[], context: NormalizeContext): void {
  const legacy: [string, string][] = []
  if ('nullable' in schema) legacy.push(['nullable', 'add "null" to `type`, e.g. type: [string, "null"]'])
  for (const keyword of ['exclusiveMinimum', 'exclusiveMaximum']) {
    if (typeof schema[keyword] === 'boolean') legacy.push([keyword, `give ${keyword} the bound itself, e.g. ${keyword}: 0`])
  }
  for (const [keyword, fix] of legacy) {
    context.sink.warn('openapi-30-keyword', `\`${keyword}\` is OpenAPI 3.0 syntax, read as 3.0 would; in 3.1, ${fix}`, context.spec.locate(toPointer([...tokens, keyword])))
  }
}

function normalizeKeyword(key: string, value: unknown, tokens: readonly string[], context: NormalizeContext): unknown {
  if (MAP_KEYWORDS.has(key) && isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, sub]) => [name, normalizeSchema(sub, [...tokens, key, name], context)]),
    )
  }
  if ((ARRAY_KEYWORDS.has(key) || (SINGLE_KEYWORDS.has(key) && Array.isArray(value))) && Array.isArray(value)) {
    return value.map((sub, index) => normalizeSchema(sub, [...tokens, key, String(index)], context))
  }
  if (SINGLE_KEYWORDS.has(key)) return normalizeSchema(value, [...tokens, key], context)

  if (key === '$ref' && typeof value === 'string') {
    checkSchemaRef(value, tokens, context)
    return internalRef(value, tokens, context)
  }
  if (key === 'pattern' && typeof value === 'string') checkPattern(value, tokens, context)

  if (key === 'format' && typeof value === 'string' && !knownFormats.has(value)) {
    context.unknownFormats.add(value)
    context.sink.warn(
      'unknown-format',
      `Unknown format ${JSON.stringify(value)} is not validated; values of any form pass`,
      context.spec.locate(toPointer([...tokens, 'format'])),
    )
  }
  return value
}

/**
 * An internal `$ref` must lead to a schema, and a chain of bare `$ref`s must not come back to
 * where it started: Ajv would recurse forever on such a schema.
 */
function checkSchemaRef(ref: string, tokens: readonly string[], context: NormalizeContext): void {
  const start = refToPointer(ref)
  if (start === undefined || !ref.startsWith('#/')) return
  // Below an `$id`, `#/...` is relative to that schema resource, which Ajv resolves itself.
  if (insideIdentifiedResource(tokens, context)) return
  const location = context.spec.locate(toPointer([...tokens, '$ref']))
  const seen = new Set<string>([toPointer(tokens)])

  let pointer: string | undefined = start
  while (pointer !== undefined) {
    const target = getAt(context.spec.root, pointer)
    if (target === undefined) {
      throw new ContractsError('CONTRACTS_REF_UNRESOLVED', `Cannot resolve $ref ${JSON.stringify(ref)}: nothing at ${pointer}`, {
        location,
        suggestions: ['Point the $ref at an existing schema, e.g. "#/components/schemas/Pet".'],
      })
    }
    if (seen.has(pointer)) {
      throw new ContractsError('CONTRACTS_REF_UNRESOLVED', `$ref ${JSON.stringify(ref)} only refers to itself through a chain of $refs`, {
        location,
        suggestions: ['Give the schema content of its own; a recursive schema must recurse inside properties or items.'],
      })
    }
    seen.add(pointer)
    // Only a schema that is nothing but a $ref continues the chain.
    const next = isObject(target) && Object.keys(target).length === 1 && typeof target.$ref === 'string' ? refToPointer(target.$ref) : undefined
    pointer = next
  }
}

/** Points a `$ref` at the dispatching form of an inheritance base, then into the schema document. */
function internalRef(ref: string, tokens: readonly string[], context: NormalizeContext): string {
  return documentRefAt(dispatchingRef(ref, tokens, context.spec), tokens, context)
}

/** Maps a `$ref` into the schema document, unless it is relative to an enclosing `$id`. */
function documentRefAt(ref: string, tokens: readonly string[], context: NormalizeContext): string {
  // Below an `$id`, `#/...` is relative to that schema resource, which Ajv resolves itself.
  return insideIdentifiedResource(tokens, context) ? ref : documentRef(context.spec, ref)
}

const identifiedSpecs = new WeakMap<SpecDocument, boolean>()

/** True when some schema of the spec has an `$id`; most have none, and then no walk is needed. */
function hasIdentifiers(spec: SpecDocument): boolean {
  let found = identifiedSpecs.get(spec)
  if (found === undefined) {
    found = false
    walkDocumentSchemas(spec.root, (root, rootTokens) => {
      walkSubschemas(root, rootTokens, (schema) => {
        if (isObject(schema) && typeof schema.$id === 'string') found = true
      })
    })
    identifiedSpecs.set(spec, found)
  }
  return found
}

function insideIdentifiedResource(tokens: readonly string[], context: NormalizeContext): boolean {
  if (!hasIdentifiers(context.spec)) return false
  for (let length = tokens.length; length > 0; length -= 1) {
    const node = getAt(context.spec.root, toPointer(tokens.slice(0, length)))
    if (isObject(node) && typeof node.$id === 'string') return true
  }
  return false
}

// Nested quantifiers such as (a+)+ or (a|a)* backtrack exponentially on a crafted input.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/

function checkPattern(pattern: string, tokens: readonly string[], context: NormalizeContext): void {
  try {
    new RegExp(pattern, 'u')
  } catch (error) {
    throw new ContractsError('CONTRACTS_SCHEMA_COMPILE', `Invalid pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`, {
      location: context.spec.locate(toPointer([...tokens, 'pattern'])),
      suggestions: ['Write the pattern as an ECMAScript regular expression with the u flag.'],
    })
  }
  if (NESTED_QUANTIFIER.test(pattern)) {
    context.sink.warn('regex-backtracking', `Pattern ${JSON.stringify(pattern)} nests quantifiers and can take exponential time on crafted input; rewrite it without a repeated group that itself repeats`, context.spec.locate(toPointer([...tokens, 'pattern'])))
  }
}

/**
 * Ajv writes `$id` into a comment of the generated code and does not escape it, so a `*\/`
 * inside an id could end the comment. Such an id is no usable URI anyway.
 */
function checkIdentifiers(schema: Json, tokens: readonly string[], context: NormalizeContext): void {
  for (const keyword of ['$id', '$anchor', '$dynamicAnchor']) {
    const value = schema[keyword]
    if (typeof value !== 'string') continue
    if (/[\s*`\\]/.test(value) || value.includes('${')) {
      throw new ContractsError('CONTRACTS_SPEC_INVALID', `Invalid ${keyword} ${JSON.stringify(value)}`, {
        location: context.spec.locate(toPointer([...tokens, keyword])),
        suggestions: [`Use a plain URI reference for ${keyword}, without spaces, "*", backslashes or backticks.`],
      })
    }
  }
}

/** OpenAPI 3.0 keywords that differ from JSON Schema 2020-12; a no-op on plain 2020-12 schemas. */
function normalizeOpenApi30(schema: Json): Json {
  const result = { ...schema }

  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof result[flag] !== 'boolean') continue
    if (result[flag] === true && typeof result[bound] === 'number') {
      result[flag] = result[bound]
      delete result[bound]
    } else {
      delete result[flag]
    }
  }

  if (!('nullable' in result)) return result
  const nullable = result.nullable === true
  delete result.nullable
  if (!nullable) return result

  return makeNullable(result)
}

const COMPOSITION_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'not', '$ref']

function makeNullable(schema: Json): Json {
  // A composition would still reject null even with a widened type, so null goes beside it.
  if (COMPOSITION_KEYWORDS.some((keyword) => keyword in schema)) return { anyOf: [schema, { type: 'null' }] }

  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null]

  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] }
  if (Array.isArray(schema.type)) return schema.type.includes('null') ? schema : { ...schema, type: [...schema.type, 'null'] }

  // No `type` at all: the schema accepts null unless an enum excludes it, and that was fixed above.
  return schema
}
