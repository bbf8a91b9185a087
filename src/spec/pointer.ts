/** JSON Pointer (RFC 6901) helpers. */

export function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1')
}

export function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~')
}

export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => '/' + escapeToken(String(token))).join('')
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must start with "/": ${JSON.stringify(pointer)}`)
  return pointer.slice(1).split('/').map(unescapeToken)
}

/** Returns the value at `pointer`, or undefined when any step is missing. Own properties only. */
export function getAt(root: unknown, pointer: string): unknown {
  let node = root
  for (const token of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined
    if (!Object.hasOwn(node, token)) return undefined
    node = (node as Record<string, unknown>)[token]
  }
  return node
}

/** Decodes the fragment of an internal `$ref` (`#/a/b%20c`) into a JSON pointer. */
export function refToPointer(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined
  const fragment = ref.slice(1)
  if (fragment !== '' && !fragment.startsWith('/')) return undefined
  try {
    return decodeURIComponent(fragment)
  } catch {
    return undefined
  }
}

/** Encodes a JSON pointer as the fragment of an internal `$ref`; `refToPointer` reverses it. */
export function pointerToRef(pointer: string): string {
  // Characters outside a URI fragment are percent-encoded.
  return '#' + pointer.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (character) => encodeURIComponent(character))
}

type Json = Record<string, unknown>

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A value with the pointer it was found at, after any `$ref`s were followed. */
export interface Located<T = unknown> {
  value: T
  pointer: string
}

/** Follows internal `$ref`s from `value`; undefined when one cannot be resolved or they loop. */
export function followRefs(root: Json, value: unknown, pointer: string): Located | undefined {
  const visited = new Set<string>()
  let current: Located = { value, pointer }

  while (isRecord(current.value) && typeof current.value.$ref === 'string') {
    const target = refToPointer(current.value.$ref)
    if (target === undefined || visited.has(target)) return undefined
    visited.add(target)
    const next = getAt(root, target)
    if (next === undefined) return undefined
    current = { value: next, pointer: target }
  }
  return current
}
