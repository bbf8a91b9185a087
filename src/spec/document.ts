import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { bundle } from '@apidevtools/json-schema-ref-parser'

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'

import { ContractsError, type SourceLocation } from '../errors.js'
import { jsonPointerOffset, LinePositions } from './json-positions.js'
import { parsePointer } from './pointer.js'

export type OpenApiVersion = '3.0' | '3.1'

/** A parsed OpenAPI document that still knows where each node came from in its source text. */
export interface SpecDocument {
  /** Path as given by the user, used in messages. */
  file: string
  /** File name without folders, used in generated names and headers. */
  basename: string
  version: OpenApiVersion
  /** The full `openapi` field, e.g. `3.1.0`. */
  openapi: string
  /** `info.version`, sent as `X-Schema-Version`. */
  infoVersion: string
  /** The document as plain JSON data. Treated as read-only by every consumer. */
  root: Record<string, unknown>
  /** Size of the source in bytes. */
  bytes: number
  locate(pointer: string): SourceLocation
}

// Aliases beyond this count are rejected so a small file cannot expand into gigabytes.
const MAX_YAML_ALIASES = 1000

/** Reads and parses one OpenAPI document (YAML or JSON). */
export async function loadSpec(file: string): Promise<SpecDocument> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new ContractsError('CONTRACTS_SPEC_READ', `Cannot read ${file}: ${(error as Error).message}`, {
      location: { file },
      suggestions: ['Check the path and the file permissions.'],
      cause: error,
    })
  }

  const spec = parseSpec(file, text)
  const external = findExternalRef(spec.root)
  if (external === undefined) return spec
  return { ...spec, root: await bundleExternalRefs(spec, external) }
}

