/**
 * Compiles the request schemas of one spec into standalone Ajv modules. Two modules per spec,
 * because type coercion is an Ajv instance option: parameters arrive as strings and are
 * coerced, JSON bodies are validated exactly as sent.
 */

import { Ajv2020, _, Name } from 'ajv/dist/2020.js'
import type { AnySchema } from 'ajv'
import standalone from 'ajv/dist/standalone/index.js'
import { fullFormats } from 'ajv-formats/dist/formats.js'

import { ContractsError } from '../errors.js'
import type { SpecDocument } from '../spec/document.js'
import { UPLOAD_KEYWORD } from '../spec/multipart.js'
import { READ_ONLY_KEYWORD, WRITE_ONLY_KEYWORD } from '../spec/normalize.js'
import type { OperationInfo, ParameterInfo } from '../spec/operations.js'
import { followRefs, getAt, pointerToRef } from '../spec/pointer.js'
import { documentPointer } from '../spec/schema-document.js'

export interface CompiledModule {
  /** Standalone code, ready to be wrapped into a generated file. */
  code: string
  /** Export name for each compiled schema key. */
  exports: string[]
}

export interface ValidatorRequest {
  /** Export name; a valid identifier chosen by the generator. */
  name: string
  schema: AnySchema
  operation: OperationInfo
}

export type Direction = 'request' | 'response'

/** Base URI of a schema document inside Ajv; never seen outside the generator. */
export function documentId(spec: SpecDocument, direction: Direction = 'request'): string {
  return `https://contracts.invalid/specs/${encodeURIComponent(spec.basename)}/${direction}`
}

/** Ajv reads formats in generated code from this identifier; the file imports it from the runtime. */
export const FORMATS_IDENTIFIER = 'contractsFormats'

function createAjv(coerce: boolean, unknownFormats: ReadonlySet<string>): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    // Own properties only: a required `__proto__` or `constructor` is not satisfied by Object.prototype.
    ownProperties: true,
    coerceTypes: coerce ? 'array' : false,
    // Parameters and form fields the request leaves out take the schema's `default`.
    useDefaults: coerce,
    messages: false,
    unicodeRegExp: true,
    code: { source: true, esm: true, lines: true, formats: new Name(FORMATS_IDENTIFIER) },
    logger: false,
  })
  for (const [name, format] of Object.entries(fullFormats)) ajv.addFormat(name, format)
  for (const name of [...unknownFormats].sort()) ajv.addFormat(name, true)
  // Present properties fail these keywords; the runtime reports them as read-only or write-only.
  for (const keyword of [READ_ONLY_KEYWORD, WRITE_ONLY_KEYWORD]) {
    ajv.addKeyword({ keyword, schemaType: 'boolean', code: (context) => context.fail(_`true`) })
  }
  // A file part reaches the validator as an UploadedFile, the only value whose `data` is a Buffer.
  ajv.addKeyword({
    keyword: UPLOAD_KEYWORD,
    schemaType: 'boolean',
    code: (context) => context.fail(_`!(${context.data} && typeof ${context.data} == "object" && Buffer.isBuffer(${context.data}.data))`),
  })
  return ajv
}

export interface CompileOptions {
  coerce: boolean
  unknownFormats: ReadonlySet<string>
  /** The view of the schema document the requests refer to. */
  direction: Direction
}

/** Input of one compilation, as plain data, so that a worker thread can run it too. */
export interface CompileJob {
  /** The normalized schema documents, each with its `$id`. */
  documents: Record<string, unknown>[]
  requests: { name: string; schema: AnySchema }[]
  coerce: boolean
  unknownFormats: string[]
}

/** A schema Ajv could not compile: the index of its request and Ajv's message. */
export class CompileFailure extends Error {
  constructor(readonly requestIndex: number, message: string) {
    super(message)
  }
}

