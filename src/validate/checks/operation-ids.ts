/** operationIds must be unique among all operations of the API, so across all files given too. */

import type { Diagnostic } from '../../diagnostics.js'
import { formatLocation, type SourceLocation } from '../../errors.js'
import type { SpecDocument } from '../../spec/document.js'
import { forEachPathItem, operationsOf } from '../openapi-objects.js'
import { ruleDiagnostic } from '../rules.js'

export function checkOperationIds(specs: readonly SpecDocument[]): Diagnostic[] {
  const firstUse = new Map<string, SourceLocation>()
  const diagnostics: Diagnostic[] = []

  for (const spec of specs) {
    forEachPathItem(spec.root, ({ item, pointer, viaRef }) => {
      // A path item reached through $ref is checked once, where it is defined.
      if (viaRef) return
      for (const [, operation, operationPointer] of operationsOf(item, pointer)) {
        const id = operation.operationId
        if (typeof id !== 'string') continue

        const location = spec.locate(`${operationPointer}/operationId`)
        const first = firstUse.get(id)
        if (!first) {
          firstUse.set(id, location)
          continue
        }
        diagnostics.push(ruleDiagnostic(
          'duplicate-operation-id',
          `operationId ${JSON.stringify(id)} is already used at ${formatLocation(first)}; give each operation a unique operationId`,
          location,
        ))
      }
    })
  }
  return diagnostics
}
