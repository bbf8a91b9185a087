/**
 * Reads what a multipart/form-data request body declares about its parts: which properties
 * are files, which parts carry JSON, which are text fields, and which may repeat. The
 * generator derives the runtime's part table, the validator schema and the handler types
 * from this one description.
 */

import type { SpecDocument } from './document.js'
import { mediaTypeEssence, schemaShape, type MediaInfo } from './operations.js'
import { followRefs, getAt, parsePointer, toPointer } from './pointer.js'

type Json = Record<string, unknown>

export type PartKind = 'file' | 'json' | 'text'

export interface PartInfo {
  /** Property name, which is the `name` of the part's Content-Disposition. */
  name: string
  kind: PartKind
  /** True when the property is an array, so every part with this name adds an item. */
  array: boolean
  /** Media types a file part may have, from `encoding.<name>.contentType`; undefined allows any. */
  mediaTypes?: string[]
}

/** Keyword that stands for a file in validator schemas; the compiled check accepts an UploadedFile. */
export const UPLOAD_KEYWORD = 'x-contracts-upload'

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isJsonEssence(essence: string): boolean {
  return essence === 'application/json' || essence.endsWith('+json')
}

/**
 * True for a schema of binary content: `format: binary` (the OpenAPI 3.0 form), or a
 * `contentMediaType` that is neither text nor JSON and has no `contentEncoding`, since a
 * base64-encoded value is sent as a text field.
 */
export function isFileSchema(schema: Json): boolean {
  if (schema.format === 'binary') return true
  if (typeof schema.contentMediaType !== 'string' || schema.contentEncoding !== undefined) return false
  const essence = mediaTypeEssence(schema.contentMediaType)
  return !essence.startsWith('text/') && !isJsonEssence(essence)
}

/** Splits `encoding.<name>.contentType`, a comma-separated list, into media types. */
function encodingTypes(spec: SpecDocument, media: MediaInfo, name: string): string[] | undefined {
  const encoding = getAt(spec.root, toPointer([...parsePointer(media.pointer), 'encoding', name]))
  if (!isObject(encoding) || typeof encoding.contentType !== 'string') return undefined
  const types = encoding.contentType.split(',').map(mediaTypeEssence).filter((type) => type !== '')
  return types.length === 0 ? undefined : types
}

/**
 * Describes the parts of a multipart media type from the `properties` of its schema, following
 * `$ref`s. A part is JSON when its encoding lists only JSON types, or when it has no encoding
 * contentType and its schema is an object, which is the OpenAPI default for objects.
 */
export function describeParts(spec: SpecDocument, media: MediaInfo): PartInfo[] {
  if (media.schemaPointer === undefined) return []
  const object = followRefs(spec.root, getAt(spec.root, media.schemaPointer), media.schemaPointer)?.value
  // NOTE: only the schema's own `properties` are read; file properties declared inside
  // allOf/oneOf branches are typed and validated as strings.
  if (!isObject(object) || !isObject(object.properties)) return []

  return Object.entries(object.properties).map(([name, property]) => {
    const schema = followRefs(spec.root, property, '')?.value
    const array = schemaShape(spec, schema) === 'array'
    const item = array && isObject(schema) ? followRefs(spec.root, schema.items, '')?.value : schema
    const mediaTypes = encodingTypes(spec, media, name)
    if (isObject(item) && isFileSchema(item)) return { name, kind: 'file', array, mediaTypes }

    const json = mediaTypes === undefined ? schemaShape(spec, item) === 'object' : mediaTypes.every(isJsonEssence)
    return { name, kind: json ? 'json' : 'text', array }
  })
}

/**
 * Rewrites the multipart schema at `schemaPointer` inside `root` (a whole document or the
 * normalized schema document) so that each file property, or the items of a file array, is
 * `fileSchema`. A `$ref`'d object schema is copied to the media type first, because the
 * component may also describe JSON bodies, where the same property is a string.
 */
export function replaceFileProperties(root: Json, schemaPointer: string, parts: readonly PartInfo[], fileSchema: Json): void {
  const files = parts.filter((part) => part.kind === 'file')
  const tokens = parsePointer(schemaPointer)
  const parent = getAt(root, toPointer(tokens.slice(0, -1)))
  const object = followRefs(root, getAt(root, schemaPointer), schemaPointer)?.value
  if (files.length === 0 || !isObject(parent) || !isObject(object) || !isObject(object.properties)) return

  const properties: Json = { ...object.properties }
  for (const part of files) {
    const property = followRefs(root, properties[part.name], '')?.value ?? properties[part.name]
    const replacement = part.array && isObject(property) ? { ...property, items: fileSchema } : fileSchema
    Object.defineProperty(properties, part.name, { value: replacement, enumerable: true, writable: true, configurable: true })
  }
  // The copy must not declare the component's identifiers a second time.
  const { $id: _id, $anchor: _anchor, $dynamicAnchor: _dynamicAnchor, ...copy } = object
  Object.defineProperty(parent, tokens[tokens.length - 1] as string, { value: { ...copy, properties }, enumerable: true, writable: true, configurable: true })
}
