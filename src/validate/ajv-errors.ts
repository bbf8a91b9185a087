/**
 * Picks the errors worth showing from what Ajv reports for one instance. With `allErrors`, a
 * value that fails a `oneOf` gets one error per alternative, most of them from alternatives the
 * author never meant. This module keeps the errors of the alternative that fits best and merges
 * the rest into one problem per node.
 */

import type { ErrorObject } from 'ajv'

import { describeProblem, type DescribeOptions, type SchemaProblem } from './ajv-messages.js'
import { knownProperties } from './known-properties.js'

/** Keywords whose failure only repeats the failures of their subschemas. */
const SUMMARY_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'then', 'else', '$ref', '$dynamicRef'])
const UNKNOWN_PROPERTY_KEYWORDS = new Set(['additionalProperties', 'unevaluatedProperties'])

/** Reduces Ajv's errors (from a validator compiled with `verbose`) to the problems a person should fix first. */
export function selectProblems(errors: readonly ErrorObject[], options: DescribeOptions = {}): SchemaProblem[] {
  let leaves = errors.filter((error) => !SUMMARY_KEYWORDS.has(error.keyword))
  leaves = dropReferenceAlternatives(leaves)
  leaves = dropMismatchedBranches(leaves)
  leaves = dropEvaluationEchoes(leaves, options.rootSchema)
  leaves = dropRedundantTypeErrors(leaves)
  leaves = dropConditionalRequired(leaves)

  const problems = mergeByNode(leaves, options)
  const kept = dropRequiredExplainedByTypo(problems)
  if (kept.length > 0) return kept

  const [first] = errors
  return first ? [describeProblem([first], options)] : []
}

function isUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`)
}

function parentPath(path: string): string {
  return path.slice(0, path.lastIndexOf('/'))
}

/**
 * Drops "must have required property '$ref'" where other errors exist below. A Reference Object
 * is one alternative of most OpenAPI 3.0 fields, so every non-reference error comes with it.
 */
function dropReferenceAlternatives(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((error) => {
    if (error.keyword !== 'required' || error.params.missingProperty !== '$ref') return true
    const others = errors.some((other) => other !== error && isUnder(other.instancePath, error.instancePath))
    return !others
  })
}

/** Returns the definition an error came from, e.g. `#/definitions/PathParameter`, when Ajv inlined it. */
function branchOf(error: ErrorObject): string | undefined {
  const match = /^#\/(?:definitions|\$defs)\/[^/]+/.exec(error.schemaPath)
  return match?.[0]
}

function isValueMismatch(error: ErrorObject): boolean {
  return error.keyword === 'enum' || error.keyword === 'const'
}

/**
 * Drops the errors of definitions whose discriminating field does not match. In a `oneOf` of
 * definitions distinguished by one field (the 3.0 parameters by `in`), every definition whose
 * value does not match reports that mismatch. When some definition matched the field, the
 * others were not meant.
 */
function dropMismatchedBranches(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>()

  for (const mismatch of errors.filter(isValueMismatch)) {
    const node = parentPath(mismatch.instancePath)
    const branch = branchOf(mismatch)
    if (branch === undefined) continue

    const related = errors.filter((error) => isUnder(error.instancePath, node) && branchOf(error) !== undefined)
    const mismatched = new Set(related.filter((error) => isValueMismatch(error) && parentPath(error.instancePath) === node).map(branchOf))
    const fitting = related.some((error) => !mismatched.has(branchOf(error)))
    if (!fitting) continue
    for (const error of related) if (mismatched.has(branchOf(error))) dropped.add(error)
  }

  return errors.filter((error) => !dropped.has(error))
}

/**
 * Drops "not allowed" errors for known fields next to a real error. When a subschema fails, the
 * properties it would have evaluated count as unevaluated. Errors for unknown fields stay.
 */
function dropEvaluationEchoes(errors: ErrorObject[], rootSchema: unknown): ErrorObject[] {
  return errors.filter((error) => {
    if (error.keyword !== 'unevaluatedProperties') return true
    const name = String(error.params.unevaluatedProperty)
    if (!knownProperties(error.parentSchema, rootSchema).has(name)) return true
    return !errors.some((other) => other.keyword !== 'unevaluatedProperties' && isUnder(other.instancePath, error.instancePath))
  })
}

/** Drops a type error beside a value error on the same node: `type: "strin"` fails both, and the value error is more precise. */
function dropRedundantTypeErrors(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((error) => {
    if (error.keyword !== 'type') return true
    const valueType = jsonType(error.data)
    return !errors.some((other) => other.instancePath === error.instancePath && isValueMismatch(other) && allowedValues(other).some((value) => jsonType(value) === valueType))
  })
}

/**
 * Drops `required` errors from `then` when the node also breaks a plain rule. For an empty
 * Responses Object, "needs at least one response" is clearer than "default is missing".
 */
function dropConditionalRequired(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((error) => {
    if (error.keyword !== 'required' || !error.schemaPath.includes('/then/')) return true
    return !errors.some((other) => other.instancePath === error.instancePath && other.keyword !== 'required')
  })
}

export function allowedValues(error: ErrorObject): unknown[] {
  if (error.keyword === 'const') return [error.params.allowedValue]
  return Array.isArray(error.params.allowedValues) ? error.params.allowedValues : []
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

/** Groups errors of the same kind about one node, so each group becomes one problem. */
function mergeByNode(errors: ErrorObject[], options: DescribeOptions): SchemaProblem[] {
  const groups = new Map<string, ErrorObject[]>()
  for (const error of errors) {
    const key = `${error.instancePath}\u0000${groupKind(error)}`
    groups.set(key, [...(groups.get(key) ?? []), error])
  }
  return [...groups.values()].map((group) => describeProblem(group, options))
}

function groupKind(error: ErrorObject): string {
  if (isValueMismatch(error)) return 'value'
  if (error.keyword === 'required') return isAlternative(error) ? 'required-one-of' : 'required'
  if (UNKNOWN_PROPERTY_KEYWORDS.has(error.keyword)) return `unknown:${String(error.params.additionalProperty ?? error.params.unevaluatedProperty)}`
  if (error.keyword === 'type') return 'type'
  return `${error.keyword}:${error.schemaPath}`
}

/** Returns whether the error comes from one alternative of a `oneOf` or `anyOf`. */
export function isAlternative(error: ErrorObject): boolean {
  return /\/(?:oneOf|anyOf)\/\d+\//.test(error.schemaPath)
}

/** Drops "paths is missing" next to "pathz is not allowed; did you mean paths?", because both report one typo. */
function dropRequiredExplainedByTypo(problems: SchemaProblem[]): SchemaProblem[] {
  const suggested = new Set(problems.filter((problem) => problem.suggestion !== undefined).map((problem) => `${parentPath(problem.pointer)}\u0000${problem.suggestion}`))
  return problems.filter((problem) => {
    if (problem.missing === undefined) return true
    return !problem.missing.some((name) => suggested.has(`${problem.pointer}\u0000${name}`))
  })
}
