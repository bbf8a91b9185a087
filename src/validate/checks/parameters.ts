/** A parameter list may declare each (name, in) pair once; header names compare case-insensitively. */

import type { Diagnostic } from '../../diagnostics.js'
import type { SpecDocument } from '../../spec/document.js'
import { forEachPathItem, operationsOf, parameterKey, parametersOf, type ParameterEntry } from '../openapi-objects.js'
import { ruleDiagnostic } from '../rules.js'

export function checkDuplicateParameters(spec: SpecDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = []

  forEachPathItem(spec.root, ({ item, pointer, viaRef }) => {
    if (viaRef) return
    const lists: [unknown, string][] = [[item.parameters, `${pointer}/parameters`]]
    for (const [, operation, operationPointer] of operationsOf(item, pointer)) lists.push([operation.parameters, `${operationPointer}/parameters`])
    for (const [list, listPointer] of lists) diagnostics.push(...duplicatesIn(spec, parametersOf(spec.root, list, listPointer)))
  })
  return diagnostics
}

function duplicatesIn(spec: SpecDocument, parameters: readonly ParameterEntry[]): Diagnostic[] {
  const first = new Map<string, ParameterEntry>()
  const diagnostics: Diagnostic[] = []

  for (const parameter of parameters) {
    const key = parameterKey(parameter)
    const earlier = first.get(key)
    if (!earlier) {
      first.set(key, parameter)
      continue
    }
    const earlierLine = spec.locate(earlier.entryPointer).line
    diagnostics.push(ruleDiagnostic(
      'duplicate-parameter',
      `Parameter ${JSON.stringify(parameter.name)} (in: ${parameter.in}) is declared twice in this list, first on line ${earlierLine}; remove one of them`,
      spec.locate(parameter.entryPointer),
    ))
  }
  return diagnostics
}
