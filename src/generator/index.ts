/**
 * `generate`: specs in, the files of `generated/` out, as data. Writing and checking them is
 * `output.ts`'s job, so `--check` runs exactly the same generation in memory.
 */

import { DiagnosticSink, type Diagnostic } from '../diagnostics.js'
import { ContractsError } from '../errors.js'
import { loadSpec, type SpecDocument } from '../spec/document.js'
import { describeParts, replaceFileProperties, UPLOAD_KEYWORD, type PartInfo } from '../spec/multipart.js'
import { buildSchemaDocument } from '../spec/normalize.js'
import { getAt, refToPointer } from '../spec/pointer.js'
import { documentPointer } from '../spec/schema-document.js'
import { collectOperations, collectOutgoing, isJsonMediaType, mediaTypeEssence, type OperationInfo } from '../spec/operations.js'
import { defaultConfig, type ContractsConfig } from '../../templates/runtime/config.js'
import { emitAlertRules } from './alerts.js'
import { banner } from './banner.js'
import { emitHandlers, emitIndex, emitOperations, emitOutgoing, emitServerEntry, emitValidatorModule, type PlannedOperation, type PlannedOutgoing } from './emit.js'
import { toCamelIdentifier, toPascalIdentifier, toSlug, uniqueName } from './identifiers.js'
import { buildRouteTree, pathVariables, routeKey } from './routes.js'
import { runtimeFiles } from './runtime-files.js'
import { generateTypes, type UploadSchema } from './types.js'
import { compileInWorker, workersAvailable } from './compile-worker.js'
import { CompileFailure, compileError, compileJob, compileValidators, parameterSchema, schemaRef, type CompiledModule, type ValidatorRequest } from './validators.js'

export interface GeneratedFile {
  /** Path relative to the output folder, with forward slashes. */
  path: string
  content: string
}

export interface GenerateResult {
  files: GeneratedFile[]
  diagnostics: Diagnostic[]
  specs: SpecDocument[]
  operationCount: number
  /** Each operation with the handler name chosen for it. */
  operations: { handler: string; info: OperationInfo }[]
}

interface PlannedSpec {
  spec: SpecDocument
  slug: string
  operations: PlannedOperation[]
  outgoing: PlannedOutgoing[]
}

export interface GenerateOptions {
  /** Server config whose monitoring thresholds go into the alert rules; defaults when absent. */
  config?: ContractsConfig
}

export async function generate(specFiles: readonly string[], options: GenerateOptions = {}): Promise<GenerateResult> {
  if (specFiles.length === 0) {
    throw new ContractsError('CONTRACTS_NO_SPECS', 'No OpenAPI documents to generate from', {
      suggestions: ['Put *.openapi.yaml files in schemas/, or pass --spec-dir DIR or --spec FILE.'],
    })
  }

  const sink = new DiagnosticSink()
  const specs = await Promise.all(specFiles.map((file) => loadSpec(file)))
  specs.sort((a, b) => (a.basename < b.basename ? -1 : a.basename > b.basename ? 1 : 0))

  const planned = planSpecs(specs, sink)
  const operations = planned.flatMap((entry) => entry.operations)
  const files: GeneratedFile[] = [...runtimeFiles()]

  const config = options.config ?? defaultConfig()
  for (const entry of planned) files.push(...(await emitSpec(entry, sink, config.validation.patternMaxLength)))

  files.push(
    { path: 'handlers.ts', content: emitHandlers(operations) },
    { path: 'operations.ts', content: emitOperations(operations, buildRouteTree(operations.map((operation) => operation.info))) },
    { path: 'server.ts', content: emitServerEntry() },
    { path: 'index.ts', content: emitIndex(operations) },
    { path: 'outgoing.ts', content: emitOutgoing(planned.flatMap((entry) => entry.outgoing)) },
    { path: 'monitoring/alerts.yaml', content: emitAlertRules(config) },
  )

  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {
    files,
    diagnostics: sink.items,
    specs,
    operationCount: operations.length,
    operations: operations.map((operation) => ({ handler: operation.handler, info: operation.info })),
  }
}

