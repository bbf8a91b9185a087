/**
 * Types shared by the generated tables and the runtime. The generator writes data that
 * satisfies these interfaces; nothing here reads a spec.
 */

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie'
export type ValueShape = 'primitive' | 'array' | 'object'
export type BodyKind = 'json' | 'text' | 'form' | 'multipart'

/** Ajv's error object, the subset the runtime reads. */
export interface ValidationIssue {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

/** A precompiled Ajv validator. */
export interface CompiledValidator {
  (data: unknown): boolean
  errors?: ValidationIssue[] | null
}

export interface ParameterDefinition {
  name: string
  in: ParameterLocation
  required: boolean
  style: string
  explode: boolean
  shape: ValueShape
  allowReserved: boolean
  allowEmptyValue: boolean
  /** Set when the parameter is declared with `content`; JSON types are parsed before validation. */
  contentType?: string
}

export interface MediaDefinition {
  mediaType: string
  kind: BodyKind
  validate?: CompiledValidator
  /** The properties of a multipart schema. A part of another name is a file when it has a filename or is application/octet-stream, else text. */
  parts?: readonly PartDefinition[]
}

/** The rule that turns one named part of a multipart body into a value of the handler's body object. */
export interface PartDefinition {
  name: string
  /** `file` gives an UploadedFile, `json` a parsed JSON value, `text` a string. */
  kind: 'file' | 'json' | 'text'
  /** True when the schema declares an array, so every part with this name adds an item. */
  array: boolean
  /** Media types a file part may have (`type/*` and `*\/*` allowed); absent allows any. */
  mediaTypes?: readonly string[]
}

/** A file part of a multipart/form-data request body, read into memory within the configured limits. */
export interface UploadedFile {
  /** File name the client sent, without folders; undefined when the part has none. */
  filename: string | undefined
  /** Media type of the part, lower-cased without parameters; `text/plain` when the part declares none (RFC 7578). */
  mediaType: string
  /** Length of `data` in bytes. */
  size: number
  data: Buffer
}

export interface ResponseDefinition {
  status: string
  mediaTypes: readonly string[]
  /** Validators of the JSON media types that declare a schema. */
  validators?: readonly { mediaType: string; validate: CompiledValidator }[]
}

export interface OperationDefinition {
  operationId: string
  /** Name of the method on the handlers object. */
  handler: string
  method: string
  path: string
  specFile: string
  /** `info.version` of the operation's spec, sent as X-Schema-Version. */
  schemaVersion: string
  /** Names of the path variables in the order they appear in the path. */
  pathVariables: readonly string[]
  parameters: readonly ParameterDefinition[]
  validateParameters?: CompiledValidator
  requestBody?: { required: boolean; media: readonly MediaDefinition[] }
  responses: readonly ResponseDefinition[]
  /** From `x-rate-limit`; the config file wins over it. */
  rateLimit?: { limit: number; windowSeconds: number }
  /** From `x-idempotency`; POST and PATCH default to optional, other methods are never idempotent here. */
  idempotency?: 'required' | 'optional' | 'disabled'
  /** Lower-case header names of the spec's apiKey security schemes, for client identity. */
  apiKeyHeaders: readonly string[]
  /** Security requirements: any one list (OR) whose schemes are all present (AND) admits. */
  security: readonly (readonly SecuritySchemeDefinition[])[]
}

export interface SecuritySchemeDefinition {
  name: string
  kind: 'apiKey' | 'bearer' | 'basic'
  in?: 'header' | 'query' | 'cookie'
  parameter?: string
}

/** A webhook or callback request the API sends, with its body validator. */
export interface OutgoingDefinition {
  kind: 'webhook' | 'callback'
  /** Webhook name, or `operationId/callbackName` for a callback. */
  name: string
  method: string
  specFile: string
  validate?: CompiledValidator
}

/** A node of the route tree: static children, templated children, and the operations here. */
export interface RouteNodeData {
  static?: readonly (readonly [string, RouteNodeData])[]
  params?: readonly RouteParamData[]
  /** Method to index into the operations table. */
  methods?: readonly (readonly [string, number])[]
}

export interface RouteParamData {
  /** Regular expression for a segment that mixes text and variables, e.g. `{name}.{ext}`. */
  pattern?: string
  node: RouteNodeData
}

// ---- Types the generated handler interface is built from ----

type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : never

/** The typed request body of an openapi-typescript operation; undefined when it may be absent. */
export type BodyOf<O> = O extends { requestBody: infer R }
  ? ContentOf<R>
  : O extends { requestBody?: infer R }
    ? ContentOf<NonNullable<R>> | undefined
    : undefined

type LocatedParameters<O, L extends string> = O extends { parameters: infer P }
  ? P extends { [K in L]: infer V }
    ? NonNullable<V>
    : P extends { [K in L]?: infer V }
      ? [NonNullable<V>] extends [never]
        ? Record<string, never>
        : Partial<NonNullable<V>>
      : Record<string, never>
  : Record<string, never>

export interface OperationRequest<O> {
  body: BodyOf<O>
  /** Media type the client sent, lower-cased without parameters; undefined without a body. */
  contentType: string | undefined
  path: LocatedParameters<O, 'path'>
  query: LocatedParameters<O, 'query'>
  headers: LocatedParameters<O, 'header'>
  cookies: LocatedParameters<O, 'cookie'>
}

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9
type StatusRange<H extends number> = `${H}${Digit}${Digit}` extends `${infer N extends number}` ? N : never

type StatusOf<S> = S extends number
  ? S
  : S extends `${infer N extends number}`
    ? N
    : S extends `${infer H extends 1 | 2 | 3 | 4 | 5}XX`
      ? StatusRange<H>
      : S extends 'default'
        ? number
        : never

export type ResponseHeaders = Record<string, string | number | readonly string[]>

type ResponseFor<S, R> = R extends { content: infer C }
  ? { [M in keyof C]: { status: StatusOf<S>; body: C[M]; contentType?: M; headers?: ResponseHeaders } }[keyof C]
  : { status: StatusOf<S>; body?: undefined; headers?: ResponseHeaders }

/** Every response the spec declares for an operation, as `{ status, body }` pairs. */
export type OperationResponse<O> = O extends { responses: infer R }
  ? { [S in keyof R]: ResponseFor<S, R[S]> }[keyof R]
  : never
