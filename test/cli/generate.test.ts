/**
 * The `contracts` CLI as a subprocess (`node bin/run.js`): help, version, and `generate
 * --check` on a copy of the repository's committed `schemas/` and `generated/`.
 */

import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCli, type CliResult } from '../helpers/cli.js'
import { repoRoot } from '../helpers/paths.js'
import { makeTempProject, removeTempProjects } from '../helpers/project.js'

const packageVersion = (JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version

/** Copies schemas/ and generated/ into a new temp folder. */
async function copyRepositoryOutput(): Promise<{ specDir: string; out: string }> {
  const dir = await makeTempProject()
  const specDir = path.join(dir, 'schemas')
  const out = path.join(dir, 'generated')
  await cp(path.join(repoRoot, 'schemas'), specDir, { recursive: true })
  await cp(path.join(repoRoot, 'generated'), out, { recursive: true })
  return { specDir, out }
}

function check(specDir: string, out: string, ...extra: string[]): Promise<CliResult> {
  return runCli(['generate', '--check', '--spec-dir', specDir, '--out', out, ...extra])
}

afterAll(removeTempProjects)

describe.each([
  { args: ['--help'], expected: 'generate' },
  { args: ['--version'], expected: `contracts/${packageVersion}` },
  { args: ['generate', '--help'], expected: '--check' },
])('contracts $args', ({ args, expected }) => {
  let result: CliResult

  beforeAll(async () => {
    result = await runCli(args)
  })

  it('exits with 0', () => {
    expect(result.exitCode, result.stderr).toBe(0)
  })

  it(`prints ${expected}`, () => {
    expect(result.stdout).toContain(expected)
  })
})

describe('generate --check on fresh copy', () => {
  let result: CliResult
  let out: string

  beforeAll(async () => {
    const copy = await copyRepositoryOutput()
    out = copy.out
    result = await check(copy.specDir, copy.out)
  })

  it('exits with 0', () => {
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0)
  })

  it('reports output up to date', () => {
    expect(result.stdout).toContain(`${out} is up to date`)
  })
})

describe('generate --check after one byte changed', () => {
  const changed = 'operations.ts'
  let result: CliResult

  beforeAll(async () => {
    const { specDir, out } = await copyRepositoryOutput()
    const file = path.join(out, changed)
    const bytes = await readFile(file)
    const middle = Math.floor(bytes.length / 2)
    bytes[middle] = bytes[middle] === 0x41 ? 0x42 : 0x41
    await writeFile(file, bytes)
    result = await check(specDir, out)
  })

  it('exits with 1', () => {
    expect(result.exitCode).toBe(1)
  })

  it('lists changed file as stale', () => {
    expect(result.stderr).toMatch(new RegExp(`stale\\s+\\S*${changed.replace('.', '\\.')}`))
  })

  it('lists no other file', () => {
    const listed = result.stderr.split('\n').filter((line) => /^\s+(stale|missing|extra)\s/.test(line))
    expect(listed).toHaveLength(1)
  })
})

describe('generate --check after file deleted', () => {
  const deleted = path.join('runtime', 'router.ts')
  let result: CliResult

  beforeAll(async () => {
    const { specDir, out } = await copyRepositoryOutput()
    await rm(path.join(out, deleted))
    result = await check(specDir, out)
  })

  it('exits with 1', () => {
    expect(result.exitCode).toBe(1)
  })

  it('lists deleted file as missing', () => {
    expect(result.stderr).toMatch(/missing\s+\S*runtime\/router\.ts/)
  })
})

describe('generate --check with leftover generated file', () => {
  let result: CliResult

  beforeAll(async () => {
    const { specDir, out } = await copyRepositoryOutput()
    const banner = (await readFile(path.join(out, 'index.ts'), 'utf8')).split('\n')[0]
    await writeFile(path.join(out, 'leftover.ts'), `${banner}\nexport {}\n`)
    result = await check(specDir, out)
  })

  it('exits with 1', () => {
    expect(result.exitCode).toBe(1)
  })

  it('lists leftover file as extra', () => {
    expect(result.stderr).toMatch(/extra\s+\S*leftover\.ts/)
  })
})

describe('generate --check --json after file deleted', () => {
  let result: CliResult

  beforeAll(async () => {
    const { specDir, out } = await copyRepositoryOutput()
    await rm(path.join(out, 'handlers.ts'))
    result = await check(specDir, out, '--json')
  })

  it('exits with 1', () => {
    expect(result.exitCode).toBe(1)
  })

  it('prints missing file in JSON', () => {
    expect((JSON.parse(result.stdout) as { missing: string[] }).missing).toEqual(['handlers.ts'])
  })
})

describe('generate then --check', () => {
  let written: CliResult
  let checked: CliResult

  beforeAll(async () => {
    const dir = await makeTempProject()
    const out = path.join(dir, 'fresh')
    written = await runCli(['generate', '--spec-dir', path.join(repoRoot, 'schemas'), '--out', out])
    checked = await check(path.join(repoRoot, 'schemas'), out)
  })

  it('generates with exit 0', () => {
    expect(written.exitCode, written.stderr).toBe(0)
  })

  it('reports three operations', () => {
    expect(written.stdout).toMatch(/Generated 3 operations from 3 specs/)
  })

  it('checks fresh output with exit 0', () => {
    expect(checked.exitCode, checked.stderr).toBe(0)
  })
})

describe('generate with missing spec folder', () => {
  it('exits with 2', async () => {
    const dir = await makeTempProject()
    const result = await runCli(['generate', '--spec-dir', path.join(dir, 'absent'), '--out', path.join(dir, 'out')])
    expect(result.exitCode).toBe(2)
  })
})
