/**
 * `contracts validate-schemas` as a subprocess (`node bin/run.js`, built by `npm run build`):
 * exit codes and the text, json and github output formats.
 */

import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import { runCli, type CliResult } from '../helpers/cli.js'
import { repoRoot } from '../helpers/paths.js'

const fixture = (name: string): string => path.join('test', 'validate', 'fixtures', name)
const duplicate = fixture('duplicate-operation-id.openapi.yaml')
const duplicateMessage = `operationId "listPets" is already used at ${duplicate}:8:20; give each operation a unique operationId`

function validate(...args: string[]): Promise<CliResult> {
  return runCli(['validate-schemas', ...args])
}

describe('bundled specs', () => {
  let result: CliResult
  beforeAll(async () => {
    result = await validate()
  })

  it('exit with 0', () => {
    expect(result.exitCode).toBe(0)
  })

  it.each(['agents_ask', 'halo_route', 'orchestrate_task'])('show %s as valid', async (name) => {
    const bytes = (await readFile(path.join(repoRoot, 'schemas', `${name}.openapi.yaml`))).length
    const root = Object.keys((await import('yaml')).parse(await readFile(path.join(repoRoot, 'schemas', `${name}.openapi.yaml`), 'utf8')) as object).length
    expect(result.stdout.split('\n')).toContain(`✓ ${name}.openapi.yaml - Valid (${(bytes / 1024).toFixed(1)} KB, ${root} root keys)`)
  })
})

describe('text format', () => {
  let result: CliResult
  beforeAll(async () => {
    result = await validate('--spec', duplicate)
  })

  it('exits with 1 on an error', () => {
    expect(result.exitCode).toBe(1)
  })

  it('prints file:line:col, severity, message and rule', () => {
    expect(result.stdout.split('\n')).toContain(`${duplicate}:14:20  error  ${duplicateMessage}  (duplicate-operation-id)`)
  })

  it('marks the file as invalid', () => {
    expect(result.stdout).toContain('✗ duplicate-operation-id.openapi.yaml - Invalid: 1 error')
  })

  it('names the error code on stderr', () => {
    expect(result.stderr).toContain('1 error in 1 file [CONTRACTS_SPEC_RULES]')
  })
})

describe('warnings only', () => {
  it('exit with 0', async () => {
    const result = await validate('--spec', fixture('invalid-example.openapi.yaml'))
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('✓ invalid-example.openapi.yaml - Valid with 1 warning')
  })
})

describe('json format', () => {
  let result: CliResult
  let document: { valid: boolean; errorCount: number; warningCount: number; files: unknown[]; diagnostics: Record<string, unknown>[] }
  beforeAll(async () => {
    result = await validate('--spec', duplicate, '--spec', fixture('invalid-example.openapi.yaml'), '--format', 'json')
    document = JSON.parse(result.stdout) as typeof document
  })

  it('exits with 1', () => {
    expect(result.exitCode).toBe(1)
  })

  it('prints one document with counts', () => {
    expect(document).toMatchObject({ valid: false, errorCount: 1, warningCount: 1 })
    expect(document.files).toHaveLength(2)
  })

  it('lists each diagnostic with its position', () => {
    expect(document.diagnostics[0]).toEqual({
      file: duplicate,
      line: 14,
      column: 20,
      pointer: '/paths/~1animals/get/operationId',
      severity: 'error',
      rule: 'duplicate-operation-id',
      message: duplicateMessage,
    })
  })
})

describe('github format', () => {
  let result: CliResult
  beforeAll(async () => {
    result = await validate('--spec', duplicate, '--spec', fixture('invalid-example.openapi.yaml'), '--format', 'github')
  })

  it('exits with 1', () => {
    expect(result.exitCode).toBe(1)
  })

  it('prints an error annotation', () => {
    expect(result.stdout.split('\n')).toContain(`::error file=${duplicate},line=14,col=20::${duplicateMessage}  (duplicate-operation-id)`)
  })

  it('prints a warning annotation', () => {
    expect(result.stdout).toMatch(/^::warning file=test\/validate\/fixtures\/invalid-example\.openapi\.yaml,line=19,col=20::The example's \/age is "seven"/m)
  })
})

describe('usage errors', () => {
  it('exit with 2 for a missing spec folder', async () => {
    const result = await validate('--spec-dir', fixture('no-such-folder'))
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('CONTRACTS_SPEC_READ')
  })

  it('exit with 2 for an unknown format', async () => {
    const result = await validate('--format', 'xml')
    expect(result.exitCode).toBe(2)
  })
})
