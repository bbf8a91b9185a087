/**
 * Every internal `$ref` (one starting with `#`) must point to something in its document, or in
 * the schema resource of the nearest enclosing `$id`. A relative `$ref` to another file must
 * name a file that exists; what is inside that file, and URLs, are not checked here.
 */

import { existsSync } from 'node:fs'
import path from 'node:path'

import type { Diagnostic } from '../../diagnostics.js'
import type { SpecDocument } from '../../spec/document.js'
import { getAt, parsePointer, refToPointer, toPointer } from '../../spec/pointer.js'
import { closestName } from '../known-properties.js'
import { isObject } from '../openapi-objects.js'
import { ruleDiagnostic } from '../rules.js'

/** Keys whose value is literal data, such as an example that shows a `$ref` field. */
const LITERAL_KEYS = new Set(['example', 'default', 'const', 'enum', 'value'])

/** Keys whose members are named by the author, so a member called `example` is no literal. */
const NAME_MAPS = new Set([
  'properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'schemas', 'parameters',
  'responses', 'examples', 'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks', 'pathItems',
  'content', 'encoding', 'variables', 'paths', 'webhooks', 'mapping', 'scopes',
])

/** The object internal references resolve against: the document, or a schema with `$id`. */
interface Resource {
  node: unknown
  anchors?: Set<string>
}

export function checkRefs(spec: SpecDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const folder = path.dirname(path.resolve(spec.file))
  walk(spec.root, [], { node: spec.root }, (ref, tokens, resource) => {
    // Below an `$id`, a relative reference resolves against that URI, not against the file system.
    const problem = refProblem(ref, resource) ?? (resource.node === spec.root ? fileProblem(ref, folder) : undefined)
    if (problem !== undefined) diagnostics.push(ruleDiagnostic('unresolved-ref', problem, spec.locate(toPointer([...tokens, '$ref']))))
  })
  return diagnostics
}

type RefVisitor = (ref: string, tokens: readonly string[], resource: Resource) => void

function walk(node: unknown, tokens: readonly string[], resource: Resource, visit: RefVisitor): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, [...tokens, String(index)], resource, visit))
    return
  }
  if (!isObject(node)) return

  const current = tokens.length > 0 && typeof node.$id === 'string' ? { node } : resource
  if (typeof node.$ref === 'string') visit(node.$ref, tokens, current)

  const parentKey = tokens.at(-1) ?? ''
  for (const [key, child] of Object.entries(node)) {
    if (key === '$ref' || key.startsWith('x-')) continue
    if (LITERAL_KEYS.has(key) && !NAME_MAPS.has(parentKey)) continue
    if (key === 'examples' && Array.isArray(child)) continue
    walk(child, [...tokens, key], current, visit)
  }
}

/** Explains why `ref` does not resolve, or returns undefined when it resolves or is not internal. */
function refProblem(ref: string, resource: Resource): string | undefined {
  if (!ref.startsWith('#') || ref === '#') return undefined

  const fragment = ref.slice(1)
  if (!fragment.startsWith('/')) {
    if (anchorsOf(resource).has(fragment)) return undefined
    return `$ref ${JSON.stringify(ref)} names no $anchor in this document; add \`$anchor: ${fragment}\` to the schema it means, or use a JSON pointer such as "#/components/schemas/Name"`
  }

  const pointer = refToPointer(ref)
  if (pointer === undefined) return `$ref ${JSON.stringify(ref)} is not a valid URI fragment; percent-encode special characters, e.g. a space as %20`
  if (getAt(resource.node, pointer) !== undefined) return undefined
  return missingTargetMessage(ref, pointer, resource.node)
}

/** Explains why a relative `$ref` to another file does not resolve: the file is missing. */
function fileProblem(ref: string, folder: string): string | undefined {
  if (ref.startsWith('#') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(ref)) return undefined
  const file = ref.split('#')[0] as string
  let decoded: string
  try {
    decoded = decodeURIComponent(file)
  } catch {
    return undefined
  }
  const target = path.resolve(folder, decoded)
  if (existsSync(target)) return undefined
  return `$ref ${JSON.stringify(ref)} names the file ${target}, which does not exist; fix the path, relative to the folder of this document`
}

/** Names the first missing step of the pointer and, where one is close, the key it likely meant. */
function missingTargetMessage(ref: string, pointer: string, root: unknown): string {
  const tokens = parsePointer(pointer)
  let depth = 0
  while (depth < tokens.length && getAt(root, toPointer(tokens.slice(0, depth + 1))) !== undefined) depth++

  const parentPointer = toPointer(tokens.slice(0, depth))
  const missing = tokens[depth] ?? ''
  const parent = getAt(root, parentPointer)
  const suggestion = isObject(parent) ? closestName(missing, Object.keys(parent)) : undefined
  const where = parentPointer === '' ? 'the document root' : parentPointer

  if (suggestion === undefined) return `$ref ${JSON.stringify(ref)} points to nothing: ${where} has no ${JSON.stringify(missing)}; point it at an existing node or add the missing one`
  const fixed = `#${toPointer([...tokens.slice(0, depth), suggestion, ...tokens.slice(depth + 1)])}`
  return `$ref ${JSON.stringify(ref)} points to nothing: ${where} has no ${JSON.stringify(missing)}; did you mean ${JSON.stringify(fixed)}?`
}

function anchorsOf(resource: Resource): Set<string> {
  if (resource.anchors) return resource.anchors
  const anchors = new Set<string>()
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect)
    if (!isObject(node)) return
    for (const keyword of ['$anchor', '$dynamicAnchor']) if (typeof node[keyword] === 'string') anchors.add(node[keyword] as string)
    Object.values(node).forEach(collect)
  }
  collect(resource.node)
  resource.anchors = anchors
  return anchors
}
