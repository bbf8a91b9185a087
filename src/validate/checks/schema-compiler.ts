/**
 * The schemas of one document as `contracts generate` compiles them: normalized to JSON Schema
 * 2020-12 by `buildSchemaDocument`, once for requests and once for responses, and each view
 * added to an Ajv2020 instance as one document.
 */

import type { AnySchema, ValidateFunction } from 'ajv'
import { _, Ajv2020 } from 'ajv/dist/2020.js'
import { fullFormats } from 'ajv-formats/dist/formats.js'

import { DiagnosticSink, type Diagnostic } from '../../diagnostics.js'
import { ContractsError } from '../../errors.js'
import type { SpecDocument } from '../../spec/document.js'
import { buildSchemaDocument, normalizeSchema, READ_ONLY_KEYWORD, WRITE_ONLY_KEYWORD, type NormalizeContext } from '../../spec/normalize.js'
import { getAt, pointerToRef, toPointer } from '../../spec/pointer.js'
import { documentPointer, setDefinition } from '../../spec/schema-document.js'
import { walkDocumentSchemas } from '../../spec/walk.js'
import { isObject, type Json } from '../openapi-objects.js'
import { ruleDiagnostic } from '../rules.js'

export type Direction = 'request' | 'response'

export interface SchemaCompiler {
  spec: SpecDocument
  direction: Direction
  ajv: Ajv2020
  /** The `$id` the normalized document has inside Ajv. */
  uri: string
  /** The normalized schemas, laid out as in `contracts generate` (see spec/schema-document.ts). */
  document: Json
  /** Returns the normalized schema at `pointer`, a pointer into the spec. */
  schemaAt(pointer: string): unknown
  /** Pointers of top-level schemas the normalization rejected; they are missing from `document`. */
  failed: ReadonlySet<string>
  /** Compiles the normalized schema at `pointer`; throws what Ajv throws. */
  compileAt(pointer: string): ValidateFunction
}

export interface PreparedSchemas {
  request?: SchemaCompiler
  response?: SchemaCompiler
  /** Warnings of the normalization, such as `unknown-format`. */
  warnings: Diagnostic[]
  /** What the normalization rejected, as `schema-compile` errors. The checks often report it more precisely. */
  normalizationErrors: Diagnostic[]
}

export function prepareSchemas(spec: SpecDocument): PreparedSchemas {
  const sink = new DiagnosticSink()
  const unknownFormats = new Set<string>()
  const request = normalizeDocument({ spec, sink, unknownFormats, direction: 'request' })
  // The response view repeats the warnings and errors of the request view, so they are dropped.
  const response = normalizeDocument({ spec, sink: new DiagnosticSink(), unknownFormats, direction: 'response' })

  const prepared: PreparedSchemas = { warnings: sink.items, normalizationErrors: request.errors }
  try {
    prepared.request = createCompiler(spec, 'request', request, unknownFormats)
    prepared.response = createCompiler(spec, 'response', response, unknownFormats)
  } catch (error) {
    const message = `The schemas of this document cannot be loaded together: ${(error as Error).message}; give each $id and $anchor a unique value`
    prepared.normalizationErrors.push(ruleDiagnostic('schema-compile', message, spec.locate('')))
  }
  return prepared
}

interface NormalizedDocument {
  document: Json
  failed: Set<string>
  errors: Diagnostic[]
}

/**
 * `buildSchemaDocument` stops at the first schema it rejects. Then each schema is normalized
 * on its own, so one bad schema does not hide the problems of the others.
 */
function normalizeDocument(context: NormalizeContext): NormalizedDocument {
  try {
    return { document: buildSchemaDocument(context), failed: new Set(), errors: [] }
  } catch (error) {
    if (!(error instanceof ContractsError)) throw error
  }

  const definitions: Json = {}
  const result: NormalizedDocument = { document: { $defs: definitions }, failed: new Set(), errors: [] }
  walkDocumentSchemas(context.spec.root, (schema, tokens) => {
    try {
      setDefinition(definitions, tokens, normalizeSchema(schema, tokens, context))
    } catch (error) {
      if (!(error instanceof ContractsError)) throw error
      result.failed.add(toPointer(tokens))
      result.errors.push(ruleDiagnostic('schema-compile', error.message, error.location ?? { file: context.spec.file }))
    }
  })
  return result
}

/**
 * Creates Ajv with the options of src/generator/validators.ts that decide whether a schema
 * compiles and what it accepts: `strict: false`, `unicodeRegExp: true`, full formats, unknown
 * formats accepted, and the one-way property keywords failing. `verbose` only adds the data
 * to errors, for messages.
 */
function createAjv(unknownFormats: ReadonlySet<string>): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true, verbose: true, logger: false })
  for (const [name, format] of Object.entries(fullFormats)) ajv.addFormat(name, format)
  for (const name of unknownFormats) ajv.addFormat(name, true)
  for (const keyword of [READ_ONLY_KEYWORD, WRITE_ONLY_KEYWORD]) {
    ajv.addKeyword({ keyword, schemaType: 'boolean', code: (context) => context.fail(_`true`) })
  }
  return ajv
}

function createCompiler(spec: SpecDocument, direction: Direction, normalized: NormalizedDocument, unknownFormats: ReadonlySet<string>): SchemaCompiler {
  const ajv = createAjv(unknownFormats)
  const uri = `https://contracts.invalid/validate/${encodeURIComponent(spec.basename)}/${direction}`
  // Each schema is checked against the meta-schema on its own (see schemas.ts), with its position.
  ajv.addSchema({ ...normalized.document, $id: uri }, undefined, undefined, false)

  const compileAt = (pointer: string): ValidateFunction => ajv.compile({ $ref: `${uri}${pointerToRef(documentPointer(spec, pointer))}` } as AnySchema)
  const schemaAt = (pointer: string): unknown => getAt(normalized.document, documentPointer(spec, pointer))
  return { spec, direction, ajv, uri, document: normalized.document, schemaAt, failed: normalized.failed, compileAt }
}
