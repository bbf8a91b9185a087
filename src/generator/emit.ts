/**
 * Writes the TypeScript files that tie a generation together: the handler interface, the
 * operations table with the route tree, the server entry and the validator modules. Source is
 * assembled with ts-morph; every spec string inside it comes from `literal`/`stringLiteral`.
 */

import { IndentationText, Project, QuoteKind, StructureKind, VariableDeclarationKind, type SourceFile } from 'ts-morph'

import type { PartInfo } from '../spec/multipart.js'
import type { OperationInfo } from '../spec/operations.js'
import { banner } from './banner.js'
import { identifier, IdentifierReference, LazyValidatorReference, literal, stringLiteral } from './literal.js'
import type { RouteNodeData } from './routes.js'
import type { CompiledModule } from './validators.js'
import { FORMATS_IDENTIFIER } from './validators.js'

/** One operation as the emitters see it: the spec data plus the names chosen for it. */
export interface PlannedOperation {
  info: OperationInfo
  /** Method name on the handlers object, a valid identifier. */
  handler: string
  /** Prefix of the exported type names, a valid identifier. */
  typeName: string
  /** Module (relative to generated/) and alias of the spec's openapi-typescript `paths`. */
  typesModule: string
  pathsAlias: string
  /** `lazy` validators come from a module the server imports after start-up (see runtime/lazy.ts). */
  bodyValidators: { mediaIndex: number; name: string; module: string; lazy?: boolean }[]
  /** The parts of each multipart media type of the request body, by media index. */
  bodyParts: (PartInfo[] | undefined)[]
  responseValidators: { status: string; mediaType: string; name: string; module: string }[]
  parameterValidator?: { name: string; module: string; lazy?: boolean }
  pathVariables: string[]
}

/** A webhook or callback request, with the name of its body validator. */
export interface PlannedOutgoing {
  kind: 'webhook' | 'callback'
  name: string
  info: OperationInfo
  validatorName: string
  module: string
  hasBody: boolean
}

function createProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  })
}

function print(file: SourceFile): string {
  return banner() + '\n' + file.getFullText().trimStart()
}

/** A comment-safe label: only characters that cannot end a comment or start code. */
function commentLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9/{}._~ -]/g, '?')
}

export function emitHandlers(operations: readonly PlannedOperation[]): string {
  const file = createProject().createSourceFile('handlers.ts')
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/types.js', namedImports: ['OperationRequest', 'OperationResponse'] })
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/server.js', namedImports: ['RequestContext'] })

  const typeModules = new Map<string, string>()
  for (const operation of operations) typeModules.set(operation.typesModule, operation.pathsAlias)
  for (const [module, alias] of [...typeModules.entries()].sort()) {
    file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: module, namedImports: [{ name: 'paths', alias }] })
  }

  // One insertion for all aliases: ts-morph rescans the file on every insertion, so adding
  // them one by one is quadratic in the number of operations.
  file.addTypeAliases(operations.flatMap((operation) => {
    const { info, typeName } = operation
    const label = commentLabel(`${info.method.toUpperCase()} ${info.path}`)
    return [
      {
        isExported: true,
        name: `${typeName}Operation`,
        type: `${operation.pathsAlias}[${stringLiteral(info.path)}][${stringLiteral(info.method)}]`,
        docs: [`The openapi-typescript operation type of ${label}.`],
      },
      { isExported: true, name: `${typeName}Request`, type: `OperationRequest<${typeName}Operation>` },
      { isExported: true, name: `${typeName}Response`, type: `OperationResponse<${typeName}Operation>` },
    ]
  }))

  file.addInterface({
    isExported: true,
    name: 'Handlers',
    docs: ['One method per operation. The return type lists exactly the responses the spec declares.'],
    methods: operations.map((operation) => ({
      kind: StructureKind.MethodSignature,
      name: operation.handler,
      docs: [commentLabel(`${operation.info.method.toUpperCase()} ${operation.info.path}`)],
      parameters: [
        { name: 'request', type: `${operation.typeName}Request` },
        { name: 'context', type: 'RequestContext' },
      ],
      returnType: `${operation.typeName}Response | Promise<${operation.typeName}Response>`,
    })),
  })

  return print(file)
}

/**
 * Writes operations.ts as text: the table runs to megabytes on large specs, and ts-morph would
 * parse all of it again after each insertion. Every spec string still goes through `literal`.
 */
