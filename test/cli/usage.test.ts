/** Usage mistakes on the command line get CONTRACTS_USAGE, exit 2 and a way forward. */

import { describe, expect, it } from 'vitest'

import { runCli } from '../helpers/cli.js'

describe('command-line usage errors', () => {
  it('suggests the closest command', async () => {
    const result = await runCli(['generat'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('Unknown command "generat" [CONTRACTS_USAGE]')
    expect(result.stderr).toContain('Did you mean `contracts generate`?')
  })

  it('names an unknown flag', async () => {
    const result = await runCli(['generate', '--bogus'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('Nonexistent flag: --bogus [CONTRACTS_USAGE]')
    expect(result.stderr).toContain('contracts generate --help')
  })

  it('names an empty spec folder', async () => {
    const result = await runCli(['generate', '--spec-dir', 'test/validate'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('No *.openapi.yaml, *.openapi.yml or *.openapi.json files in test/validate [CONTRACTS_NO_SPECS]')
  })

  it('shows help for a command', async () => {
    const result = await runCli(['help', 'generate'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('$ contracts generate')
  })
})