/** Compiles a job into one standalone module; throws a CompileFailure for a bad schema. */
export function runCompileJob(job: CompileJob): CompiledModule {
  if (job.requests.length === 0) return { code: '', exports: [] }
  const ajv = createAjv(job.coerce, new Set(job.unknownFormats))
  // The document is not checked against the meta-schema as a whole, so that a bad keyword
  // fails where a validator uses it, naming that operation.
  for (const document of job.documents) ajv.addSchema(document, undefined, undefined, false)

  const exportMap: Record<string, string> = {}
  job.requests.forEach((request, index) => {
    try {
      ajv.addSchema(request.schema, request.name)
      ajv.getSchema(request.name)
    } catch (error) {
      throw new CompileFailure(index, (error as Error).message)
    }
    exportMap[request.name] = request.name
  })
  return { code: standalone.default(ajv, exportMap), exports: job.requests.map((request) => request.name) }
}

/** Builds the job that compiles `requests` against the normalized schema documents of `spec`. */
export function compileJob(
  spec: SpecDocument,
  schemaDocuments: Record<Direction, Record<string, unknown>>,
  requests: readonly ValidatorRequest[],
  options: CompileOptions,
): CompileJob {
  // One view per module: both views hold the same `$id`s, which one Ajv instance cannot take twice.
  const { direction } = options
  return {
    documents: [{ ...schemaDocuments[direction], $id: documentId(spec, direction) }],
    requests: requests.map((request) => ({ name: request.name, schema: request.schema })),
    coerce: options.coerce,
    unknownFormats: [...options.unknownFormats].sort(),
  }
}

/** Turns a CompileFailure into an error that names the operation and points at it. */
export function compileError(spec: SpecDocument, requests: readonly ValidatorRequest[], failure: CompileFailure): ContractsError {
  const { operation } = requests[failure.requestIndex] as ValidatorRequest
  return new ContractsError('CONTRACTS_SCHEMA_COMPILE', `Cannot compile the schema of ${operation.method.toUpperCase()} ${operation.path}: ${failure.message}`, {
    location: spec.locate(operation.pointer),
    suggestions: ['Run `contracts validate-schemas` to find the offending keyword.'],
    cause: failure,
  })
}

/**
 * Compiles `requests` against the normalized schema documents of `spec`, in this thread.
 * Errors name the operation whose schema failed.
 */
export function compileValidators(
  spec: SpecDocument,
  schemaDocuments: Record<Direction, Record<string, unknown>>,
  requests: readonly ValidatorRequest[],
  options: CompileOptions,
): CompiledModule {
  try {
    return runCompileJob(compileJob(spec, schemaDocuments, requests, options))
  } catch (error) {
    if (error instanceof CompileFailure) throw compileError(spec, requests, error)
    throw error
  }
}

/** A reference into the request or response view of the schema document. */
export function schemaRef(spec: SpecDocument, pointer: string, direction: Direction = 'request'): AnySchema {
  return { $ref: `${documentId(spec, direction)}${pointerToRef(documentPointer(spec, pointer))}` }
}

/**
 * Copies the `default` of the schema at `pointer`, or of the schema its `$ref`s lead to, next to
 * the reference, because Ajv's `useDefaults` reads `default` only on the property schema itself.
 */
function withDefault(reference: AnySchema, spec: SpecDocument, pointer: string): AnySchema {
  const own = getAt(spec.root, pointer)
  const schema = hasDefault(own) ? own : followRefs(spec.root, own, pointer)?.value
  return hasDefault(schema) ? { ...(reference as object), default: schema.default } : reference
}

function hasDefault(schema: unknown): schema is { default: unknown } {
  return schema !== null && typeof schema === 'object' && Object.hasOwn(schema, 'default')
}

/**
 * The schema the parameter validator checks: `{ path, query, header, cookie }`, each an object
 * of the declared parameters. Unknown query parameters are allowed unless `rejectUnknownQuery`.
 */
export function parameterSchema(spec: SpecDocument, parameters: readonly ParameterInfo[]): AnySchema | undefined {
  if (parameters.length === 0) return undefined
  const locations = ['path', 'query', 'header', 'cookie'] as const
  const properties: [string, AnySchema][] = []

  for (const location of locations) {
    const members = parameters.filter((parameter) => parameter.in === location)
    if (members.length === 0) continue
    properties.push([
      location,
      {
        type: 'object',
        properties: Object.fromEntries(
          members.map((parameter) => [parameter.name, parameter.schemaPointer ? withDefault(schemaRef(spec, parameter.schemaPointer), spec, parameter.schemaPointer) : {}]),
        ),
        required: members.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      },
    ])
  }

  return { type: 'object', properties: Object.fromEntries(properties) }
}
