/**
 * Serializes data into JavaScript source. Spec strings only ever reach generated code through
 * here (or through Ajv's and ts-morph's own escaping), so no spec text can end a string, open a
 * template or turn into code.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** A reference to a generated identifier (such as a validator function) inside a literal. */
export class IdentifierReference {
  constructor(readonly name: string) {
    if (!IDENTIFIER.test(name)) throw new Error(`Not an identifier: ${JSON.stringify(name)}`)
  }
}

export function identifier(name: string): IdentifierReference {
  return new IdentifierReference(name)
}

/** A validator taken from a lazily loaded module: `module.validator("name")`. */
export class LazyValidatorReference {
  constructor(readonly module: IdentifierReference, readonly name: string) {}
}

/** A string literal that is also safe inside HTML script tags and old engines. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029')
}

function propertyKey(key: string): string {
  // `__proto__: x` in an object literal sets the prototype; the computed form defines a property.
  if (key === '__proto__') return '["__proto__"]'
  return IDENTIFIER.test(key) ? key : stringLiteral(key)
}

/** Source text for `value`; `indent` is the current nesting, for readable output. */
export function literal(value: unknown, indent = ''): string {
  if (value instanceof IdentifierReference) return value.name
  if (value instanceof LazyValidatorReference) return `${value.module.name}.validator(${stringLiteral(value.name)})`
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'

  switch (typeof value) {
    case 'string':
      return stringLiteral(value)
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`Cannot emit the number ${value}`)
      return Object.is(value, -0) ? '0' : String(value)
    case 'boolean':
      return String(value)
    case 'object':
      return Array.isArray(value) ? arrayLiteral(value, indent) : objectLiteral(value as Record<string, unknown>, indent)
    default:
      throw new Error(`Cannot emit a value of type ${typeof value}`)
  }
}

function arrayLiteral(values: unknown[], indent: string): string {
  if (values.length === 0) return '[]'
  const inner = indent + '  '
  return `[\n${values.map((item) => inner + literal(item, inner)).join(',\n')},\n${indent}]`
}

function objectLiteral(value: Record<string, unknown>, indent: string): string {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined)
  if (entries.length === 0) return '{}'
  const inner = indent + '  '
  const lines = entries.map(([key, item]) => `${inner}${propertyKey(key)}: ${literal(item, inner)}`)
  return `{\n${lines.join(',\n')},\n${indent}}`
}
