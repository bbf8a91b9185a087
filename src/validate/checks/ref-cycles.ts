/**
 * A schema that reaches itself through `$ref` without descending into a property or item, such
 * as `allOf: [{$ref: '#/components/schemas/Node'}]` inside Node, applies itself to the same
 * value forever. Ajv compiles it, but every validation overflows the stack.
 */

import { getAt, refToPointer } from '../../spec/pointer.js'
import { isObject } from '../openapi-objects.js'

/** Keywords that apply their subschemas to the same value rather than to a part of it. */
const IN_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const
const IN_PLACE_SINGLES = ['not', 'if', 'then', 'else'] as const

/**
 * Returns the pointer of the `$ref` that leads back to the schema at `start` without descending,
 * or undefined. `document` is the normalized schema document, where 3.0 `$ref` siblings are gone.
 */
export function findInPlaceCycle(document: unknown, start: string): string | undefined {
  const explored = new Set<string>()

  const visit = (schema: unknown, pointer: string, path: ReadonlySet<string>): string | undefined => {
    if (!isObject(schema)) return undefined

    if (typeof schema.$ref === 'string') {
      const target = refToPointer(schema.$ref)
      if (target === start) return `${pointer}/$ref`
      if (target !== undefined && !path.has(target) && !explored.has(target)) {
        explored.add(target)
        const found = visit(getAt(document, target), target, new Set([...path, target]))
        if (found !== undefined) return found
      }
    }

    for (const keyword of IN_PLACE_LISTS) {
      const list = schema[keyword]
      if (!Array.isArray(list)) continue
      for (const [index, sub] of list.entries()) {
        const found = visit(sub, `${pointer}/${keyword}/${index}`, path)
        if (found !== undefined) return found
      }
    }
    for (const keyword of IN_PLACE_SINGLES) {
      const found = visit(schema[keyword], `${pointer}/${keyword}`, path)
      if (found !== undefined) return found
    }
    return undefined
  }

  return visit(getAt(document, start), start, new Set([start]))
}
