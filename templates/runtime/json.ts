/** Parses JSON text from requests, with the nesting depth checked before parsing. */

import { ProblemError } from './problem.js'

/** Parses `text`; returns a `json_too_deep` problem past `maxDepth`, `invalid_json` for malformed text. */
export function parseJson(text: string, maxDepth: number): unknown {
  if (jsonDepthExceeds(text, maxDepth)) return new ProblemError('json_too_deep')

  try {
    return JSON.parse(text)
  } catch {
    return new ProblemError('invalid_json')
  }
}

/**
 * Scans JSON text for nesting deeper than `maxDepth` before parsing, so a body of a million
 * brackets is turned away without building it. Brackets inside strings do not count.
 */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === 92 /* \\ */) index += 1
      else if (code === 34 /* " */) inString = false
    } else if (code === 34) {
      inString = true
    } else if (code === 123 /* { */ || code === 91 /* [ */) {
      depth += 1
      if (depth > maxDepth) return true
    } else if (code === 125 /* } */ || code === 93 /* ] */) {
      depth -= 1
    }
  }
  return false
}
