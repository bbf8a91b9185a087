/**
 * Deserializes path, query, header and cookie parameters by their OpenAPI `style` and
 * `explode`. Values are split on literal delimiters first and percent-decoded item by item, so
 * an encoded delimiter such as `%2C` stays data. Type coercion (strings to numbers and
 * booleans) is left to the precompiled validator, which runs next.
 */

import type { IncomingHttpHeaders } from 'node:http'

import type { ParameterDefinition, ParameterLocation } from './types.js'

export interface ParameterValues {
  path: Record<string, unknown>
  query: Record<string, unknown>
  header: Record<string, unknown>
  cookie: Record<string, unknown>
}

export interface ParameterIssue {
  location: ParameterLocation
  field: string
  error: string
}

/** A query or cookie pair: the decoded name and the raw value, still percent-encoded. */
export type RawPair = [name: string, value: string]

export interface RawParameters {
  /** Path variables by name, as matched in the raw path. */
  path: Record<string, string>
  /** The query string parsed by `parseQuery`. */
  query: readonly RawPair[]
  headers: IncomingHttpHeaders
}

/** Function that turns one raw item into its value, or undefined when the item is malformed. */
type Decoder = (text: string) => string | undefined

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

const decodeUri: Decoder = (text) => decode(text, false)
const decodeForm: Decoder = (text) => decode(text, true)
// Header values are not percent-decoded, so items only lose the blanks around commas.
const trimHeaderItem: Decoder = (text) => text.trim()

