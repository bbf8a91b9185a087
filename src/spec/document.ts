import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'

import { ContractsError, type SourceLocation } from '../errors.js'
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

  return parseSpec(file, text)
}

/**
 * Parses OpenAPI text; JSON is parsed by the YAML parser too, so both keep source positions.
 * With `requireInfoVersion: false` a missing `info.version` is left to the caller to report.
 */
export function parseSpec(file: string, text: string, options: { requireInfoVersion?: boolean } = {}): SpecDocument {
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
  const root = toPlainData(yamlDocument, file)
  const { openapi, version } = readVersion(root, file, locate)

  const info = root.info as Record<string, unknown> | undefined
  const infoVersion = info && typeof info.version === 'string' ? info.version : ''
  if (!infoVersion && options.requireInfoVersion !== false) {
    throw new ContractsError('CONTRACTS_SPEC_INVALID', 'info.version is missing or not a string', {
      location: locate('/info'),
      suggestions: ['Add `info.version`, a semantic version such as 1.0.0; it is sent as X-Schema-Version.'],
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

    node = next
    const range = (next as { range?: [number] }).range
    if (range && !isMap(next) && !isSeq(next)) offset = range[0]
    else if (range && isSeq(next)) offset = range[0]
  }

  const position = lineCounter.linePos(offset)
  return { file, line: position.line, column: position.col, pointer }
}
