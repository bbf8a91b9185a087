/**
 * Deserializes path, query, header and cookie parameters by their OpenAPI `style` and
 * `explode`. Values are split on literal delimiters first and percent-decoded item by item, so
 * an encoded delimiter such as `%2C` stays data. Type coercion (strings to numbers and
 * booleans) is left to the precompiled validator, which runs next.
 */

import type { IncomingHttpHeaders } from 'node:http'

import type { ParameterDefinition } from './types.js'

export interface ParameterValues {
  path: Record<string, unknown>
  query: Record<string, unknown>
  header: Record<string, unknown>
  cookie: Record<string, unknown>
}

export interface ParameterIssue {
  location: 'path' | 'query' | 'header' | 'cookie'
  field: string
  error: string
}

export interface RawParameters {
  path: Record<string, string>
  query: string
  headers: IncomingHttpHeaders
}

// Keys that would reach Object.prototype when a nested object is built from client input.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Defines an own property; plain assignment of `__proto__` would replace the prototype instead. */
function setValue(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

function decode(text: string, plusIsSpace: boolean): string | undefined {
  const spaced = plusIsSpace && text.includes('+') ? text.replaceAll('+', ' ') : text
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    return undefined
  }
}

/** Splits a raw query string into decoded names with their raw (still encoded) values, in order. */
export function parseQuery(query: string): [string, string][] {
  const pairs: [string, string][] = []
  if (query === '') return pairs
  for (const part of query.split('&')) {
    if (part === '') continue
    const equals = part.indexOf('=')
    const rawName = equals === -1 ? part : part.slice(0, equals)
    const name = decode(rawName, true)
    if (name === undefined) continue
    pairs.push([name, equals === -1 ? '' : part.slice(equals + 1)])
  }
  return pairs
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  if (!header) return cookies
  for (const part of header.split(';')) {
    const equals = part.indexOf('=')
    if (equals === -1) continue
    const name = part.slice(0, equals).trim()
    if (name !== '' && !cookies.has(name)) cookies.set(name, part.slice(equals + 1).trim())
  }
  return cookies
}

/**
 * Deserializes every declared parameter. Absent optional parameters get no key at all, so an
 * omitted object parameter never fails the `required` of its properties.
 */
export function readParameters(
  definitions: readonly ParameterDefinition[],
  raw: RawParameters,
  issues: ParameterIssue[],
): ParameterValues {
  const values: ParameterValues = { path: {}, query: {}, header: {}, cookie: {} }
  const queryPairs = raw.query === '' ? [] : parseQuery(raw.query)
  let cookies: Map<string, string> | undefined

  for (const definition of definitions) {
    let value: unknown
    switch (definition.in) {
      case 'path':
        value = readPath(definition, raw.path[definition.name], issues)
        break
      case 'query':
        value = readQuery(definition, queryPairs, definitions, issues)
        break
      case 'header':
        value = readHeader(definition, raw.headers[definition.name.toLowerCase()], issues)
        break
      case 'cookie':
        cookies ??= parseCookies(raw.headers.cookie)
        value = readCookie(definition, cookies.get(definition.name), issues)
        break
    }
    if (value !== undefined) setValue(values[definition.in], definition.name, value)
  }

  return values
}

function issue(issues: ParameterIssue[], definition: ParameterDefinition, error: string): undefined {
  issues.push({ location: definition.in, field: definition.name, error })
  return undefined
}

/** Splits on a literal delimiter, then decodes each item; undefined when an item is malformed. */
function splitDecoded(text: string, delimiter: string, plusIsSpace: boolean): string[] | undefined {
  const items = text.split(delimiter)
  const decoded: string[] = []
  for (const item of items) {
    const value = decode(item, plusIsSpace)
    if (value === undefined) return undefined
    decoded.push(value)
  }
  return decoded
}

/** Builds an object from alternating `key,value` items or from `key=value` items. */
function toObject(items: string[], pairsWithEquals: boolean): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {}
  if (pairsWithEquals) {
    for (const item of items) {
      const equals = item.indexOf('=')
      if (equals <= 0) return undefined
      setValue(result, item.slice(0, equals), item.slice(equals + 1))
    }
    return result
  }
  if (items.length % 2 !== 0) return undefined
  for (let index = 0; index < items.length; index += 2) setValue(result, items[index] as string, items[index + 1])
  return result
}

