/** TypeScript types for a spec, written by openapi-typescript. */

import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'

import type { DiagnosticSink } from '../diagnostics.js'
import { ContractsError } from '../errors.js'
import { mappingTarget } from '../spec/discriminator.js'
import type { SpecDocument } from '../spec/document.js'
import { replaceFileProperties, UPLOAD_KEYWORD, type PartInfo } from '../spec/multipart.js'
import { schemaArrayKeywords, schemaKeywords, schemaMapKeywords, walkDocumentSchemas } from '../spec/walk.js'
import { getAt, refToPointer, toPointer } from '../spec/pointer.js'
import { stringLiteral } from './literal.js'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * A copy of the document that openapi-typescript can take safely. It resolves any `$ref`
 * that is not a JSON pointer (`./x.json`, `#anchor`, URLs) by reading files and fetching URLs,
 * so those become `unknown` types here; the validators resolve them inside Ajv, which never
 * fetches. Boolean subschemas, which it cannot read, become their object forms.
 */
function documentForTypes(spec: SpecDocument, sink: DiagnosticSink): Json {
  const copy = structuredClone(spec.root)

  const sanitize = (schema: unknown, tokens: readonly string[]): unknown => {
    if (schema === true) return {}
    if (schema === false) return { not: {} }
    if (!isObject(schema)) return schema
    if (typeof schema.$ref === 'string' && (!schema.$ref.startsWith('#/') || !resolvesInDocument(spec, schema.$ref))) {
      sink.warn('untyped-ref', `$ref ${JSON.stringify(schema.$ref)} does not point into this document, so its TypeScript type is unknown; validation still follows it`, spec.locate(toPointer([...tokens, '$ref'])))
      delete schema.$ref
    }
    if (isObject(schema.discriminator)) schema.discriminator = qualifiedMapping(schema.discriminator)
    for (const keyword of schemaMapKeywords) {
      const map = schema[keyword]
      if (isObject(map)) for (const name of Object.keys(map)) map[name] = sanitize(map[name], [...tokens, keyword, name])
    }
    for (const keyword of [...schemaArrayKeywords, ...schemaKeywords]) {
      const value = schema[keyword]
      // openapi-typescript reads `additionalProperties: false` itself; elsewhere booleans crash it.
      if (typeof value === 'boolean' && (keyword === 'additionalProperties' || keyword === 'unevaluatedProperties')) continue
      if (Array.isArray(value)) schema[keyword] = value.map((item, index) => sanitize(item, [...tokens, keyword, String(index)]))
      else if (value !== undefined) schema[keyword] = sanitize(value, [...tokens, keyword])
    }
    return schema
  }

  walkDocumentSchemas(copy, (schema, tokens) => {
    const sanitized = sanitize(schema, tokens)
    if (sanitized !== schema) replaceAt(copy, tokens, sanitized)
  })
  return copy
}

/** openapi-typescript takes every mapping target for a `$ref`, so bare component names are qualified. */
function qualifiedMapping(discriminator: Json): Json {
  if (!isObject(discriminator.mapping)) return discriminator
  const mapping = Object.entries(discriminator.mapping).map(([value, target]) => [value, typeof target === 'string' ? mappingTarget(target) : target])
  return { ...discriminator, mapping: Object.fromEntries(mapping) }
}

function resolvesInDocument(spec: SpecDocument, ref: string): boolean {
  const pointer = refToPointer(ref)
  return pointer !== undefined && getAt(spec.root, pointer) !== undefined
}

function replaceAt(root: Json, tokens: readonly string[], value: unknown): void {
  let node: unknown = root
  for (const token of tokens.slice(0, -1)) node = isObject(node) || Array.isArray(node) ? (node as Json)[token] : undefined
  if (isObject(node) || Array.isArray(node)) (node as Json)[tokens[tokens.length - 1] as string] = value
}

/** A multipart media type's schema and its parts, whose file properties are typed as UploadedFile. */
export interface UploadSchema {
  schemaPointer: string
  parts: readonly PartInfo[]
}

/**
 * Writes the types of `spec`. File properties of multipart bodies become `UploadedFile`, which
 * the file imports from `runtimeImport`: they are marked in the copy given to openapi-typescript,
 * and its `transform` hook replaces the marked string schemas.
 */
export async function generateTypes(spec: SpecDocument, sink: DiagnosticSink, uploads: readonly UploadSchema[], runtimeImport: string): Promise<string> {
  const document = documentForTypes(spec, sink)
  for (const { schemaPointer, parts } of uploads) replaceFileProperties(document, schemaPointer, parts, { type: 'string', [UPLOAD_KEYWORD]: true })

  let usesUploads = false
  const transform = (schema: unknown): ts.TypeNode | undefined => {
    if (!isObject(schema) || schema[UPLOAD_KEYWORD] !== true) return undefined
    usesUploads = true
    return ts.factory.createTypeReferenceNode('UploadedFile')
  }

  try {
    const nodes = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { silent: true, alphabetize: false, transform })
    const types = astToString(nodes)
    return usesUploads ? `import type { UploadedFile } from ${stringLiteral(`${runtimeImport}/types.js`)}\n\n${types}` : types
  } catch (error) {
    throw new ContractsError('CONTRACTS_TYPES', `openapi-typescript failed on ${spec.file}: ${(error as Error).message}`, {
      location: { file: spec.file },
      cause: error,
    })
  }
}