/** The pointer of the first `$ref` that leaves the document, if any. */
function findExternalRef(node: unknown, pointer = ''): { pointer: string; ref: string } | undefined {
  if (node === null || typeof node !== 'object') return undefined
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) {
      const found = findExternalRef(item, `${pointer}/${index}`)
      if (found) return found
    }
    return undefined
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return { pointer: `${pointer}/$ref`, ref: value }
    const found = findExternalRef(value, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`)
    if (found) return found
  }
  return undefined
}

/**
 * Pulls referenced files into the document with json-schema-ref-parser, so every `$ref` is
 * internal afterwards. Only files inside the spec's folder are read, and never URLs: a spec
 * is untrusted input and must not make the generator fetch or disclose other files.
 */
async function bundleExternalRefs(spec: SpecDocument, first: { pointer: string; ref: string }): Promise<Record<string, unknown>> {
  const folder = path.dirname(path.resolve(spec.file))
  const readInside = {
    order: 1,
    canRead: true,
    read: async (file: { url: string }) => {
      const target = file.url.startsWith('file://') ? fileURLToPath(file.url) : path.resolve(file.url)
      if (target !== folder && !target.startsWith(folder + path.sep)) {
        throw new Error(`refers to ${target}, outside the spec folder ${folder}`)
      }
      return readFile(target)
    },
  }

  try {
    const bundled = await bundle(path.resolve(spec.file), { resolve: { file: readInside, http: false }, dereference: { circular: true } } as never)
    return bundled as unknown as Record<string, unknown>
  } catch (error) {
    throw new ContractsError('CONTRACTS_REF_UNRESOLVED', `Cannot resolve external $ref ${JSON.stringify(first.ref)} or one it leads to: ${(error as Error).message}`, {
      location: spec.locate(first.pointer),
      suggestions: ['Point external $refs at files inside the spec folder, with a relative path such as ./schemas/pet.yaml#/Pet.'],
      cause: error,
    })
  }
}

/**
 * Parses OpenAPI text; JSON is parsed by the YAML parser too, so both keep source positions.
 * With `requireInfoVersion: false` a missing `info.version` is left to the caller to report.
 */
export function parseSpec(file: string, text: string, options: { requireInfoVersion?: boolean } = {}): SpecDocument {
  const { root, locate } = parseLargeJson(file, text) ?? parseWithPositions(file, text)
  const { openapi, version } = readVersion(root, file, locate)

  const info = root.info as Record<string, unknown> | undefined
  const infoVersion = info && typeof info.version === 'string' ? info.version : ''
  if (!infoVersion && options.requireInfoVersion !== false) {
    throw new ContractsError('CONTRACTS_SPEC_INVALID', 'info.version is missing or not a string', {
      location: locate('/info'),
      suggestions: ['Add `info.version`, a semantic version such as 1.0.0; it is sent as X-Schema-Version.'],
    })
  }

  // The version travels in the X-Schema-Version header, which takes visible ASCII only.
  if (infoVersion !== '' && !/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(infoVersion)) {
    throw new ContractsError('CONTRACTS_SPEC_INVALID', `info.version ${JSON.stringify(infoVersion)} cannot be sent as the X-Schema-Version header`, {
      location: locate('/info/version'),
      suggestions: ['Use a semantic version such as 1.2.0, in printable ASCII without line breaks.'],
    })
  }

  return {
    file,
    basename: path.basename(file),
    version,
    openapi,
    infoVersion,
    root,
    bytes: Buffer.byteLength(text),
    locate,
  }
}

function parseWithPositions(file: string, text: string): { root: Record<string, unknown>; locate: (pointer: string) => SourceLocation } {
  const lineCounter = new LineCounter()
  const yamlDocument = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })

  const [firstError] = yamlDocument.errors
  if (firstError) {
    const position = lineCounter.linePos(firstError.pos[0])
    throw new ContractsError('CONTRACTS_SPEC_PARSE', `Invalid YAML/JSON: ${firstError.message.split('\n')[0]}`, {
      location: { file, line: position.line, column: position.col },
      suggestions: ['Fix the syntax at that position; duplicate keys are rejected too.'],
    })
  }

  const locate = (pointer: string): SourceLocation => locateNode(yamlDocument.contents, lineCounter, file, pointer)
  return { root: toPlainData(yamlDocument, file), locate }
}

// Above this size a JSON document is read by JSON.parse, which keeps no per-node positions in
// memory. On GitHub's 10 MB description it took the generator's peak memory from 1.6 to 0.9 GB.
const LARGE_JSON_BYTES = 1024 * 1024

/**
 * Reads a large JSON object with JSON.parse and finds positions by scanning the text when a
 * message needs one. Anything else, including invalid JSON, goes to the YAML parser, which
 * reports the position of a syntax error.
 */
function parseLargeJson(file: string, text: string): { root: Record<string, unknown>; locate: (pointer: string) => SourceLocation } | undefined {
  if (text.length < LARGE_JSON_BYTES || !text.trimStart().startsWith('{')) return undefined
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch {
    return undefined
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return undefined

  // NOTE: JSON.parse keeps the last of duplicate keys, where the YAML parser rejects them.
  const lines = new LinePositions(text)
  const locate = (pointer: string): SourceLocation => ({ file, ...lines.position(jsonPointerOffset(text, pointer)), pointer })
  return { root: root as Record<string, unknown>, locate }
}

function toPlainData(yamlDocument: ReturnType<typeof parseDocument>, file: string): Record<string, unknown> {
  let data: unknown
  try {
    data = yamlDocument.toJS({ maxAliasCount: MAX_YAML_ALIASES })
  } catch (error) {
    throw new ContractsError('CONTRACTS_SPEC_PARSE', `Cannot read the document: ${(error as Error).message}`, {
      location: { file },
      cause: error,
    })
  }

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ContractsError('CONTRACTS_SPEC_INVALID', 'The document is not an object', {
      location: { file, line: 1, column: 1 },
      suggestions: ['An OpenAPI document is a mapping with `openapi`, `info` and `paths` at its root.'],
    })
  }

  return data as Record<string, unknown>
}

function readVersion(
  root: Record<string, unknown>,
  file: string,
  locate: (pointer: string) => SourceLocation,
): { openapi: string; version: OpenApiVersion } {
  const openapi = root.openapi
  if (typeof openapi !== 'string') {
    const hint = typeof root.swagger === 'string' ? ' Swagger 2.0 is not supported.' : ''
    throw new ContractsError('CONTRACTS_SPEC_VERSION', `${file} has no \`openapi\` version string.${hint}`, {
      location: locate(typeof root.swagger === 'string' ? '/swagger' : ''),
      suggestions: ['Convert the document to OpenAPI 3.0 or 3.1 and set `openapi: 3.1.0`.'],
    })
  }

  const match = /^3\.([01])\.\d+(-.+)?$/.exec(openapi)
  if (!match) {
    throw new ContractsError('CONTRACTS_SPEC_VERSION', `Unsupported OpenAPI version ${JSON.stringify(openapi)}`, {
      location: locate('/openapi'),
      suggestions: ['Use OpenAPI 3.0.x or 3.1.x.'],
    })
  }

  return { openapi, version: match[1] === '0' ? '3.0' : '3.1' }
}

/**
 * Finds the source position of the node at `pointer`, or of its nearest existing ancestor.
 * Map keys are compared as strings because YAML reads `200:` as a number.
 */
function locateNode(
  contents: YamlNode | null,
  lineCounter: LineCounter,
  file: string,
  pointer: string,
): SourceLocation {
  let node: unknown = contents
  let offset = (contents as { range?: [number] } | null)?.range?.[0] ?? 0

  for (const token of parsePointer(pointer)) {
    let next: unknown
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === token)
      next = pair?.value
      if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0]
    } else if (isSeq(node)) {
      next = node.items[Number(token)]
    }
    if (next === undefined || next === null) break

    // An item of a sequence has no key to point at, so even a mapping item points at itself.
    const inSequence = isSeq(node)
    node = next
    const range = (next as { range?: [number] }).range
    if (range && (inSequence || !isMap(next))) offset = range[0]
  }

  const position = lineCounter.linePos(offset)
  return { file, line: position.line, column: position.col, pointer }
}
