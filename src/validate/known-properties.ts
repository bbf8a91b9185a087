/** Property names a JSON Schema defines, used to tell a typo from a misplaced known field. */

import { getAt } from '../spec/pointer.js'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

const APPLICATOR_LISTS = ['allOf', 'anyOf', 'oneOf'] as const
const APPLICATOR_SINGLES = ['if', 'then', 'else'] as const

const cache = new WeakMap<object, Set<string>>()

/**
 * Collects the names in `properties` of `schema` and of every subschema applied at the same
 * instance (`allOf`, `if`/`then`/`else`, `dependentSchemas` and local `$ref`s into `rootSchema`).
 */
export function knownProperties(schema: unknown, rootSchema: unknown): Set<string> {
  if (!isObject(schema)) return new Set()
  const cached = cache.get(schema)
  if (cached) return cached

  const names = new Set<string>()
  collect(schema, rootSchema, names, new Set())
  cache.set(schema, names)
  return names
}

function collect(schema: unknown, rootSchema: unknown, names: Set<string>, visited: Set<unknown>): void {
  if (!isObject(schema) || visited.has(schema)) return
  visited.add(schema)

  if (isObject(schema.properties)) for (const name of Object.keys(schema.properties)) names.add(name)
  for (const keyword of APPLICATOR_LISTS) {
    const list = schema[keyword]
    if (Array.isArray(list)) for (const sub of list) collect(sub, rootSchema, names, visited)
  }
  for (const keyword of APPLICATOR_SINGLES) collect(schema[keyword], rootSchema, names, visited)
  if (isObject(schema.dependentSchemas)) for (const sub of Object.values(schema.dependentSchemas)) collect(sub, rootSchema, names, visited)
  if (typeof schema.$ref === 'string') collect(resolveLocalRef(rootSchema, schema.$ref), rootSchema, names, visited)
}

function resolveLocalRef(rootSchema: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined
  try {
    return getAt(rootSchema, decodeURIComponent(ref.slice(1)))
  } catch {
    return undefined
  }
}

/** Returns the candidate within a small edit distance of `name`, for "did you mean" hints. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3))
  let best: { candidate: string; distance: number } | undefined

  for (const candidate of candidates) {
    if (candidate === name) continue
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate)
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance }
  }
  return best?.candidate
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
