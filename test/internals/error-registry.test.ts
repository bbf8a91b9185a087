/** Keeps the two error registries and docs/errors.md in step: every code documented, no stale row. */

import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { errorCodes } from '../../src/errors.js'
import { problemCodes } from '../../templates/runtime/problem.js'

const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
const documented = new Set([...docs.matchAll(/^\| `([A-Za-z_]+)` \|/gm)].map((match) => match[1]))

describe('error registry', () => {
  it.each(Object.entries(errorCodes))('documents CLI code %s with its exit status', (code, definition) => {
    expect(docs).toContain(`| \`${code}\` | ${definition.exit} |`)
  })

  it.each(Object.entries(problemCodes))('documents problem %s with its status', (code, definition) => {
    expect(docs).toContain(`| \`${code}\` | ${definition.status} |`)
  })

  it('lists no code the registries lack', () => {
    const known = new Set([...Object.keys(errorCodes), ...Object.keys(problemCodes)])

    expect([...documented].filter((code) => !known.has(code as string))).toEqual([])
  })

  it('uses CONTRACTS_ prefixes for CLI codes and snake case for problems', () => {
    expect(Object.keys(errorCodes).every((code) => /^CONTRACTS_[A-Z_]+$/.test(code))).toBe(true)
    expect(Object.keys(problemCodes).every((code) => /^[a-z_]+$/.test(code))).toBe(true)
  })
})
