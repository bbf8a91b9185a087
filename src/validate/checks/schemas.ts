/**
 * Each schema of the document must compile the way `contracts generate` compiles it. A keyword
 * that breaks the JSON Schema 2020-12 meta-schema, a pattern the `u` flag rejects, a `$ref` to
 * a node that is no schema and a `$ref` loop that never descends are reported where they are.
 */

import type { ErrorObject } from 'ajv'

import type { Diagnostic } from '../../diagnostics.js'
import { getAt, parsePointer, pointerToRef, refToPointer, toPointer } from '../../spec/pointer.js'
import { documentPointer, specPointer } from '../../spec/schema-document.js'
import { walkDocumentSchemas, walkSubschemas } from '../../spec/walk.js'
import { selectProblems } from '../ajv-errors.js'
import { isObject } from '../openapi-objects.js'
import { ruleDiagnostic } from '../rules.js'
import { checkPatterns } from './patterns.js'
import { findInPlaceCycle } from './ref-cycles.js'
import type { SchemaCompiler } from './schema-compiler.js'

/** Checks every top-level schema against the request view, which is what most validators compile. */
export function checkSchemas(compiler: SchemaCompiler): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  walkDocumentSchemas(compiler.spec.root, (schema, tokens) => {
    diagnostics.push(...checkSchema(compiler, schema, tokens))
  })
  return diagnostics
}

function checkSchema(compiler: SchemaCompiler, schema: unknown, tokens: readonly string[]): Diagnostic[] {
  const pointer = toPointer(tokens)
  const patterns = checkPatterns(compiler.spec, schema, tokens)
  if (patterns.length > 0) return patterns
  // The normalization rejected this schema and reported why, so there is nothing to compile.
  if (compiler.failed.has(pointer)) return []

  const keywordProblems = checkKeywords(compiler, pointer)
  if (keywordProblems.length > 0) return keywordProblems

  const found = findInPlaceCycle(compiler.document, documentPointer(compiler.spec, pointer))
  const cycle = found === undefined ? undefined : specPointer(found)
  if (cycle !== undefined) {
    const message = `Schema keyword \`$ref\`: ${pointer} reaches itself through ${cycle} without descending into a property or item, so validating any value never ends; move the $ref under properties or items, or remove it`
    return [ruleDiagnostic('schema-compile', message, compiler.spec.locate(cycle))]
  }

  try {
    compiler.compileAt(pointer)
    return []
  } catch (error) {
    return compileErrorDiagnostics(compiler, pointer, error)
  }
}

/** Checks the normalized schema against the JSON Schema 2020-12 meta-schema. */
function checkKeywords(compiler: SchemaCompiler, pointer: string): Diagnostic[] {
  const { spec, ajv } = compiler
  let errors: ErrorObject[]
  try {
    errors = ajv.validateSchema(withoutDialect(compiler.schemaAt(pointer))) ? [] : [...(ajv.errors ?? [])]
  } catch (error) {
    return [ruleDiagnostic('schema-compile', `The schema at ${pointer} cannot be checked: ${(error as Error).message}`, spec.locate(pointer))]
  }

  const nodeName = (relative: string): string => pointer + relative
  return selectProblems(errors, { nodeName }).map((problem) =>
    ruleDiagnostic('schema-compile', `Schema keyword \`${keywordOf(problem.pointer)}\`: ${problem.message}`, spec.locate(pointer + problem.pointer)),
  )
}

/**
 * Removes `$schema`, because the generated validators read every schema as JSON Schema 2020-12
 * whatever dialect it names. Ajv would otherwise look that dialect up and fail.
 */
function withoutDialect(schema: unknown): object {
  if (!isObject(schema)) return schema as object
  const { $schema: _dialect, ...rest } = schema
  return rest
}

/** Returns the keyword an error inside a schema is about: the last token that is not a property name. */
function keywordOf(relativePointer: string): string {
  const tokens = parsePointer(relativePointer)
  for (let index = tokens.length - 1; index >= 0; index--) {
    const token = tokens[index] as string
    const parent = tokens[index - 1]
    if (!/^\d+$/.test(token) && parent !== 'properties' && parent !== 'patternProperties' && parent !== '$defs') return token
  }
  return 'schema'
}

function compileErrorDiagnostics(compiler: SchemaCompiler, pointer: string, error: unknown): Diagnostic[] {
  // A bad pattern in a schema reached through $ref is reported where that schema is defined.
  if (error instanceof SyntaxError) return []

  const missingRef = (error as { missingRef?: unknown }).missingRef
  if (typeof missingRef === 'string') return missingRefDiagnostics(compiler, pointer, missingRef)

  return [ruleDiagnostic('schema-compile', `The schema at ${pointer} cannot be compiled: ${(error as Error).message}`, compiler.spec.locate(pointer))]
}

/**
 * A `$ref` to a node that exists but is no schema (say `#/info`) resolves in the document and
 * fails only here. A `$ref` to nothing at all is left to the `unresolved-ref` rule, and one to
 * a schema the normalization rejected to that rejection.
 */
function missingRefDiagnostics(compiler: SchemaCompiler, pointer: string, missingRef: string): Diagnostic[] {
  // A $ref to another file is bundled by `contracts generate` when it loads the spec; this check does not read other files.
  if (!missingRef.startsWith(`${compiler.uri}#`)) return []
  const documentTarget = refToPointer(missingRef.slice(missingRef.indexOf('#')))
  const target = documentTarget === undefined ? undefined : specPointer(documentTarget)
  if (target === undefined || getAt(compiler.spec.root, target) === undefined) return []
  const fragment = pointerToRef(target)
  if ([...compiler.failed].some((failed) => target === failed || target.startsWith(`${failed}/`))) return []

  const message = `Schema keyword \`$ref\`: ${JSON.stringify(fragment)} points to ${target}, which is not a schema; point it at a schema such as "#/components/schemas/Name"`
  return [ruleDiagnostic('schema-compile', message, compiler.spec.locate(refLocation(compiler, pointer, fragment) ?? pointer))]
}

/** Finds the `$ref` keyword inside the schema at `pointer` whose value is `fragment`. */
function refLocation(compiler: SchemaCompiler, pointer: string, fragment: string): string | undefined {
  let found: string | undefined
  walkSubschemas(getAt(compiler.spec.root, pointer), [], (schema, tokens) => {
    if (found === undefined && isObject(schema) && typeof schema.$ref === 'string' && refToPointer(schema.$ref) === refToPointer(fragment)) found = pointer + toPointer([...tokens, '$ref'])
  })
  return found
}
