/**
 * Finds path items, operations and parameters in a document that may be invalid: every
 * accessor checks the shape it reads, and `$ref`s are followed without ever throwing.
 */

import { followRefs, getAt, refToPointer, toPointer } from '../spec/pointer.js'
import { httpMethods, type HttpMethod } from '../spec/walk.js'

export type Json = Record<string, unknown>

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function entriesOf(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : []
}

export { followRefs, type Located } from '../spec/pointer.js'

export interface PathItemVisit {
  item: Json
  pointer: string
  /** The key under `paths`, for path items of the Paths Object. */
  pathKey?: string
  /** True when the path item was reached through a `$ref`, so it is also visited where it is defined. */
  viaRef: boolean
}

/** Visits the path items of `paths`, `webhooks`, `components.pathItems` and of every callback. */
export function forEachPathItem(root: Json, visit: (path: PathItemVisit) => void): void {
  const components = isObject(root.components) ? root.components : {}
  const visitItem = (raw: unknown, pointer: string, pathKey?: string): void => {
    const resolved = followRefs(root, raw, pointer)
    if (!resolved || !isObject(resolved.value)) return
    const viaRef = resolved.pointer !== pointer
    visit({ item: resolved.value, pointer: resolved.pointer, pathKey, viaRef })
    if (!viaRef) for (const [, operation, operationPointer] of operationsOf(resolved.value, resolved.pointer)) visitCallbacks(operation.callbacks, `${operationPointer}/callbacks`)
  }
  const visitCallbacks = (callbacks: unknown, pointer: string): void => {
    for (const [name, callback] of entriesOf(callbacks)) {
      if (isObject(callback) && typeof callback.$ref === 'string') continue
      for (const [expression, item] of entriesOf(callback)) visitItem(item, pointer + toPointer([name, expression]))
    }
  }

  for (const [pathKey, item] of entriesOf(root.paths)) visitItem(item, toPointer(['paths', pathKey]), pathKey)
  for (const [name, item] of entriesOf(root.webhooks)) visitItem(item, toPointer(['webhooks', name]))
  for (const [name, item] of entriesOf(components.pathItems)) visitItem(item, toPointer(['components', 'pathItems', name]))
  visitCallbacks(components.callbacks, '/components/callbacks')
}

/** Lists the operations of a path item as `[method, operation, pointer]`. */
export function operationsOf(item: Json, itemPointer: string): [HttpMethod, Json, string][] {
  const operations: [HttpMethod, Json, string][] = []
  for (const method of httpMethods) {
    const operation = item[method]
    if (isObject(operation)) operations.push([method, operation, `${itemPointer}/${method}`])
  }
  return operations
}

/** One entry of a `parameters` list. */
export interface ParameterEntry {
  name: string
  in: string
  required: unknown
  /** Pointer of the list entry, where a `$ref` to the parameter is written. */
  entryPointer: string
  /** Pointer of the Parameter Object itself, after `$ref`s. */
  pointer: string
}

/** Lists the parameters that have a string `name` and `in`, leaving malformed ones to the meta-schema. */
export function parametersOf(root: Json, list: unknown, listPointer: string): ParameterEntry[] {
  if (!Array.isArray(list)) return []
  const parameters: ParameterEntry[] = []

  list.forEach((raw, index) => {
    const entryPointer = `${listPointer}/${index}`
    const resolved = followRefs(root, raw, entryPointer)
    if (!resolved || !isObject(resolved.value)) return
    const { name, in: location, required } = resolved.value
    if (typeof name !== 'string' || typeof location !== 'string') return
    parameters.push({ name, in: location, required, entryPointer, pointer: resolved.pointer })
  })
  return parameters
}

/** Header names are case-insensitive, other parameter names are not. */
export function parameterKey(parameter: { name: string; in: string }): string {
  return `${parameter.in}\u0000${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`
}
