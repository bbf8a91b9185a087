/**
 * The rules `contracts validate-schemas` checks. Rule ids are stable: CI scripts filter on them
 * and the JSON output carries them, so an id is never reused for another meaning. Warnings of
 * the schema normalization that `contracts generate` shares (such as `unknown-format`) are
 * reported too, under the ids that src/spec/normalize.ts gives them.
 */

import type { Diagnostic } from '../diagnostics.js'
import type { SourceLocation } from '../errors.js'

type Severity = Diagnostic['severity']

export const validationRules = {
  'read-error': { severity: 'error', summary: 'The file cannot be read' },
  'parse-error': { severity: 'error', summary: 'The file is not valid YAML or JSON' },
  'openapi-version': { severity: 'error', summary: 'The `openapi` field is missing or names a version other than 3.0.x or 3.1.x' },
  'openapi-schema': { severity: 'error', summary: 'The document breaks the official OpenAPI meta-schema of its version' },
  'duplicate-operation-id': { severity: 'error', summary: 'Two operations share one operationId, within a file or across the files given' },
  'path-parameter-missing': { severity: 'error', summary: 'A path template variable has no `in: path` parameter' },
  'path-parameter-unused': { severity: 'error', summary: 'An `in: path` parameter names no variable of its path template' },
  'path-parameter-not-required': { severity: 'error', summary: 'An `in: path` parameter lacks `required: true`' },
  'equivalent-paths': { severity: 'error', summary: 'Two path templates differ only in variable names' },
  'duplicate-parameter': { severity: 'error', summary: 'One parameter list declares the same name and location twice' },
  'unresolved-ref': { severity: 'error', summary: 'A `$ref` points to nothing in its document, or to a file that does not exist' },
  'schema-compile': { severity: 'error', summary: 'A schema cannot be compiled by the validators `contracts generate` builds' },
  'invalid-example': { severity: 'warning', summary: 'An example does not match its schema' },
} as const satisfies Record<string, { severity: Severity; summary: string }>

export type RuleId = keyof typeof validationRules

/** Creates a diagnostic of `rule`, with the severity the rule has. */
export function ruleDiagnostic(rule: RuleId, message: string, location: SourceLocation): Diagnostic {
  return { severity: validationRules[rule].severity, rule, message, location }
}
