/**
 * Large JSON specs are read with JSON.parse and located by scanning the text. Their positions
 * must match what the YAML parser reports for the same text.
 */

import { describe, expect, it } from 'vitest'

import { parseSpec } from '../../src/spec/document.js'
import { escapeToken } from '../../src/spec/pointer.js'

/** Builds a spec over 1 MiB with nesting, arrays, escaped keys and strings that contain brackets. */
function largeSpec(): string {
  const schemas: Record<string, unknown> = {}
  for (let index = 0; index < 40; index += 1) {
    schemas[`Model${index}`] = {
      type: 'object',
      required: ['id', 'tags'],
      properties: {
        id: { type: 'integer', description: `id with "quotes", {braces} and [brackets] ${index}` },
        tags: { type: 'array', items: [{ type: 'string' }, { enum: ['a,b', 'c]d', '\\"e'] }] },
        'a/b~c': { type: 'string', pattern: '^[a-z]{2,3}$' },
      },
    }
  }
  const spec = { openapi: '3.1.0', info: { title: 'Large', version: '1.0.0' }, paths: {}, components: { schemas }, 'x-padding': 'p'.repeat(1024 * 1024) }
  return JSON.stringify(spec, null, 2)
}

function pointersOf(node: unknown, pointer = ''): string[] {
  if (node === null || typeof node !== 'object') return [pointer]
  const children = Object.entries(node).flatMap(([key, value]) => pointersOf(value, `${pointer}/${escapeToken(key)}`))
  return [pointer, ...children]
}

describe('positions in large JSON specs', () => {
  const text = largeSpec()
  const scanned = parseSpec('large.json', text)
  // A comment makes the same document YAML, one line further down.
  const parsed = parseSpec('large.json', `# comment\n${text}`)

  it('reads the same data', () => {
    expect(scanned.root).toEqual(parsed.root)
  })

  it('locates every node like the YAML parser', () => {
    const pointers = pointersOf(scanned.root).filter((pointer) => pointer.startsWith('/components'))
    expect(pointers.length).toBeGreaterThan(800)
    for (const pointer of pointers) {
      const fast = scanned.locate(pointer)
      const slow = parsed.locate(pointer)
      expect({ pointer, line: fast.line + 1, column: fast.column }).toEqual({ pointer, line: slow.line, column: slow.column })
    }
  })

  it('falls back to the nearest ancestor', () => {
    const fast = scanned.locate('/components/schemas/Model3/properties/missing/type')
    const slow = parsed.locate('/components/schemas/Model3/properties/missing/type')
    expect(fast.line + 1).toBe(slow.line)
    expect(fast.column).toBe(slow.column)
  })
})
