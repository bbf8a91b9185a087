/** Finds text positions in fixtures, for checking the `file:line:col` of generator errors. */

export interface TextPosition {
  /** 1-based line. */
  line: number
  /** 1-based column of the first character of `needle`. */
  column: number
}

export function positionOf(text: string, needle: string): TextPosition {
  const offset = text.indexOf(needle)
  if (offset === -1) throw new Error(`${JSON.stringify(needle)} does not occur in the text`)
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 }
}
