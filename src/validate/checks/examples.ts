/**
 * Examples must match their schemas: `example` and `examples` of media types, parameters and
 * headers against their `schema`, and `example` (3.0) or `examples` (3.1) inside a schema
 * against that schema. A mismatch is a warning, because the server never sends examples.
 */

import type { ValidateFunction } from 'ajv'

import type { Diagnostic } from '../../diagnostics.js'
import type { SpecDocument } from '../../spec/document.js'
import { getAt, parsePointer, toPointer } from '../../spec/pointer.js'
import { walkDocumentSchemas, walkSubschemas } from '../../spec/walk.js'
import { selectProblems } from '../ajv-errors.js'
import { entriesOf, followRefs, isObject } from '../openapi-objects.js'
import { ruleDiagnostic } from '../rules.js'
import type { Direction, PreparedSchemas, SchemaCompiler } from './schema-compiler.js'

interface Example {
  value: unknown
  /** Pointer of the example value. */
  pointer: string
  /** Pointer of the schema the value must match. */
  schemaPointer: string
}

export function checkExamples(spec: SpecDocument, prepared: PreparedSchemas): Diagnostic[] {
  const validators = new Map<string, ValidateFunction | undefined>()
  const validatorAt = (compiler: SchemaCompiler, pointer: string): ValidateFunction | undefined => {
    const key = `${compiler.direction} ${pointer}`
    if (!validators.has(key)) validators.set(key, tryCompile(compiler, pointer))
    return validators.get(key)
  }

  const diagnostics: Diagnostic[] = []
  for (const example of collectExamples(spec)) {
    const compilers = viewsFor(example.pointer).map((direction) => prepared[direction]).filter((compiler) => compiler !== undefined)
    const failures = compilers.map((compiler) => {
      const validate = validatorAt(compiler, example.schemaPointer)
      return validate && !safelyValid(validate, example.value) ? validate : undefined
    })
    const [failure] = failures
    if (failure && failures.every((item) => item !== undefined)) diagnostics.push(mismatchDiagnostic(spec, example, failure))
  }
  return diagnostics
}

/**
 * Chooses the views of a schema an example is checked against. The generated server checks
 * requests and responses against different views (readOnly properties may not be sent,
 * writeOnly ones may not be returned). A component schema serves both, so its examples pass
 * when either view accepts them.
 */
function viewsFor(examplePointer: string): Direction[] {
  const tokens = parsePointer(examplePointer)
  if (tokens.includes('responses') || tokens[1] === 'headers') return ['response']
  if (tokens[0] === 'components' && tokens[1] === 'schemas') return ['request', 'response']
  return ['request']
}

/** Undefined when the schema does not compile: the `schema-compile` rule reports that. */
function tryCompile(compiler: SchemaCompiler, pointer: string): ValidateFunction | undefined {
  try {
    return compiler.compileAt(pointer)
  } catch {
    return undefined
  }
}

/** Validates, counting a stack overflow as valid because `schema-compile` reports the schema that causes it. */
function safelyValid(validate: ValidateFunction, value: unknown): boolean {
  try {
    return validate(value) as boolean
  } catch (error) {
    if (error instanceof RangeError) return true
    throw error
  }
}

function collectExamples(spec: SpecDocument): Example[] {
  const { root, version } = spec
  const examples: Example[] = []

  walkDocumentSchemas(root, (schema, tokens) => {
    const schemaPointer = toPointer(tokens)
    if (tokens.at(-1) === 'schema') examples.push(...ownerExamples(root, toPointer(tokens.slice(0, -1)), schemaPointer))

    walkSubschemas(schema, tokens, (subschema, subTokens) => {
      if (!isObject(subschema)) return
      const pointer = toPointer(subTokens)
      if (subschema.example !== undefined) examples.push({ value: subschema.example, pointer: `${pointer}/example`, schemaPointer: pointer })
      if (version === '3.1' && Array.isArray(subschema.examples)) {
        subschema.examples.forEach((value, index) => examples.push({ value, pointer: `${pointer}/examples/${index}`, schemaPointer: pointer }))
      }
    })
  })
  return examples
}

/** Collects the `example` and `examples` beside a `schema` in a media type, parameter or header. */
function ownerExamples(root: Record<string, unknown>, ownerPointer: string, schemaPointer: string): Example[] {
  const owner = getAt(root, ownerPointer)
  if (!isObject(owner)) return []
  const examples: Example[] = []

  if (owner.example !== undefined) examples.push({ value: owner.example, pointer: `${ownerPointer}/example`, schemaPointer })
  for (const [name, raw] of entriesOf(owner.examples)) {
    const resolved = followRefs(root, raw, `${ownerPointer}/examples/${toPointer([name]).slice(1)}`)
    if (!resolved || !isObject(resolved.value) || !('value' in resolved.value)) continue
    examples.push({ value: resolved.value.value, pointer: `${resolved.pointer}/value`, schemaPointer })
  }
  return examples
}

function mismatchDiagnostic(spec: SpecDocument, example: Example, validate: ValidateFunction): Diagnostic {
  const nodeName = (pointer: string): string => (pointer === '' ? 'The example' : `The example's ${pointer}`)
  const [problem] = selectProblems(validate.errors ?? [], { nodeName })
  const detail = problem?.message ?? 'it does not match'
  const message = `${detail} (schema at ${example.schemaPointer}); correct the example or the schema`
  return ruleDiagnostic('invalid-example', message, spec.locate(example.pointer + (problem?.pointer ?? '')))
}