/** Splits a raw query string into decoded names with their raw (still encoded) values, in order. */
export function parseQuery(query: string): RawPair[] {
  const pairs: RawPair[] = []
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

/** Splits a Cookie header into names and raw values, in order, repeated names included. */
export function parseCookiePairs(header: string | undefined): RawPair[] {
  const pairs: RawPair[] = []
  if (!header) return pairs
  for (const part of header.split(';')) {
    const equals = part.indexOf('=')
    if (equals === -1) continue
    const name = part.slice(0, equals).trim()
    if (name !== '') pairs.push([name, part.slice(equals + 1).trim()])
  }
  return pairs
}

/**
 * Maps each cookie name to its first value. Under RFC 6265 (section 5.4), clients list cookies
 * with longer paths first, so the first value is the most specific one.
 */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const [name, value] of parseCookiePairs(header)) {
    if (!cookies.has(name)) cookies.set(name, value)
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
  let cookies: RawPair[] | undefined

  for (const definition of definitions) {
    let value: unknown
    switch (definition.in) {
      case 'path':
        value = readPath(definition, raw.path[definition.name], issues)
        break
      case 'query':
        value = readForm(definition, raw.query, definitions, issues)
        break
      case 'header':
        value = readHeader(definition, raw.headers[definition.name.toLowerCase()], issues)
        break
      case 'cookie':
        cookies ??= parseCookiePairs(raw.headers.cookie)
        value = readForm(definition, cookies, definitions, issues)
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

function decodeAll(items: readonly string[], decoder: Decoder): string[] | undefined {
  const decoded: string[] = []
  for (const item of items) {
    const value = decoder(item)
    if (value === undefined) return undefined
    decoded.push(value)
  }
  return decoded
}

/** Builds an object from `key=value` items, splitting on the literal `=` before decoding. */
function keyValueObject(items: readonly string[], decoder: Decoder): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {}
  for (const item of items) {
    const equals = item.indexOf('=')
    if (equals <= 0) return undefined
    const key = decoder(item.slice(0, equals))
    const value = decoder(item.slice(equals + 1))
    if (key === undefined || key === '' || value === undefined) return undefined
    setValue(result, key, value)
  }
  return result
}

/** Builds an object from alternating `key,value` items. */
function alternatingObject(items: readonly string[]): Record<string, unknown> | undefined {
  if (items.length % 2 !== 0) return undefined
  const result: Record<string, unknown> = {}
  for (let index = 0; index < items.length; index += 2) setValue(result, items[index] as string, items[index + 1])
  return result
}

/**
 * Reads a value whose array items (or object members) are joined by `delimiter`: exploded
 * objects as `key=value` items, other objects as alternating keys and values. An empty text
 * is an empty array or object.
 */
function readDelimited(definition: ParameterDefinition, text: string, delimiter: string, decoder: Decoder): unknown {
  if (definition.shape === 'primitive') return decoder(text)
  if (text === '') return definition.shape === 'array' ? [] : {}

  const items = text.split(delimiter)
  if (definition.shape === 'object' && definition.explode) return keyValueObject(items, decoder)
  const decoded = decodeAll(items, decoder)
  if (decoded === undefined) return undefined
  return definition.shape === 'array' ? decoded : alternatingObject(decoded)
}

/** Parses a `content` parameter of a JSON media type. Values of other media types stay text. */
function readContent(definition: ParameterDefinition, text: string | undefined, issues: ParameterIssue[]): unknown {
  if (text === undefined) return issue(issues, definition, 'Malformed percent-encoding')
  const type = definition.contentType ?? ''
  if (type !== 'application/json' && !type.endsWith('+json')) return text
  try {
    return JSON.parse(text)
  } catch {
    return issue(issues, definition, 'Invalid JSON')
  }
}

function readPath(definition: ParameterDefinition, raw: string | undefined, issues: ParameterIssue[]): unknown {
  if (raw === undefined) return undefined
  if (definition.contentType !== undefined) return readContent(definition, decodeUri(raw), issues)

  let value: unknown
  if (definition.style === 'label') {
    if (!raw.startsWith('.')) return issue(issues, definition, 'Must start with "." (label style)')
    // Exploded label arrays and objects separate their items with "." instead of ",".
    const delimiter = definition.explode && definition.shape !== 'primitive' ? '.' : ','
    value = readDelimited(definition, raw.slice(1), delimiter, decodeUri)
  } else if (definition.style === 'matrix') {
    if (!raw.startsWith(';')) return issue(issues, definition, 'Must start with ";" (matrix style)')
    value = readMatrix(definition, raw.slice(1).split(';'))
  } else {
    value = readDelimited(definition, raw, ',', decodeUri)
  }

  return value === undefined ? issue(issues, definition, 'Malformed value for its style') : value
}

/** Returns the value of a matrix `name=value` part: '' for a bare name, undefined for another name. */
function matrixValue(name: string, part: string): string | undefined {
  if (part === name) return ''
  return part.startsWith(`${name}=`) ? part.slice(name.length + 1) : undefined
}

/** Reads the `;`-separated parts of a matrix value, leading `;` removed. */
function readMatrix(definition: ParameterDefinition, parts: string[]): unknown {
  if (definition.explode && definition.shape === 'object') return keyValueObject(parts, decodeUri)

  if (definition.explode && definition.shape === 'array') {
    if (parts.length === 1 && parts[0] === definition.name) return []
    const raw: string[] = []
    for (const part of parts) {
      const value = matrixValue(definition.name, part)
      if (value === undefined) return undefined
      raw.push(value)
    }
    return decodeAll(raw, decodeUri)
  }

  const value = parts.length === 1 ? matrixValue(definition.name, parts[0] as string) : undefined
  return value === undefined ? undefined : readDelimited(definition, value, ',', decodeUri)
}

/** Collects the raw values of every pair named `name`, in order. */
function valuesNamed(pairs: readonly RawPair[], name: string): string[] {
  const values: string[] = []
  for (const [key, value] of pairs) {
    if (key === name) values.push(value)
  }
  return values
}

/** Literal item delimiters of the query styles whose arrays and objects are not exploded. */
const FORM_DELIMITERS: Record<string, string> = { form: ',', spaceDelimited: ' ', pipeDelimited: '|' }

/**
 * Rewrites the percent-encoded forms of a style's delimiter to the literal one. A space can
 * only travel as `%20` or `+`. OpenAPI 3.1.0 shows pipes bare and 3.1.1 encodes them as `%7C`,
 * so both delimit, and a pipe inside a pipeDelimited item cannot be sent.
 */
function normalizeDelimiters(style: string, value: string): string {
  if (style === 'spaceDelimited') return value.replaceAll('%20', ' ').replaceAll('+', ' ')
  if (style === 'pipeDelimited' && value.includes('%')) return value.replace(/%7C/gi, '|')
  return value
}

/**
 * Reads a query or cookie parameter (styles form, spaceDelimited, pipeDelimited, deepObject).
 * In a query, `+` is a space unless the parameter allows reserved characters, which RFC 6570
 * sends as they are. Cookie values are only percent-decoded.
 */
function readForm(definition: ParameterDefinition, pairs: readonly RawPair[], definitions: readonly ParameterDefinition[], issues: ParameterIssue[]): unknown {
  const inQuery = definition.in === 'query'
  const decoder = inQuery && !definition.allowReserved ? decodeForm : decodeUri

  if (definition.style === 'deepObject') return readDeepObject(definition, pairs, decoder, issues)
  if (takesUnclaimedNames(definition)) {
    return readExplodedObject(definition, pairs, claimedNames(definitions, definition.in), decoder, issues)
  }

  const raw = valuesNamed(pairs, definition.name)
  if (raw.length === 0) return undefined
  // Exploded arrays repeat the name, one item per pair.
  if (definition.shape === 'array' && definition.explode) return decodeAll(raw, decoder) ?? issue(issues, definition, 'Malformed percent-encoding')
  // A cookie name repeats when cookies of several paths match; the most specific one comes first.
  if (!inQuery) raw.length = 1
  if (definition.contentType !== undefined) return readContent(definition, decoder(raw[0] as string), issues)

  if (definition.shape === 'primitive') {
    if (inQuery && !definition.allowEmptyValue && raw.includes('')) return issue(issues, definition, 'Empty value is not allowed')
    const decoded = decodeAll(raw, decoder)
    if (decoded === undefined) return issue(issues, definition, 'Malformed percent-encoding')
    // A repeated primitive stays a list, so the validator reports it rather than one copy winning.
    return decoded.length === 1 ? decoded[0] : decoded
  }

  // Otherwise the items are joined by the style's delimiter, and repeats continue the list.
  const delimiter = FORM_DELIMITERS[definition.style] ?? ','
  const joined = raw.map((value) => normalizeDelimiters(definition.style, value)).join(delimiter)
  const value = readDelimited(definition, joined, delimiter, decoder)
  if (value !== undefined) return value
  return issue(issues, definition, definition.shape === 'object' ? 'Expected key and value items in pairs' : 'Malformed percent-encoding')
}

/** Claimed names of one location: whole names, and the `name[` prefixes of deepObject parameters. */
interface ClaimedNames {
  names: Set<string>
  prefixes: string[]
}

const NOTHING_CLAIMED: ClaimedNames = { names: new Set(), prefixes: [] }

// Per operation table, which is static, so the sets are built once per operation.
const claimedCache = new WeakMap<readonly ParameterDefinition[], Map<ParameterLocation, ClaimedNames>>()

/** Names and prefixes that parameters of `location` other than exploded form objects read. */
function claimedNames(definitions: readonly ParameterDefinition[], location: ParameterLocation): ClaimedNames {
  let byLocation = claimedCache.get(definitions)
  if (!byLocation) {
    byLocation = new Map()
    for (const definition of definitions) {
      if (takesUnclaimedNames(definition)) continue
      const deep = definition.style === 'deepObject'
      const claimed = byLocation.get(definition.in) ?? { names: new Set<string>(), prefixes: [] }
      if (deep) claimed.prefixes.push(`${definition.name}[`)
      else claimed.names.add(definition.name)
      byLocation.set(definition.in, claimed)
    }
    claimedCache.set(definitions, byLocation)
  }
  return byLocation.get(location) ?? NOTHING_CLAIMED
}

function isClaimed(claimed: ClaimedNames, name: string): boolean {
  return claimed.names.has(name) || claimed.prefixes.some((prefix) => name.startsWith(prefix))
}

/** Tells whether a parameter is an exploded form object, which reads every unclaimed name as a property. */
function takesUnclaimedNames(definition: ParameterDefinition): boolean {
  return definition.shape === 'object' && definition.explode && definition.style !== 'deepObject' && definition.contentType === undefined
}

/** Lists the query names that no parameter reads. An exploded form object reads them all, so then none. */
export function unknownQueryNames(definitions: readonly ParameterDefinition[], pairs: readonly RawPair[]): string[] {
  if (definitions.some((definition) => definition.in === 'query' && takesUnclaimedNames(definition))) return []
  const claimed = claimedNames(definitions, 'query')
  return pairs.filter(([name]) => !isClaimed(claimed, name)).map(([name]) => name)
}

/**
 * Reads an exploded form object, whose properties are pairs of their own: every pair that no
 * other parameter of the location claims belongs to it. Undefined when there is none.
 */
function readExplodedObject(
  definition: ParameterDefinition,
  pairs: readonly RawPair[],
  claimed: ClaimedNames,
  decoder: Decoder,
  issues: ParameterIssue[],
): unknown {
  let result: Record<string, unknown> | undefined
  for (const [name, value] of pairs) {
    if (isClaimed(claimed, name)) continue
    const decoded = decoder(value)
    if (decoded === undefined) return issue(issues, definition, 'Malformed percent-encoding')
    result ??= {}
    setValue(result, name, decoded)
  }
  return result
}

function readDeepObject(definition: ParameterDefinition, pairs: readonly RawPair[], decoder: Decoder, issues: ParameterIssue[]): unknown {
  const prefix = `${definition.name}[`
  let result: Record<string, unknown> | undefined

  for (const [name, value] of pairs) {
    if (!name.startsWith(prefix) || !name.endsWith(']')) continue
    const keys = name.slice(prefix.length, -1).split('][')
    if (keys.some((key) => key === '' || FORBIDDEN_KEYS.has(key))) return issue(issues, definition, `Invalid key in ${JSON.stringify(name)}`)
    const decoded = decoder(value)
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
  if (definition.contentType !== undefined) return readContent(definition, text, issues)
  const value = readDelimited(definition, text, ',', trimHeaderItem)
  return value === undefined ? issue(issues, definition, 'Malformed value for its style') : value
}
