/**
 * `validateSpecFiles`: OpenAPI files in, a report of every problem out, as data. The command
 * `contracts validate-schemas` prints it, and other commands can call it in-process.
 */

import { readFile } from 'node:fs/promises'

import { DiagnosticSink, type Diagnostic } from '../diagnostics.js'
import { ContractsError, formatLocation, type ErrorCode } from '../errors.js'
import { parseSpec, type SpecDocument } from '../spec/document.js'
import { checkExamples } from './checks/examples.js'
import { checkOperationIds } from './checks/operation-ids.js'
import { checkDuplicateParameters } from './checks/parameters.js'
import { checkEquivalentPaths, checkPathParameters, checkRoutesAcrossSpecs } from './checks/path-templates.js'
import { checkRefs } from './checks/refs.js'
import { prepareSchemas } from './checks/schema-compiler.js'
import { checkSchemas } from './checks/schemas.js'
import { checkMetaSchema } from './meta-schema.js'
import { ruleDiagnostic, type RuleId } from './rules.js'

export { validationRules, type RuleId } from './rules.js'

export interface FileReport {
  file: string
  /** Size in bytes; absent when the file could not be read. */
  bytes?: number
  /** Number of top-level keys; absent when the file could not be parsed. */
  rootKeys?: number
  /** The `openapi` field, e.g. 3.1.0; absent when the file could not be parsed. */
  openapi?: string
  errors: number
  warnings: number
}

export interface ValidationReport {
  files: FileReport[]
  /** Every problem, ordered by file as given, then by position. */
  diagnostics: Diagnostic[]
  errorCount: number
  warningCount: number
}

/** Validates each file on its own, then the rules that span files (operationIds, routes). */
export async function validateSpecFiles(files: readonly string[]): Promise<ValidationReport> {
  if (files.length === 0) {
    throw new ContractsError('CONTRACTS_NO_SPECS', 'No OpenAPI documents to validate', {
      suggestions: ['Put *.openapi.yaml files in schemas/, or pass --spec-dir DIR or --spec FILE.'],
    })
  }

  const uniqueFiles = [...new Set(files)]
  const loaded = await Promise.all(uniqueFiles.map((file) => loadForValidation(file)))
  const specs = loaded.flatMap((entry) => (entry.spec ? [entry.spec] : []))

  const diagnostics = [
    ...loaded.flatMap((entry) => entry.diagnostics),
    ...specs.flatMap((spec) => checkSpec(spec)),
    ...checkOperationIds(specs),
    ...checkRoutesAcrossSpecs(specs),
  ]
  return buildReport(uniqueFiles, loaded, dropEchoedMetaSchemaErrors(diagnostics))
}

/** Checks the rules that need one document only. */
export function checkSpec(spec: SpecDocument): Diagnostic[] {
  const diagnostics = [
    ...checkMetaSchema(spec),
    ...checkPathParameters(spec),
    ...checkEquivalentPaths(spec),
    ...checkDuplicateParameters(spec),
    ...checkRefs(spec),
  ]

  const prepared = prepareSchemas(spec)
  diagnostics.push(...prepared.warnings)
  if (prepared.request) diagnostics.push(...checkSchemas(prepared.request))
  diagnostics.push(...checkExamples(spec, prepared))

  // The normalization stops at the first problem of a schema, which a check above usually names more precisely.
  const located = new Set(diagnostics.filter((item) => item.severity === 'error').map((item) => formatLocation(item.location)))
  diagnostics.push(...prepared.normalizationErrors.filter((item) => !located.has(formatLocation(item.location))))
  return diagnostics
}

interface LoadedFile {
  file: string
  bytes?: number
  spec?: SpecDocument
  diagnostics: Diagnostic[]
}

const RULE_OF_LOAD_ERROR: Partial<Record<ErrorCode, RuleId>> = {
  CONTRACTS_SPEC_PARSE: 'parse-error',
  CONTRACTS_SPEC_VERSION: 'openapi-version',
  CONTRACTS_SPEC_INVALID: 'openapi-schema',
}

/** Reads and parses one file; what stops it becomes a diagnostic, so other files still get checked. */
async function loadForValidation(file: string): Promise<LoadedFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    return { file, diagnostics: [ruleDiagnostic('read-error', `Cannot read ${file}: ${(error as Error).message}; check the path and its permissions`, { file })] }
  }

  const bytes = Buffer.byteLength(text)
  try {
    return { file, bytes, spec: parseSpec(file, text, { requireInfoVersion: false }), diagnostics: [] }
  } catch (error) {
    if (!(error instanceof ContractsError)) throw error
    const rule = RULE_OF_LOAD_ERROR[error.code] ?? 'parse-error'
    const suggestion = error.suggestions[0]?.replace(/\.$/, '')
    const fix = suggestion === undefined ? '' : `; ${suggestion.charAt(0).toLowerCase()}${suggestion.slice(1)}`
    return { file, bytes, diagnostics: [ruleDiagnostic(rule, `${error.message.replace(/\.$/, '')}${fix}`, error.location ?? { file })] }
  }
}

/**
 * Drops meta-schema errors at positions a specific rule (such as `path-parameter-not-required`)
 * already reports, and keeps identical diagnostics once.
 */
function dropEchoedMetaSchemaErrors(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const specific = new Set(diagnostics.filter((item) => item.rule !== 'openapi-schema').map((item) => formatLocation(item.location)))
  const sink = new DiagnosticSink()
  for (const item of diagnostics) {
    if (item.rule === 'openapi-schema' && specific.has(formatLocation(item.location))) continue
    sink.add(item)
  }
  return sink.items
}

function buildReport(files: readonly string[], loaded: readonly LoadedFile[], diagnostics: Diagnostic[]): ValidationReport {
  const order = new Map(files.map((file, index) => [file, index]))
  diagnostics.sort((a, b) =>
    (order.get(a.location.file) ?? 0) - (order.get(b.location.file) ?? 0)
    || (a.location.line ?? 0) - (b.location.line ?? 0)
    || (a.location.column ?? 0) - (b.location.column ?? 0))

  const reports = loaded.map((entry): FileReport => {
    const own = diagnostics.filter((item) => item.location.file === entry.file)
    return {
      file: entry.file,
      bytes: entry.bytes,
      rootKeys: entry.spec ? Object.keys(entry.spec.root).length : undefined,
      openapi: entry.spec?.openapi,
      errors: own.filter((item) => item.severity === 'error').length,
      warnings: own.filter((item) => item.severity === 'warning').length,
    }
  })

  const errorCount = diagnostics.filter((item) => item.severity === 'error').length
  return { files: reports, diagnostics, errorCount, warningCount: diagnostics.length - errorCount }
}
