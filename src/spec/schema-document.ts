/**
 * The layout of the schema document the validators compile: every top-level schema of the
 * spec is an entry of the root `$defs`, keyed by its pointer in the spec. Ajv registers `$id`,
 * `$anchor` and `$dynamicAnchor` only along schema keywords such as `$defs`, so identifiers on
 * any schema of the spec resolve, which they would not under `components` or `paths`.
 */

import type { SpecDocument } from './document.js'
import { escapeToken, parsePointer, pointerToRef, refToPointer, toPointer } from './pointer.js'
import { walkDocumentSchemas } from './walk.js'

const rootsBySpec = new WeakMap<SpecDocument, Set<string>>()

function schemaRoots(spec: SpecDocument): Set<string> {
  let roots = rootsBySpec.get(spec)
  if (roots === undefined) {
    const found = new Set<string>()
    walkDocumentSchemas(spec.root, (_schema, tokens) => found.add(toPointer(tokens)))
    roots = found
    rootsBySpec.set(spec, roots)
  }
  return roots
}

/**
 * Stores the top-level schema at `tokens` under its `$defs` key, its pointer in the spec. The
 * entry is an own data property, so that a key such as `__proto__` stays a plain key.
 */
export function setDefinition(definitions: Record<string, unknown>, tokens: readonly string[], schema: unknown): void {
  Object.defineProperty(definitions, toPointer(tokens), { value: schema, enumerable: true, writable: true, configurable: true })
}

/**
 * Maps a pointer into the spec to the same node in the schema document. A pointer outside
 * every schema, such as `/info`, stays as it is and resolves to nothing there.
 */
export function documentPointer(spec: SpecDocument, pointer: string): string {
  const roots = schemaRoots(spec)
  const tokens = parsePointer(pointer)
  for (let length = tokens.length; length > 0; length -= 1) {
    const root = toPointer(tokens.slice(0, length))
    if (roots.has(root)) return `/$defs/${escapeToken(root)}${toPointer(tokens.slice(length))}`
  }
  return pointer
}

/** Maps a pointer into the schema document back to the spec; the reverse of `documentPointer`. */
export function specPointer(pointer: string): string {
  const tokens = parsePointer(pointer)
  if (tokens[0] !== '$defs' || tokens.length < 2) return pointer
  return `${tokens[1] as string}${toPointer(tokens.slice(2))}`
}

/** Maps an internal `$ref` such as `#/components/schemas/Pet` into the schema document. */
export function documentRef(spec: SpecDocument, ref: string): string {
  if (!ref.startsWith('#/')) return ref
  const pointer = refToPointer(ref)
  return pointer === undefined ? ref : pointerToRef(documentPointer(spec, pointer))
}
