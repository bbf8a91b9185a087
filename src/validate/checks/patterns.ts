/**
 * The generated validators compile `pattern` and `patternProperties` with the `u` flag, which
 * rejects some expressions that are valid without it, such as `\-` outside a character class.
 */

import type { Diagnostic } from '../../diagnostics.js'
import type { SpecDocument } from '../../spec/document.js'
import { toPointer } from '../../spec/pointer.js'
import { walkSubschemas } from '../../spec/walk.js'
import { isObject } from '../openapi-objects.js'
import { ruleDiagnostic } from '../rules.js'

/** Reports the invalid patterns in the schema at `tokens` and its subschemas, reached without `$ref`. */
export function checkPatterns(spec: SpecDocument, schema: unknown, tokens: readonly string[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  walkSubschemas(schema, tokens, (subschema, subTokens) => {
    if (!isObject(subschema)) return
    const candidates: [string, string, string[]][] = []
    if (typeof subschema.pattern === 'string') candidates.push(['pattern', subschema.pattern, [...subTokens, 'pattern']])
    if (isObject(subschema.patternProperties)) {
      for (const key of Object.keys(subschema.patternProperties)) candidates.push(['patternProperties', key, [...subTokens, 'patternProperties', key]])
    }

    for (const [keyword, pattern, patternTokens] of candidates) {
      const reason = unicodeRegExpError(pattern)
      if (reason !== undefined) diagnostics.push(ruleDiagnostic('schema-compile', invalidPatternMessage(keyword, pattern, reason), spec.locate(toPointer(patternTokens))))
    }
  })
  return diagnostics
}

/** Returns why `pattern` fails with the u flag, e.g. "Invalid escape", or undefined when it compiles. */
function unicodeRegExpError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u')
    return undefined
  } catch (error) {
    // V8 words it as "Invalid regular expression: /(/u: Unterminated group".
    return (error as Error).message.split(': ').at(-1)
  }
}

function invalidPatternMessage(keyword: string, pattern: string, reason: string): string {
  let validWithoutUnicode = true
  try {
    new RegExp(pattern)
  } catch {
    validWithoutUnicode = false
  }
  const fix = validWithoutUnicode
    ? 'the generated validators use that flag, so escape only characters that need it, e.g. write - rather than \\- outside a character class'
    : 'correct the expression'
  return `Schema keyword \`${keyword}\`: /${pattern}/ is not a valid regular expression with the u flag (${reason}); ${fix}`
}