function planSpecs(specs: readonly SpecDocument[], sink: DiagnosticSink): PlannedSpec[] {
  const slugs = new Set<string>()
  const handlerNames = new Set<string>()
  const typeNames = new Set<string>()
  const routes = new Map<string, OperationInfo>()
  const operationIds = new Map<string, OperationInfo>()

  return specs.map((spec) => {
    const slug = uniqueName(toSlug(spec.basename), slugs)
    const pathsAlias = `${toPascalIdentifier(slug, 'Spec')}Paths`
    const operations = collectOperations(spec, sink).map((info) => {
      checkConflict(routes, routeKey(info.method, info.path), info, 'CONTRACTS_ROUTE_CONFLICT', `${info.method.toUpperCase()} ${info.path}`)
      checkConflict(operationIds, info.operationId, info, 'CONTRACTS_OPERATION_ID_CONFLICT', `operationId ${JSON.stringify(info.operationId)}`)

      const handler = uniqueName(toCamelIdentifier(info.operationId), handlerNames)
      return {
        info,
        handler,
        typeName: uniqueName(toPascalIdentifier(handler), typeNames),
        typesModule: `./specs/${slug}/types.js`,
        pathsAlias,
        bodyValidators: [],
        bodyParts: info.requestBody?.media.map((media) => (media.kind === 'multipart' || media.kind === 'form' ? describeParts(spec, media) : undefined)) ?? [],
        responseValidators: [],
        pathVariables: pathVariables(info.path),
      } satisfies PlannedOperation
    })
    const taken = new Set<string>()
    const outgoing = collectOutgoing(spec, sink, operations.map((operation) => operation.info)).map((entry) => ({
      ...entry,
      validatorName: uniqueName(`${entry.kind}${toPascalIdentifier(`${entry.name} ${entry.info.method}`)}Body`, taken),
      module: `./specs/${slug}/body-validators.js`,
      hasBody: entry.info.requestBody?.media.some((media) => media.kind === 'json' && media.schemaPointer !== undefined) ?? false,
    }))
    return { spec, slug, operations, outgoing }
  })
}

/** Collects the multipart media types with a schema and their parts, once per schema location. */
function multipartSchemas(operations: readonly PlannedOperation[]): UploadSchema[] {
  const bySchema = new Map<string, PartInfo[]>()
  for (const operation of operations) {
    operation.info.requestBody?.media.forEach((media, index) => {
      const parts = operation.bodyParts[index]
      // Form bodies have parts too, for their array fields, but never files.
      if (media.kind === 'multipart' && parts !== undefined && media.schemaPointer !== undefined) bySchema.set(media.schemaPointer, parts)
    })
  }
  return [...bySchema].map(([schemaPointer, parts]) => ({ schemaPointer, parts }))
}

function checkConflict(
  seen: Map<string, OperationInfo>,
  key: string,
  info: OperationInfo,
  code: 'CONTRACTS_ROUTE_CONFLICT' | 'CONTRACTS_OPERATION_ID_CONFLICT',
  what: string,
): void {
  const previous = seen.get(key)
  if (!previous) {
    seen.set(key, info)
    return
  }
  // An operationId conflict points at the operationId values, as validate-schemas does.
  const suffix = code === 'CONTRACTS_OPERATION_ID_CONFLICT' ? '/operationId' : ''
  const first = previous.spec.locate(previous.pointer + suffix)
  const second = info.spec.locate(info.pointer + suffix)
  throw new ContractsError(code, `${what} is defined twice: at ${previous.spec.file}:${first.line}:${first.column} and at ${info.spec.file}:${second.line}:${second.column}`, {
    location: second,
    suggestions: [code === 'CONTRACTS_ROUTE_CONFLICT'
      ? 'Keep the operation in one spec only, or give one of them another path.'
      : 'Give each operation a unique operationId.'],
  })
}

