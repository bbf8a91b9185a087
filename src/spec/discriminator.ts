/**
 * Rewrites OpenAPI discriminators into plain JSON Schema that checks a value against its chosen
 * branch only, so errors name the missing field of that branch and an unknown discriminator
 * value lists the allowed ones. Ajv's own `discriminator` option ignores `mapping`, hence the
 * rewrite at generation time.
 *
 * Two forms exist. Under `oneOf`/`anyOf`, the branches are listed beside the discriminator.
 * Under `allOf` inheritance, a base schema carries the discriminator and each child lists the
 * base in its own `allOf`. A reference to the base then means "one of its children".
 */

import type { DiagnosticSink } from '../diagnostics.js'
import { ContractsError } from '../errors.js'
import type { SpecDocument } from './document.js'
import { getAt, pointerToRef, refToPointer, toPointer } from './pointer.js'

type Json = Record<string, unknown>

/** Name of the `$defs` entry, below an inheritance base, that contains its dispatching form. */
export const DISPATCH_DEFINITION = 'x-contracts-dispatch'

interface Context {
  spec: SpecDocument
  sink: DiagnosticSink
}

type Case = [value: string, branch: unknown]

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Mapping targets may be component names (`Cat`) or references (`#/components/schemas/Cat`). */
export function mappingTarget(target: string): string {
  return target.includes('#') || target.includes('/') ? target : pointerToRef(toPointer(['components', 'schemas', target]))
}

/**
 * Reads the mapping of the discriminator at `tokens`. A target that names nothing in the
 * document is an error at the mapping entry; external targets are left to the bundler.
 */
function mappingCases(discriminator: Json, tokens: readonly string[], spec: SpecDocument): Case[] {
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {}
  const cases: Case[] = []
  for (const [value, target] of Object.entries(mapping)) {
    if (typeof target !== 'string') continue
    const ref = mappingTarget(target)
    const pointer = refToPointer(ref)
    if (ref.startsWith('#/') && (pointer === undefined || getAt(spec.root, pointer) === undefined)) {
      throw new ContractsError('CONTRACTS_REF_UNRESOLVED', `Discriminator mapping ${JSON.stringify(value)} points to ${JSON.stringify(target)}, which does not exist`, {
        location: spec.locate(toPointer([...tokens, 'discriminator', 'mapping', value])),
        suggestions: ['Map the value to an existing schema, by name ("Cat") or by reference ("#/components/schemas/Cat").'],
      })
    }
    cases.push([value, { $ref: ref }])
  }
  return cases
}

/**
 * Requires the property, limits it to the known values, and applies the branch of each value.
 * `rewrite` maps each branch `$ref` from the spec's form into the schema document.
 */
function dispatchOn(propertyName: string, cases: readonly Case[], rewrite: (ref: string) => string): Json {
  const branchOf = (branch: unknown): unknown => (isObject(branch) && typeof branch.$ref === 'string' ? { ...branch, $ref: rewrite(branch.$ref) } : branch)
  return {
    type: 'object',
    required: [propertyName],
    properties: { [propertyName]: { enum: cases.map(([value]) => value) } },
    allOf: cases.map(([value, branch]) => ({ if: { properties: { [propertyName]: { const: value } }, required: [propertyName] }, then: branchOf(branch) })),
  }
}

/**
 * Replaces `oneOf`/`anyOf` of the normalized `schema` by a dispatch on the discriminator value.
 * The branches are read from `source`, the schema as the spec has it.
 */
