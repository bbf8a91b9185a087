/**
 * Finds the source position of a JSON pointer in JSON text by scanning the text, without
 * building a tree. Large specs are read with JSON.parse, and their messages get positions here.
 */

import { parsePointer } from './pointer.js'

/** Line and column (both from 1) of offsets in one text; line starts are indexed on first use. */
export class LinePositions {
  private starts: number[] | undefined

  constructor(private readonly text: string) {}

  position(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= lineStarts(this.text))
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((starts[middle] as number) <= offset) low = middle
      else high = middle - 1
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 }
  }
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1)
  return starts
}

/**
 * Returns the offset of the node at `pointer`, or of its nearest existing ancestor. Like the
 * YAML locator, an object member whose value is an object points at its key, any other node at
 * its value.
 */
export function jsonPointerOffset(text: string, pointer: string): number {
  let offset = skipSpace(text, 0)
  let found = offset

  for (const token of parsePointer(pointer)) {
    const member = text[offset] === '{' ? findMember(text, offset, token) : text[offset] === '[' ? findItem(text, offset, Number(token)) : undefined
    if (member === undefined) break
    offset = member.value
    found = member.key !== undefined && text[member.value] === '{' ? member.key : member.value
  }
  return found
}

function findMember(text: string, start: number, token: string): { key: number; value: number } | undefined {
  let index = skipSpace(text, start + 1)
  while (text[index] === '"') {
    const keyEnd = skipString(text, index)
    const raw = text.slice(index + 1, keyEnd - 1)
    const name = raw.includes('\\') ? (JSON.parse(text.slice(index, keyEnd)) as string) : raw
    const value = skipSpace(text, skipSpace(text, keyEnd) + 1)
    if (name === token) return { key: index, value }
    index = skipSpace(text, skipValue(text, value))
    if (text[index] !== ',') return undefined
    index = skipSpace(text, index + 1)
  }
  return undefined
}

function findItem(text: string, start: number, position: number): { key: undefined; value: number } | undefined {
  if (!Number.isInteger(position) || position < 0) return undefined
  let index = skipSpace(text, start + 1)
  for (let current = 0; text[index] !== ']' && index < text.length; current += 1) {
    if (current === position) return { key: undefined, value: index }
    index = skipSpace(text, skipValue(text, index))
    if (text[index] !== ',') return undefined
    index = skipSpace(text, index + 1)
  }
  return undefined
}

/** Returns the offset just after the value that starts at `start`. */
function skipValue(text: string, start: number): number {
  const first = text[start]
  if (first === '"') return skipString(text, start)
  if (first !== '{' && first !== '[') {
    let index = start
    while (index < text.length && !',}] \t\r\n'.includes(text[index] as string)) index += 1
    return index
  }

  let depth = 0
  for (let index = start; index < text.length; index += 1) {
    const character = text[index]
    if (character === '"') index = skipString(text, index) - 1
    else if (character === '{' || character === '[') depth += 1
    else if (character === '}' || character === ']') {
      depth -= 1
      if (depth === 0) return index + 1
    }
  }
  return text.length
}

/** Returns the offset just after the closing quote of the string that starts at `start`. */
function skipString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    const character = text[index]
    if (character === '\\') index += 1
    else if (character === '"') return index + 1
  }
  return text.length
}

function skipSpace(text: string, start: number): number {
  let index = start
  while (index < text.length && ' \t\r\n'.includes(text[index] as string)) index += 1
  return index
}
