/** Validation of outgoing webhook and callback bodies, so a server never sends what it promised not to. */

import { describeIssue, type ProblemDetail } from './problem.js'
import type { OutgoingDefinition } from './types.js'

export function checkOutgoing(table: readonly OutgoingDefinition[], name: string, method: string, body: unknown): ProblemDetail[] {
  const upper = method.toUpperCase()
  const definition = table.find((entry) => entry.name === name && entry.method === upper)
  if (!definition) {
    const known = table.map((entry) => `${entry.method} ${entry.name}`).join(', ') || 'none'
    throw new TypeError(`No webhook or callback ${upper} ${JSON.stringify(name)} in the specs; known: ${known}`)
  }
  if (!definition.validate || definition.validate(body)) return []
  return (definition.validate.errors ?? [])
    .map((issue) => describeIssue(issue))
    .filter((described) => described !== undefined)
    .map((described) => ({ location: 'body' as const, field: described.field, error: described.error }))
}
