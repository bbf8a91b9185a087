/**
 * Path templates against their parameters: each `{variable}` needs a required `in: path`
 * parameter and each such parameter a variable, and no two templates may differ only in
 * variable names, because a request would match both.
 */

import type { Diagnostic } from '../../diagnostics.js'
import { formatLocation, type SourceLocation } from '../../errors.js'
import type { SpecDocument } from '../../spec/document.js'
import { toPointer } from '../../spec/pointer.js'
import { entriesOf, followRefs, isObject, operationsOf, parameterKey, parametersOf, type Json, type ParameterEntry } from '../openapi-objects.js'
import { ruleDiagnostic } from '../rules.js'

const VARIABLE = /\{([^{}]*)\}/g

export function templateVariables(pathKey: string): string[] {
  return [...pathKey.matchAll(VARIABLE)].map((match) => match[1] as string)
}

/** `/pets/{id}` and `/pets/{petId}` have the same shape. */
export function templateShape(pathKey: string): string {
  return pathKey.replace(VARIABLE, '{}')
}

/** Lists the path items under `paths`, with `$ref`s followed. */
function pathItems(spec: SpecDocument): { pathKey: string; item: Json; pointer: string }[] {
  const items: { pathKey: string; item: Json; pointer: string }[] = []
  for (const [pathKey, raw] of entriesOf(spec.root.paths)) {
    const resolved = followRefs(spec.root, raw, toPointer(['paths', pathKey]))
    if (resolved && isObject(resolved.value)) items.push({ pathKey, item: resolved.value, pointer: resolved.pointer })
  }
  return items
}

export function checkPathParameters(spec: SpecDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const { pathKey, item, pointer } of pathItems(spec)) {
    const pathLevel = parametersOf(spec.root, item.parameters, `${pointer}/parameters`)
    for (const [method, operation, operationPointer] of operationsOf(item, pointer)) {
      const operationLevel = parametersOf(spec.root, operation.parameters, `${operationPointer}/parameters`)
      const pathParameters = mergeParameters(pathLevel, operationLevel).filter((parameter) => parameter.in === 'path')
      const context = { spec, pathKey, label: `${method.toUpperCase()} ${pathKey}`, operationPointer }
      diagnostics.push(...checkOperationPathParameters(context, pathParameters))
    }
  }
  return diagnostics
}

/** Operation-level parameters replace path-level ones with the same name and location. */
function mergeParameters(pathLevel: readonly ParameterEntry[], operationLevel: readonly ParameterEntry[]): ParameterEntry[] {
  const overridden = new Set(operationLevel.map(parameterKey))
  return [...pathLevel.filter((parameter) => !overridden.has(parameterKey(parameter))), ...operationLevel]
}

interface OperationContext {
  spec: SpecDocument
  pathKey: string
  /** `GET /pets/{id}`, for messages. */
  label: string
  operationPointer: string
}

function checkOperationPathParameters(context: OperationContext, parameters: readonly ParameterEntry[]): Diagnostic[] {
  const { spec, pathKey, label, operationPointer } = context
  const variables = templateVariables(pathKey)
  const declared = new Set(parameters.map((parameter) => parameter.name))
  const diagnostics: Diagnostic[] = []

  for (const variable of variables.filter((name) => !declared.has(name))) {
    diagnostics.push(ruleDiagnostic(
      'path-parameter-missing',
      `Path variable {${variable}} of ${label} has no \`in: path\` parameter; add {name: ${variable}, in: path, required: true, schema: {type: string}} to the parameters of the operation or of its path`,
      spec.locate(operationPointer),
    ))
  }

  for (const parameter of parameters) {
    if (!variables.includes(parameter.name)) {
      const known = variables.length === 0 ? 'the path has no variables' : `its variables are ${variables.map((name) => `{${name}}`).join(', ')}`
      diagnostics.push(ruleDiagnostic(
        'path-parameter-unused',
        `Parameter ${JSON.stringify(parameter.name)} of ${label} is \`in: path\`, but ${pathKey} has no {${parameter.name}} (${known}); rename it to match a variable or remove it`,
        spec.locate(parameter.entryPointer),
      ))
    }
    if (parameter.required !== true) {
      const pointer = parameter.required === undefined ? parameter.pointer : `${parameter.pointer}/required`
      diagnostics.push(ruleDiagnostic(
        'path-parameter-not-required',
        `Path parameter ${JSON.stringify(parameter.name)} has required: ${JSON.stringify(parameter.required ?? false)}, but a path variable is always present; set required: true`,
        spec.locate(pointer),
      ))
    }
  }
  return diagnostics
}

/** Templates of one file that differ only in variable names, whatever their methods. */
export function checkEquivalentPaths(spec: SpecDocument): Diagnostic[] {
  const firstByShape = new Map<string, { pathKey: string; location: SourceLocation }>()
  const diagnostics: Diagnostic[] = []

  for (const pathKey of Object.keys(isObject(spec.root.paths) ? spec.root.paths : {})) {
    const location = spec.locate(toPointer(['paths', pathKey]))
    const first = firstByShape.get(templateShape(pathKey))
    if (!first) {
      firstByShape.set(templateShape(pathKey), { pathKey, location })
      continue
    }
    diagnostics.push(ruleDiagnostic(
      'equivalent-paths',
      `${pathKey} differs from ${first.pathKey} (line ${first.location.line}) only in variable names, so every request matches both; merge them into one path`,
      location,
    ))
  }
  return diagnostics
}

/**
 * `contracts generate` serves all files from one router, so the same method on equivalent
 * templates in two files conflicts as well.
 */
export function checkRoutesAcrossSpecs(specs: readonly SpecDocument[]): Diagnostic[] {
  const firstByRoute = new Map<string, { spec: SpecDocument; pathKey: string; location: SourceLocation }>()
  const diagnostics: Diagnostic[] = []

  for (const spec of specs) {
    for (const { pathKey, item, pointer } of pathItems(spec)) {
      for (const [method, , operationPointer] of operationsOf(item, pointer)) {
        const route = `${method.toUpperCase()} ${templateShape(pathKey)}`
        const location = spec.locate(operationPointer)
        const first = firstByRoute.get(route)
        if (!first) {
          firstByRoute.set(route, { spec, pathKey, location })
          continue
        }
        if (first.spec === spec) continue
        const spelled = first.pathKey === pathKey ? '' : ` as ${first.pathKey}`
        diagnostics.push(ruleDiagnostic(
          'equivalent-paths',
          `${method.toUpperCase()} ${pathKey} is also defined at ${formatLocation(first.location)}${spelled}, and one server routes all files; keep the operation in one file`,
          location,
        ))
      }
    }
  }
  return diagnostics
}