/** Applies `simple` rules (path and header): comma lists, and `k=v` items for exploded objects. */
function readSimple(definition: ParameterDefinition, text: string, decodeItems: boolean): unknown {
  const split = (value: string) => (decodeItems ? splitDecoded(value, ',', false) : value.split(',').map((item) => item.trim()))
  if (definition.contentType !== undefined) return readContent(definition, decodeItems ? decode(text, false) : text)

  if (definition.shape === 'array') return text === '' ? [] : split(text)
  if (definition.shape === 'object') {
    if (definition.explode) {
      // Keys and values are split on literal "=" before decoding, like every other delimiter.
      const items = text.split(',')
      const result: Record<string, unknown> = {}
      for (const item of items) {
        const equals = item.indexOf('=')
        if (equals <= 0) return undefined
        const key = decodeItems ? decode(item.slice(0, equals), false) : item.slice(0, equals).trim()
        const value = decodeItems ? decode(item.slice(equals + 1), false) : item.slice(equals + 1).trim()
        if (key === undefined || value === undefined) return undefined
        setValue(result, key, value)
      }
      return result
    }
    const items = split(text)
    return items === undefined ? undefined : toObject(items, false)
  }
  return decodeItems ? decode(text, false) : text
}

function readContent(definition: ParameterDefinition, text: string | undefined): unknown {
  if (text === undefined) return undefined
  const type = definition.contentType ?? ''
  if (type !== 'application/json' && !type.endsWith('+json')) return text
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function readPath(definition: ParameterDefinition, raw: string | undefined, issues: ParameterIssue[]): unknown {
  if (raw === undefined) return undefined
  let text = raw
  let value: unknown

  if (definition.style === 'label') {
    if (!text.startsWith('.')) return issue(issues, definition, 'Must start with "." (label style)')
    text = text.slice(1)
    value = definition.explode && definition.shape !== 'primitive'
      ? readLabelExploded(definition, text)
      : readSimple(definition, text, true)
  } else if (definition.style === 'matrix') {
    value = readMatrix(definition, text)
  } else {
    value = readSimple(definition, text, true)
  }

  return value === undefined ? issue(issues, definition, 'Malformed value for its style') : value
}

function readLabelExploded(definition: ParameterDefinition, text: string): unknown {
  const items = splitDecoded(text, '.', false)
  if (items === undefined) return undefined
  return definition.shape === 'array' ? items : toObject(items, true)
}

function readMatrix(definition: ParameterDefinition, text: string): unknown {
  if (!text.startsWith(';')) return undefined
  const parts = text.slice(1).split(';')
  const prefix = `${definition.name}=`

  if (definition.shape === 'object' && definition.explode) {
    const items = splitDecoded(parts.join(';'), ';', false)
    return items === undefined ? undefined : toObject(items, true)
  }
  if (definition.shape === 'array' && definition.explode) {
    const values: string[] = []
    for (const part of parts) {
      if (!part.startsWith(prefix)) return undefined
      const value = decode(part.slice(prefix.length), false)
      if (value === undefined) return undefined
      values.push(value)
    }
    return values
  }

  const [first] = parts
  if (first === undefined || parts.length !== 1) return undefined
  if (first === definition.name) return ''
  if (!first.startsWith(prefix)) return undefined
  return readSimple(definition, first.slice(prefix.length), true)
}

const DELIMITERS: Record<string, string> = { form: ',', spaceDelimited: ' ', pipeDelimited: '|' }

function readQuery(
  definition: ParameterDefinition,
  pairs: [string, string][],
  definitions: readonly ParameterDefinition[],
  issues: ParameterIssue[],
): unknown {
  if (definition.style === 'deepObject') return readDeepObject(definition, pairs, issues)
  if (definition.shape === 'object' && definition.explode && definition.contentType === undefined) {
    return readExplodedFormObject(definition, pairs, definitions, issues)
  }

  const raw = pairs.filter(([name]) => name === definition.name).map(([, value]) => value)
  if (raw.length === 0) return undefined
  if (raw.some((value) => value === '') && !definition.allowEmptyValue && definition.shape === 'primitive') {
    return issue(issues, definition, 'Empty value is not allowed')
  }

  if (definition.contentType !== undefined) {
    const value = readContent(definition, decode(raw[0] as string, true))
    return value === undefined ? issue(issues, definition, 'Invalid JSON') : value
  }

  if (definition.shape === 'primitive') {
    const decoded = raw.map((value) => decode(value, true))
    if (decoded.includes(undefined)) return issue(issues, definition, 'Malformed percent-encoding')
    // A repeated primitive stays a list, so the validator reports it rather than one copy winning.
    return decoded.length === 1 ? decoded[0] : decoded
  }

  const delimiter = DELIMITERS[definition.style] ?? ','
  const items: string[] = []
  for (const value of raw) {
    // Exploded arrays repeat the name; non-exploded ones join items with the style's delimiter.
    const parts = definition.explode && definition.shape === 'array'
      ? [decode(value, true)]
      : splitDecoded(definition.style === 'spaceDelimited' ? value.replaceAll('%20', ' ').replaceAll('+', ' ') : value, delimiter, true)
    if (parts === undefined || parts.includes(undefined)) return issue(issues, definition, 'Malformed percent-encoding')
    items.push(...(parts as string[]))
  }

  if (definition.shape === 'array') return raw.length === 1 && raw[0] === '' ? [] : items
  return toObject(items, false) ?? issue(issues, definition, 'Expected an even number of key,value items')
}

function readExplodedFormObject(
  definition: ParameterDefinition,
  pairs: [string, string][],
  definitions: readonly ParameterDefinition[],
  issues: ParameterIssue[],
): unknown {
  // Each property is its own query key, so every key that no other parameter claims belongs here.
  const claimed = new Set(definitions.filter((other) => other.in === 'query' && other !== definition).map((other) => other.name))
  let result: Record<string, unknown> | undefined
  for (const [name, value] of pairs) {
    if (claimed.has(name)) continue
    const decoded = decode(value, true)
    if (decoded === undefined) return issue(issues, definition, 'Malformed percent-encoding')
    result ??= {}
    setValue(result, name, decoded)
  }
  return result
}

function readDeepObject(definition: ParameterDefinition, pairs: [string, string][], issues: ParameterIssue[]): unknown {
  const prefix = `${definition.name}[`
  let result: Record<string, unknown> | undefined

  for (const [name, value] of pairs) {
    if (!name.startsWith(prefix) || !name.endsWith(']')) continue
    const keys = name.slice(prefix.length, -1).split('][')
    if (keys.some((key) => key === '' || FORBIDDEN_KEYS.has(key))) return issue(issues, definition, `Invalid key in ${JSON.stringify(name)}`)
    const decoded = decode(value, true)
    if (decoded === undefined) return issue(issues, definition, 'Malformed percent-encoding')

    result ??= {}
    let node = result
    keys.forEach((key, index) => {
      if (index === keys.length - 1) {
        setValue(node, key, decoded)
        return
      }
      const next = Object.hasOwn(node, key) ? node[key] : undefined
      if (next === null || typeof next !== 'object') setValue(node, key, {})
      node = node[key] as Record<string, unknown>
    })
  }

  return result
}

function readHeader(definition: ParameterDefinition, raw: string | string[] | undefined, issues: ParameterIssue[]): unknown {
  if (raw === undefined) return undefined
  const text = Array.isArray(raw) ? raw.join(', ') : raw
  if (definition.contentType !== undefined) {
    const value = readContent(definition, text)
    return value === undefined ? issue(issues, definition, 'Invalid JSON') : value
  }
  const value = readSimple(definition, text, false)
  return value === undefined ? issue(issues, definition, 'Malformed value for its style') : value
}

function readCookie(definition: ParameterDefinition, raw: string | undefined, issues: ParameterIssue[]): unknown {
  if (raw === undefined) return undefined
  if (definition.contentType !== undefined) {
    const value = readContent(definition, decode(raw, false))
    return value === undefined ? issue(issues, definition, 'Invalid JSON') : value
  }
  const value = definition.shape === 'primitive' ? decode(raw, false) : readSimple(definition, raw, true)
  return value === undefined ? issue(issues, definition, 'Malformed value for its style') : value
}