export function dispatchBranches(schema: Json, source: Json, tokens: readonly string[], context: Context, rewrite: (ref: string) => string): Json {
  const keyword = Array.isArray(source.oneOf) ? 'oneOf' : Array.isArray(source.anyOf) ? 'anyOf' : undefined
  const discriminator = source.discriminator as Json
  const propertyName = discriminator.propertyName
  if (keyword === undefined || typeof propertyName !== 'string') return schema

  const cases = mappingCases(discriminator, tokens, context.spec)
  // Branches the mapping does not name are selected by their component name.
  const mapped = new Set(cases.map(([, branch]) => (branch as Json).$ref))
  for (const branch of source[keyword] as unknown[]) {
    const reference = isObject(branch) && typeof branch.$ref === 'string' ? branch.$ref : undefined
    if (reference === undefined) {
      context.sink.warn('discriminator-inline-branch', `A ${keyword} branch without $ref cannot be selected by the discriminator; all branches are tried`, context.spec.locate(toPointer([...tokens, keyword])))
      return schema
    }
    if (!mapped.has(reference)) cases.push([reference.split('/').pop() as string, { $ref: reference }])
  }

  const { [keyword]: _removed, ...rest } = schema
  const dispatch = dispatchOn(propertyName, cases, rewrite)
  const required = Array.isArray(rest.required) ? rest.required : []
  return {
    ...rest,
    type: rest.type ?? 'object',
    required: required.includes(propertyName) ? required : [...required, propertyName],
    properties: { ...(isObject(rest.properties) ? rest.properties : {}), ...(dispatch.properties as Json) },
    allOf: [...(Array.isArray(rest.allOf) ? rest.allOf : []), ...(dispatch.allOf as unknown[])],
  }
}

/** True when `schema` lists the schema at `basePointer` in its `allOf`. */
function extendsBase(schema: unknown, basePointer: string): boolean {
  if (!isObject(schema) || !Array.isArray(schema.allOf)) return false
  return schema.allOf.some((part) => isObject(part) && typeof part.$ref === 'string' && refToPointer(part.$ref) === basePointer)
}

const basesBySpec = new WeakMap<SpecDocument, Map<string, Case[]>>()

/**
 * Finds the inheritance bases of the document, by pointer, with their cases: the mapping, then
 * every component schema whose `allOf` refers to the base, selected by its component name.
 */
function inheritanceBases(spec: SpecDocument): Map<string, Case[]> {
  const known = basesBySpec.get(spec)
  if (known) return known

  const bases = new Map<string, Case[]>()
  const schemas = getAt(spec.root, '/components/schemas')
  const components = isObject(schemas) ? Object.entries(schemas) : []
  for (const [name, schema] of components) {
    if (!isObject(schema) || !isObject(schema.discriminator) || typeof schema.discriminator.propertyName !== 'string') continue
    if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) continue
    const pointer = toPointer(['components', 'schemas', name])
    const cases = mappingCases(schema.discriminator, ['components', 'schemas', name], spec)
    const mapped = new Set(cases.map(([, branch]) => refToPointer((branch as Json).$ref as string)))
    for (const [childName, child] of components) {
      const childPointer = toPointer(['components', 'schemas', childName])
      if (extendsBase(child, pointer) && !mapped.has(childPointer)) cases.push([childName, { $ref: pointerToRef(childPointer) }])
    }
    // Without children or mapping, the discriminator selects nothing, so the base is used as it is.
    if (cases.length === 0) continue
    // A mapping entry that names the base itself adds nothing to what the base already checks.
    bases.set(pointer, cases.map(([value, branch]) => [value, refToPointer((branch as Json).$ref as string) === pointer ? {} : branch]))
  }

  basesBySpec.set(spec, bases)
  return bases
}

/**
 * Builds the dispatching form of the inheritance base at `tokens`, to store as
 * `$defs[DISPATCH_DEFINITION]`: the base itself (through `allOf`) plus the dispatch.
 */
export function inheritanceDispatch(schema: Json, tokens: readonly string[], spec: SpecDocument, rewrite: (ref: string) => string): Json | undefined {
  const pointer = toPointer(tokens)
  const cases = inheritanceBases(spec).get(pointer)
  if (cases === undefined || !isObject(schema.discriminator)) return undefined
  const dispatch = dispatchOn(schema.discriminator.propertyName as string, cases, rewrite)
  return { ...dispatch, allOf: [{ $ref: rewrite(pointerToRef(pointer)) }, ...(dispatch.allOf as unknown[])] }
}

/**
 * Points a `$ref` to an inheritance base at its dispatching form, unless the `$ref` is an item
 * of an `allOf`. There a child refers to its parent, which means the base alone.
 */
export function dispatchingRef(ref: string, tokens: readonly string[], spec: SpecDocument): string {
  if (tokens.at(-2) === 'allOf') return ref
  const pointer = refToPointer(ref)
  if (pointer === undefined || !inheritanceBases(spec).has(pointer)) return ref
  return `${ref}/$defs/${DISPATCH_DEFINITION}`
}
