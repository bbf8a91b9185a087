/**
 * Turns spec strings (operationIds, file names) into TypeScript identifiers. Everything that
 * reaches generated code as a name goes through here; spec strings never become names as-is.
 */

const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected',
  'public', 'await', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
])

// Names an object inherits would make a missing handler look present.
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype))

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/** `get pets by id` and `getPetsById` both become `getPetsById`; never a reserved or inherited name. */
export function toCamelIdentifier(text: string, fallback = 'operation'): string {
  const parts = words(text)
  if (parts.length === 0) return fallback
  let name = parts.map((part, index) => (index === 0 ? part.charAt(0).toLowerCase() + part.slice(1) : capitalize(part))).join('')
  if (/^[0-9]/.test(name)) name = `${fallback}${capitalize(name)}`
  if (RESERVED.has(name) || INHERITED.has(name)) name = `${name}Operation`
  return name
}

export function toPascalIdentifier(text: string, fallback = 'Operation'): string {
  const camel = toCamelIdentifier(text, fallback)
  return capitalize(camel)
}

/** A file-system-safe, lower-case slug: `agents_ask.openapi.yaml` becomes `agents-ask`. */
export function toSlug(fileName: string): string {
  const base = fileName.replace(/\.(openapi\.)?(ya?ml|json)$/i, '')
  const slug = words(base).join('-').toLowerCase()
  return slug === '' ? 'spec' : slug
}

/** Appends 2, 3, ... until the name is not taken, and records it. */
export function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name
  for (let index = 2; taken.has(candidate); index += 1) candidate = `${name}${index}`
  taken.add(candidate)
  return candidate
}