export function emitOperations(operations: readonly PlannedOperation[], routes: RouteNodeData): string {
  const requestValidators = operations.flatMap((operation) => [...operation.bodyValidators, ...(operation.parameterValidator ? [operation.parameterValidator] : [])])
  const imports = new Map<string, string[]>()
  for (const validator of requestValidators.filter((candidate) => !candidate.lazy)) {
    imports.set(validator.module, [...(imports.get(validator.module) ?? []), identifier(validator.name).name])
  }

  // Lazy modules are imported when the server starts, not when this module loads.
  const lazyRequestModules = [...new Set(requestValidators.filter((validator) => validator.lazy).map((validator) => validator.module))].sort()
  const responseModules = [...new Set(operations.flatMap((operation) => operation.responseValidators.map((validator) => validator.module)))].sort()
  const moduleVariables = new Map([...lazyRequestModules, ...responseModules].map((module, index) => [module, identifier(`validatorModule${index}`)]))
  const moduleList = (modules: readonly string[]) => literal(modules.map((module) => moduleVariables.get(module)))

  const lines = [
    "import type { OperationDefinition, RouteNodeData } from './runtime/types.js'",
    ...[...imports.entries()].sort().map(([module, names]) => `import { ${names.sort().join(', ')} } from ${stringLiteral(module)}`),
    "import { LazyValidatorModule } from './runtime/lazy.js'",
    '',
    ...[...moduleVariables].map(([module, variable]) => `const ${variable.name} = new LazyValidatorModule(() => import(${stringLiteral(module)}))`),
    '',
    `export const requestValidatorModules: readonly LazyValidatorModule[] = ${moduleList(lazyRequestModules)}`,
    '',
    `export const responseValidatorModules: readonly LazyValidatorModule[] = ${moduleList(responseModules)}`,
    '',
    `export const operations: readonly OperationDefinition[] = ${literal(operations.map((operation) => operationData(operation, moduleVariables)))}`,
    '',
    `export const routes: RouteNodeData = ${literal(routes)}`,
  ]
  return `${banner()}\n${lines.join('\n')}\n`
}

/** Returns the imported validator, or one taken from its lazy module. */
function validatorReference(validator: { name: string; module: string; lazy?: boolean }, lazyModules: ReadonlyMap<string, IdentifierReference>): unknown {
  return validator.lazy ? new LazyValidatorReference(lazyModules.get(validator.module) as IdentifierReference, validator.name) : identifier(validator.name)
}

function operationData(operation: PlannedOperation, lazyModules: ReadonlyMap<string, IdentifierReference>): Record<string, unknown> {
  const { info } = operation
  const body = info.requestBody
  return {
    operationId: info.operationId,
    handler: operation.handler,
    method: info.method.toUpperCase(),
    path: info.path,
    specFile: info.spec.basename,
    schemaVersion: info.spec.infoVersion,
    pathVariables: operation.pathVariables,
    parameters: info.parameters.map((parameter) => ({
      name: parameter.name,
      in: parameter.in,
      required: parameter.required,
      style: parameter.style,
      explode: parameter.explode,
      shape: parameter.shape,
      allowReserved: parameter.allowReserved,
      allowEmptyValue: parameter.allowEmptyValue,
      contentType: parameter.contentType,
    })),
    validateParameters: operation.parameterValidator ? validatorReference(operation.parameterValidator, lazyModules) : undefined,
    requestBody: body === undefined
      ? undefined
      : {
          required: body.required,
          media: body.media.map((media, index) => {
            const validator = operation.bodyValidators.find((candidate) => candidate.mediaIndex === index)
            return {
              mediaType: media.mediaType,
              kind: media.kind,
              validate: validator ? validatorReference(validator, lazyModules) : undefined,
              parts: operation.bodyParts[index],
            }
          }),
        },
    responses: info.responses.map((response) => ({
      status: response.status,
      mediaTypes: response.mediaTypes,
      validators: operation.responseValidators
        .filter((validator) => validator.status === response.status)
        .map((validator) => ({ mediaType: validator.mediaType, validate: new LazyValidatorReference(lazyModules.get(validator.module) as IdentifierReference, validator.name) })),
    })),
    rateLimit: info.rateLimit,
    idempotency: info.idempotency,
    apiKeyHeaders: info.apiKeyHeaders,
    security: info.security,
  }
}

/**
 * Ajv's standalone code as a plain ES module, with a declaration file beside it. tsc takes the
 * types from the declarations and copies the JavaScript as is (`allowJs`), so it never infers
 * types from validator bodies, which for large specs run to tens of thousands of lines.
 */
