/**
 * Reads the bundled OpenAPI specs: request-body schemas with local `$ref`s inlined (for the
 * fastify peer) and the request-body examples of each operation (for the micro-benchmarks).
 */

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { parse } from 'yaml'

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

export function loadSpec(file) {
  return parse(readFileSync(file, 'utf8'))
}

/** Every operation of a spec as { operationId, method, path, operation }. */
export function operationsOf(spec) {
  const found = []
  for (const [route, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method]
      if (operation) found.push({ operationId: operation.operationId, method: method.toUpperCase(), path: route, operation })
    }
  }
  return found
}

/** Follows a local JSON pointer such as `#/components/schemas/AgentRole`. */
function resolvePointer(spec, ref) {
  if (!ref.startsWith('#/')) throw new Error(`Unsupported $ref ${ref}: only local references (#/...) can be inlined`)
  let node = spec
  for (const token of ref.slice(2).split('/')) {
    node = node?.[token.replace(/~1/g, '/').replace(/~0/g, '~')]
    if (node === undefined) throw new Error(`Invalid $ref ${ref}: no such location in the spec`)
  }
  return node
}

/**
 * Returns a copy of `value` with every local `$ref` replaced by its target. Keywords beside a
 * `$ref` (OpenAPI 3.1 allows `description` there) are kept when the target does not set them.
 */
export function dereference(spec, value, seen = []) {
  if (Array.isArray(value)) return value.map((item) => dereference(spec, item, seen))
  if (value === null || typeof value !== 'object') return value
  if (typeof value.$ref === 'string') {
    if (seen.includes(value.$ref)) throw new Error(`Circular $ref ${value.$ref}: cannot inline it`)
    const { $ref, ...siblings } = value
    const target = dereference(spec, resolvePointer(spec, $ref), [...seen, $ref])
    return { ...dereference(spec, siblings, seen), ...target }
  }
  const copy = {}
  for (const [key, item] of Object.entries(value)) copy[key] = dereference(spec, item, seen)
  return copy
}

/** Returns the dereferenced JSON request-body schema of an operation. */
export function requestBodySchema(spec, operationId) {
  const entry = operationsOf(spec).find((candidate) => candidate.operationId === operationId)
  if (!entry) throw new Error(`Operation ${operationId} not found in the spec`)
  const body = dereference(spec, entry.operation.requestBody)
  const schema = body?.content?.['application/json']?.schema
  if (!schema) throw new Error(`Operation ${operationId} has no application/json request body`)
  return schema
}

/**
 * Collects the request-body examples of every operation in every spec of `folder`, as
 * { specFile, operationId, examples: [{ name, value }], required: [...] }.
 */
export function bundledExamples(folder) {
  const result = []
  for (const file of readdirSync(folder).filter((name) => /\.openapi\.(ya?ml|json)$/.test(name)).sort()) {
    const spec = loadSpec(path.join(folder, file))
    for (const entry of operationsOf(spec)) {
      const media = dereference(spec, entry.operation.requestBody)?.content?.['application/json']
      if (!media) continue
      const examples = Object.entries(media.examples ?? {}).map(([name, example]) => ({ name, value: example.value }))
      if (examples.length === 0 && media.example !== undefined) examples.push({ name: 'example', value: media.example })
      result.push({ specFile: file, operationId: entry.operationId, examples, required: media.schema?.required ?? [] })
    }
  }
  return result
}
