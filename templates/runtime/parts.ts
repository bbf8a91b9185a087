/**
 * Turns the parts of a multipart/form-data body into the handler's body object, following the
 * part table of the operation. Files become UploadedFile objects, JSON parts are parsed, text
 * fields stay strings for the coercing validator, and array properties collect every part of
 * their name.
 */

import { decodeUtf8 } from './body.js'
import { parseJson } from './json.js'
import { ProblemError, type ProblemDetail } from './problem.js'
import type { PartDefinition, UploadedFile } from './types.js'

/** One part as read from the request, before the part table gives it a type. */
export interface ReceivedPart {
  name: string
  /** The filename of the Content-Disposition, without folders. */
  filename: string | undefined
  /** Media type of the part, lower-cased without parameters; `text/plain` when it declares none. */
  mediaType: string
  /**
   * The bytes of a part busboy reads as a file (one with a filename or of type
   * application/octet-stream), else the text busboy decoded.
   */
  content: Buffer | string
}

const JSON_ERRORS: Record<string, string> = {
  invalid_json: 'Not valid JSON',
  json_too_deep: 'Nested deeper than the server allows',
}

/**
 * Builds the body object. A repeated name, or any part of an array property, gives an array.
 * Parts of an undeclared name are files when busboy reads them as files, else text. Media
 * types a file part may not have are added to `details`; malformed JSON or UTF-8 is a problem.
 */
export function assembleParts(
  parts: readonly ReceivedPart[],
  definitions: readonly PartDefinition[],
  maxJsonDepth: number,
  details: ProblemDetail[],
): Record<string, unknown> | ProblemError {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]))
  const values = new Map<string, unknown[]>()

  for (const part of parts) {
    const definition = byName.get(part.name)
    const list = values.get(part.name) ?? []
    const field = definition?.array ? `${part.name}.${list.length}` : part.name
    const value = partValue(part, definition, field, maxJsonDepth, details)
    if (value instanceof ProblemError) return value
    list.push(value)
    values.set(part.name, list)
  }

  return Object.fromEntries(
    [...values].map(([name, list]) => [name, list.length > 1 || byName.get(name)?.array ? list : list[0]]),
  )
}

function partValue(part: ReceivedPart, definition: PartDefinition | undefined, field: string, maxJsonDepth: number, details: ProblemDetail[]): unknown {
  const kind = definition?.kind ?? (typeof part.content === 'string' ? 'text' : 'file')
  if (kind === 'file') {
    const allowed = definition?.mediaTypes
    if (allowed !== undefined && !acceptsMediaType(allowed, part.mediaType)) {
      details.push({ location: 'body', field, error: `Media type ${part.mediaType} is not allowed; expected ${allowed.join(', ')}` })
    }
    return uploadedFile(part)
  }

  const text = typeof part.content === 'string' ? part.content : decodeUtf8(part.content)
  if (text === undefined) return new ProblemError('invalid_encoding', [{ location: 'body', field, error: 'Not valid UTF-8' }])
  if (kind === 'text') return text

  const parsed = parseJson(text, maxJsonDepth)
  if (!(parsed instanceof ProblemError)) return parsed
  return new ProblemError(parsed.code, [{ location: 'body', field, error: JSON_ERRORS[parsed.code] ?? 'Not valid JSON' }])
}

function uploadedFile(part: ReceivedPart): UploadedFile {
  // NOTE: a file property sent as a plain field (no filename, not application/octet-stream)
  // arrives as text busboy decoded as UTF-8, so bytes that are not UTF-8 do not survive.
  const data = typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : part.content
  return { filename: part.filename, mediaType: part.mediaType, size: data.length, data }
}

/** Exact match, `type/*` or `*\/*`. */
function acceptsMediaType(allowed: readonly string[], mediaType: string): boolean {
  const range = `${mediaType.slice(0, mediaType.indexOf('/'))}/*`
  return allowed.some((type) => type === mediaType || type === range || type === '*/*')
}
