/**
 * `validateSpecFiles` on small broken specs in test/validate/fixtures: each fixture breaks one
 * rule once, and the single diagnostic must carry that rule, its severity and the exact
 * position of the offending node.
 */

import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { validateSpecFiles, type ValidationReport } from '../../src/validate/index.js'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
const fixture = (name: string): string => path.join(fixtures, name)

interface Case {
  files: string[]
  rule: string
  severity: 'error' | 'warning'
  /** Fixture the diagnostic points into; the last of `files` unless given. */
  at?: string
  line: number
  column: number
  /** A fragment of the message that names the value or the fix. */
  says: string
}

const cases: Case[] = [
  { files: ['duplicate-operation-id.openapi.yaml'], rule: 'duplicate-operation-id', severity: 'error', line: 14, column: 20, says: 'duplicate-operation-id.openapi.yaml:8:20' },
  { files: ['operation-id-a.openapi.yaml', 'operation-id-b.openapi.yaml'], rule: 'duplicate-operation-id', severity: 'error', line: 8, column: 20, says: 'operation-id-a.openapi.yaml:8:20' },
  { files: ['undeclared-path-variable.openapi.yaml'], rule: 'path-parameter-missing', severity: 'error', line: 7, column: 5, says: '{name: petId, in: path, required: true' },
  { files: ['unused-path-parameter.openapi.yaml'], rule: 'path-parameter-unused', severity: 'error', line: 10, column: 11, says: '/pets has no {petId}' },
  { files: ['path-parameter-not-required.openapi.yaml'], rule: 'path-parameter-not-required', severity: 'error', line: 10, column: 11, says: 'set required: true' },
  { files: ['equivalent-paths.openapi.yaml'], rule: 'equivalent-paths', severity: 'error', line: 14, column: 3, says: '/pets/{name} differs from /pets/{id} (line 6)' },
  { files: ['duplicate-parameter.openapi.yaml'], rule: 'duplicate-parameter', severity: 'error', line: 11, column: 11, says: 'first on line 10' },
  { files: ['unresolved-ref.openapi.yaml'], rule: 'unresolved-ref', severity: 'error', line: 13, column: 21, says: 'did you mean "#/components/schemas/Pet"?' },
  { files: ['info-version-number.openapi.yaml'], rule: 'openapi-schema', severity: 'error', line: 4, column: 12, says: '/info/version is 1, a number, but must be a string' },
  { files: ['misspelled-paths.openapi.yaml'], rule: 'openapi-schema', severity: 'error', line: 5, column: 1, says: 'Property "pathz" is not allowed in the document root; did you mean "paths"?' },
  { files: ['invalid-example.openapi.yaml'], rule: 'invalid-example', severity: 'warning', line: 19, column: 20, says: 'The example\'s /age is "seven", a string, but must be an integer' },
  { files: ['invalid-pattern.openapi.yaml'], rule: 'schema-compile', severity: 'error', line: 10, column: 16, says: 'Schema keyword `pattern`' },
  { files: ['schema-type-typo.openapi.yaml'], rule: 'schema-compile', severity: 'error', line: 12, column: 17, says: 'did you mean "string"?' },
  { files: ['missing-ref-file.openapi.yaml'], rule: 'unresolved-ref', severity: 'error', line: 11, column: 21, says: 'missing.yaml, which does not exist; fix the path, relative to the folder of this document' },
  { files: ['discriminator-mapping.openapi.yaml'], rule: 'schema-compile', severity: 'error', line: 22, column: 19, says: 'Discriminator mapping "walked" points to "#/components/schemas/Walkd", which does not exist' },
]

describe.each(cases)('$rule in $files', (testCase) => {
  let report: ValidationReport

  it('reports exactly one diagnostic', async () => {
    report = await validateSpecFiles(testCase.files.map(fixture))
    expect(report.diagnostics).toHaveLength(1)
  })

  it('names the rule and severity', () => {
    const [diagnostic] = report.diagnostics
    expect(diagnostic?.rule).toBe(testCase.rule)
    expect(diagnostic?.severity).toBe(testCase.severity)
  })

  it('points at the offending node', () => {
    const { location } = report.diagnostics[0] ?? { location: {} }
    expect(location).toMatchObject({ file: fixture(testCase.at ?? testCase.files.at(-1) ?? ''), line: testCase.line, column: testCase.column })
  })

  it('names the value or the fix', () => {
    expect(report.diagnostics[0]?.message).toContain(testCase.says)
  })
})

describe('bundled specs', () => {
  it('are valid without warnings', async () => {
    const repoRoot = path.resolve(fixtures, '..', '..', '..')
    const files = ['agents_ask', 'halo_route', 'orchestrate_task'].map((name) => path.join(repoRoot, 'schemas', `${name}.openapi.yaml`))
    const report = await validateSpecFiles(files)
    expect(report.diagnostics).toEqual([])
    expect(report.files.map((file) => file.rootKeys)).toEqual([7, 7, 7])
  })
})

describe('file counts', () => {
  it('count errors and warnings per file', async () => {
    const report = await validateSpecFiles([fixture('invalid-example.openapi.yaml'), fixture('undeclared-path-variable.openapi.yaml')])
    expect(report.files.map(({ errors, warnings }) => ({ errors, warnings }))).toEqual([
      { errors: 0, warnings: 1 },
      { errors: 1, warnings: 0 },
    ])
    expect([report.errorCount, report.warningCount]).toEqual([1, 1])
  })
})