export function emitValidatorModule(compiled: CompiledModule, runtimeImport: string): { code: string; declarations: string } {
  const lines = [banner().trimEnd(), `import { formats as ${FORMATS_IDENTIFIER} } from ${stringLiteral(`${runtimeImport}/formats.js`)}`]
  if (compiled.code.includes('require(')) {
    // Ajv's standalone ESM still loads its runtime helpers with require().
    lines.push("import { createRequire } from 'node:module'", 'const require = createRequire(import.meta.url)')
  }
  const code = `${lines.join('\n')}\n${compiled.code.replace(/^"use strict";\n?/, '')}\n`

  const declarations = [
    banner().trimEnd(),
    `import type { CompiledValidator } from ${stringLiteral(`${runtimeImport}/types.js`)}`,
    '',
    ...compiled.exports.map((name) => `export declare const ${name}: CompiledValidator`),
    '',
  ].join('\n')
  return { code, declarations }
}

export function emitServerEntry(): string {
  return `${banner()}
import type { Server } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'

import type { Handlers } from './handlers.js'
import { operations, requestValidatorModules, responseValidatorModules, routes } from './operations.js'
import {
  createRequestListener as createRuntimeListener,
  createServer as createRuntimeServer,
  type GeneratedApi,
  type ServerOptions,
} from './runtime/server.js'

export interface ContractsServerOptions extends ServerOptions {
  handlers: Handlers
}

/** The compiled operations and routes of every spec. */
export const api: GeneratedApi = { operations, routes, requestValidators: requestValidatorModules, responseValidators: responseValidatorModules }

/** A \`node:http\` server that routes, validates and calls \`options.handlers\`. Call \`listen\` on it. */
export function createServer(options: ContractsServerOptions): Server {
  return createRuntimeServer(api, options)
}

/** The request listener alone, to mount on a server of your own. */
export function createRequestListener(options: ContractsServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  return createRuntimeListener(api, options)
}
`
}

export function emitIndex(operations: readonly PlannedOperation[]): string {
  const typeNames = operations.flatMap((operation) => [`${operation.typeName}Request`, `${operation.typeName}Response`])
  return `${banner()}
export { api, createRequestListener, createServer, type ContractsServerOptions } from './server.js'
export { outgoing, validateOutgoing } from './outgoing.js'
export type { ${['Handlers', ...typeNames].join(', ')} } from './handlers.js'
export {
  ConfigError,
  createLogger,
  createRedisClient,
  defaultConfig,
  loadConfig,
  MemoryStore,
  Metrics,
  METRIC_NAMES,
  RedisStore,
  startServer,
  type ContractsConfig,
  type Credential,
  type Logger,
  type RunningServer,
  type StartOptions,
  type VerifyCredentials,
  type Problem,
  type ProblemCode,
  type ProblemDetail,
  type RequestContext,
  type Store,
  type UploadedFile,
} from './runtime/index.js'
`
}

/** The table of requests the API sends (webhooks, callbacks) with their body validators. */
export function emitOutgoing(entries: readonly PlannedOutgoing[]): string {
  const file = createProject().createSourceFile('outgoing.ts')
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/types.js', namedImports: ['OutgoingDefinition'] })
  file.addImportDeclaration({ moduleSpecifier: './runtime/outgoing.js', namedImports: ['checkOutgoing'] })
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './runtime/problem.js', namedImports: ['ProblemDetail'] })

  const imports = new Map<string, string[]>()
  for (const entry of entries.filter((candidate) => candidate.hasBody)) imports.set(entry.module, [...(imports.get(entry.module) ?? []), entry.validatorName])
  for (const [module, names] of [...imports.entries()].sort()) file.addImportDeclaration({ moduleSpecifier: module, namedImports: [...names].sort() })

  const table = entries.map((entry) => ({
    kind: entry.kind,
    name: entry.name,
    method: entry.info.method.toUpperCase(),
    specFile: entry.info.spec.basename,
    validate: entry.hasBody ? identifier(entry.validatorName) : undefined,
  }))
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['Webhooks and callbacks the specs declare: requests this API sends, so no routes.'],
    declarations: [{ name: 'outgoing', type: 'readonly OutgoingDefinition[]', initializer: literal(table) }],
  })
  file.addFunction({
    isExported: true,
    name: 'validateOutgoing',
    docs: ['Checks the body of an outgoing webhook or callback request; returns the violations, empty when valid.'],
    parameters: [{ name: 'name', type: 'string' }, { name: 'method', type: 'string' }, { name: 'body', type: 'unknown' }],
    returnType: 'ProblemDetail[]',
    statements: 'return checkOutgoing(outgoing, name, method, body)',
  })
  return print(file)
}