async function emitSpec(entry: PlannedSpec, sink: DiagnosticSink, patternMaxLength: number): Promise<GeneratedFile[]> {
  const { spec, slug, operations, outgoing: outgoingEntries } = entry
  const unknownFormats = new Set<string>()
  const schemaDocuments = {
    request: buildSchemaDocument({ spec, sink, unknownFormats, direction: 'request', patternMaxLength }),
    // The response view repeats every warning of the request view; a throwaway sink drops them.
    response: buildSchemaDocument({ spec, sink: new DiagnosticSink(), unknownFormats, direction: 'response', patternMaxLength }),
  }
  const uploads = multipartSchemas(operations)
  for (const { schemaPointer, parts } of uploads) replaceFileProperties(schemaDocuments.request, documentPointer(spec, schemaPointer), parts, { [UPLOAD_KEYWORD]: true })
  const folder = `specs/${slug}`
  const bodyModule = `./${folder}/body-validators.js`
  const parameterModule = `./${folder}/parameter-validators.js`
  const responseModule = `./${folder}/response-validators.js`

  const bodyRequests: ValidatorRequest[] = []
  const parameterRequests: ValidatorRequest[] = []
  const responseRequests: ValidatorRequest[] = []
  const responseValidatorNames = new Map<string, string>()
  for (const entry of outgoingEntries) {
    const media = entry.info.requestBody?.media.find((candidate) => candidate.kind === 'json' && candidate.schemaPointer !== undefined)
    if (media?.schemaPointer) bodyRequests.push({ name: entry.validatorName, schema: schemaRef(spec, media.schemaPointer), operation: entry.info })
  }
  for (const operation of operations) {
    operation.info.requestBody?.media.forEach((media, mediaIndex) => {
      if (!media.schemaPointer) return
      const name = `${operation.handler}Body${mediaIndex === 0 ? '' : mediaIndex + 1}`
      // Form and multipart fields arrive as strings, like parameters, so they go through the coercing instance.
      // NOTE: the JSON parts of a multipart body are coerced too, so "3" inside one passes as an integer.
      const fields = media.kind === 'form' || media.kind === 'multipart'
      const requests = fields ? parameterRequests : bodyRequests
      requests.push({ name, schema: schemaRef(spec, media.schemaPointer), operation: operation.info })
      operation.bodyValidators.push(fields ? { mediaIndex, name, module: parameterModule, lazy: true } : { mediaIndex, name, module: bodyModule })
    })

    for (const response of operation.info.responses) {
      response.schemas.forEach(({ mediaType, schemaPointer }, index) => {
        if (!isJsonMediaType(mediaTypeEssence(mediaType))) return
        // Responses shared between operations (errors, common resources) get one validator.
        const target = refTarget(spec, schemaPointer)
        let name = responseValidatorNames.get(target)
        if (name === undefined) {
          name = `${operation.handler}Response${toPascalIdentifier(response.status, 'Status')}${index === 0 ? '' : index + 1}`
          responseValidatorNames.set(target, name)
          responseRequests.push({ name, schema: schemaRef(spec, schemaPointer, 'response'), operation: operation.info })
        }
        operation.responseValidators.push({ status: response.status, mediaType, name, module: responseModule })
      })
    }

    const schema = parameterSchema(spec, operation.info.parameters)
    if (schema) {
      const name = `${operation.handler}Parameters`
      parameterRequests.push({ name, schema, operation: operation.info })
      operation.parameterValidator = { name, module: parameterModule, lazy: true }
    }
  }

  const modules = ([
    { requests: bodyRequests, coerce: false, direction: 'request', baseName: 'body-validators' },
    { requests: parameterRequests, coerce: true, direction: 'request', baseName: 'parameter-validators' },
    // Loaded after start-up (see runtime/lazy.ts): on large specs most validator code is here.
    { requests: responseRequests, coerce: false, direction: 'response', baseName: 'response-validators' },
  ] as const).filter((module) => module.requests.length > 0)
  // Workers first, so that Ajv compiles while this thread writes the types.
  const parallel = workersAvailable() && bodyRequests.length + parameterRequests.length + responseRequests.length >= WORKER_THRESHOLD
  const pending = parallel
    ? modules.map((module) => compileInWorker(compileJob(spec, schemaDocuments, module.requests, { coerce: module.coerce, direction: module.direction, unknownFormats })).catch((error: unknown) => error))
    : []

  const files: GeneratedFile[] = [{ path: `${folder}/types.ts`, content: banner() + '\n' + (await generateTypes(spec, sink, uploads, '../../runtime')) }]
  for (const [index, { requests, coerce, direction, baseName }] of modules.entries()) {
    const compiled = parallel ? await settleWorker(spec, requests, pending[index]) : compileValidators(spec, schemaDocuments, requests, { coerce, direction, unknownFormats })
    const module = emitValidatorModule(compiled, '../../runtime')
    files.push({ path: `${folder}/${baseName}.js`, content: module.code }, { path: `${folder}/${baseName}.d.ts`, content: module.declarations })
  }
  return files
}

// Below this many validators a worker's start-up costs more than it saves.
const WORKER_THRESHOLD = 200

async function settleWorker(spec: SpecDocument, requests: readonly ValidatorRequest[], pending: Promise<unknown> | undefined): Promise<CompiledModule> {
  const outcome = await pending
  if (outcome instanceof CompileFailure) throw compileError(spec, requests, outcome)
  if (outcome instanceof Error) throw outcome
  return outcome as CompiledModule
}

/**
 * Follows a schema that is nothing but an internal `$ref` to where the chain ends, so that
 * every schema that names the same component yields the same pointer.
 */
function refTarget(spec: SpecDocument, pointer: string): string {
  const seen = new Set<string>()
  let current = pointer
  while (!seen.has(current)) {
    seen.add(current)
    const schema = getAt(spec.root, current)
    if (schema === null || typeof schema !== 'object' || Object.keys(schema).length !== 1) break
    const next = typeof (schema as { $ref?: unknown }).$ref === 'string' ? refToPointer((schema as { $ref: string }).$ref) : undefined
    if (next === undefined) break
    current = next
  }
  return current
}
