/**
 * Specs the generator must reject or warn about: each error is a ContractsError with a stable
 * code and a location the CLI prints as `file:line:col`.
 */

import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCli, type CliResult } from '../helpers/cli.js'
import { fixture } from '../helpers/paths.js'
import {
  compileProject,
  loadContracts,
  makeTempProject,
  removeTempProjects,
  startServer,
  type CompiledProject,
  type RunningServer,
} from '../helpers/project.js'
import { positionOf } from '../helpers/text.js'

interface ErrorShape {
  name?: string
  code?: string
  message: string
  location?: { file: string; line?: number; column?: number; pointer?: string }
}

/** Returns the error `generate` rejects with, and throws when it resolves. */
async function generateError(files: string[]): Promise<ErrorShape> {
  const { generate } = await loadContracts()
  try {
    await generate(files)
  } catch (error) {
    return error as ErrorShape
  }
  throw new Error(`generate(${files.join(', ')}) succeeded, but an error was expected`)
}

async function writeSpec(name: string, content: string): Promise<string> {
  const dir = await makeTempProject()
  const file = path.join(dir, name)
  await writeFile(file, content)
  return file
}

async function generateCli(specs: string[]): Promise<CliResult> {
  const out = path.join(await makeTempProject(), 'out')
  return runCli(['generate', ...specs.flatMap((spec) => ['--spec', spec]), '--out', out])
}

afterAll(removeTempProjects)

describe('generate without specs', () => {
  it('rejects with CONTRACTS_NO_SPECS', async () => {
    expect((await generateError([])).code).toBe('CONTRACTS_NO_SPECS')
  })
})

describe('generate on malformed YAML', () => {
  let file: string
  let error: ErrorShape

  beforeAll(async () => {
    file = await writeSpec('broken.yaml', 'openapi: 3.1.0\ninfo:\n  title: x\n  version: [1.0\npaths: {}\n')
    error = await generateError([file])
  })

  it('rejects with CONTRACTS_SPEC_PARSE', () => {
    expect(error.code).toBe('CONTRACTS_SPEC_PARSE')
  })

  it('locates problem in file', () => {
    expect(error.location?.file).toBe(file)
  })

  it('gives line of problem', () => {
    expect(error.location?.line).toBeGreaterThan(0)
  })
})

describe('generate on Swagger 2.0 document', () => {
  const file = fixture('swagger-2.0.yaml')
  let error: ErrorShape
  let cli: CliResult

  beforeAll(async () => {
    error = await generateError([file])
    cli = await generateCli([file])
  })

  it('rejects with CONTRACTS_SPEC_VERSION', () => {
    expect(error.code).toBe('CONTRACTS_SPEC_VERSION')
  })

  it('says Swagger 2.0 is not supported', () => {
    expect(error.message).toMatch(/Swagger 2\.0 is not supported/)
  })

  it('points at swagger field', () => {
    expect(error.location?.line).toBe(1)
  })

  it('exits CLI with code 2', () => {
    expect(cli.exitCode).toBe(2)
  })

  it('prints reason on stderr', () => {
    expect(cli.stderr).toMatch(/Swagger 2\.0 is not supported/)
  })
})

const unresolvedCases = [
  { label: 'parameter reference', file: fixture('unresolved-ref.yaml'), ref: "'#/components/parameters/Missing'" },
  { label: 'schema reference', file: fixture('unresolved-schema-ref.yaml'), ref: "'#/components/schemas/Missing'" },
]

describe.each(unresolvedCases)('generate on unresolved $label', ({ file, ref }) => {
  let error: ErrorShape
  let cli: CliResult
  let keyPosition: { line: number; column: number }
  let valueColumn: number

  beforeAll(async () => {
    const text = await readFile(file, 'utf8')
    keyPosition = positionOf(text, `$ref: ${ref}`)
    valueColumn = positionOf(text, ref).column
    error = await generateError([file])
    cli = await generateCli([file])
  })

  it('rejects with CONTRACTS_REF_UNRESOLVED', () => {
    expect(error.code).toBe('CONTRACTS_REF_UNRESOLVED')
  })

  it('names missing target in message', () => {
    expect(error.message).toContain(ref.slice(1, -1))
  })

  it('locates error in spec file', () => {
    expect(error.location?.file).toBe(file)
  })

  it('gives line of $ref', () => {
    expect(error.location?.line).toBe(keyPosition.line)
  })

  it('gives column of $ref key or value', () => {
    expect([keyPosition.column, valueColumn]).toContain(error.location?.column)
  })

  it('prints file:line:col from CLI', () => {
    const printed = [keyPosition.column, valueColumn].map((column) => `${file}:${keyPosition.line}:${column}`)
    expect(printed.some((location) => cli.stderr.includes(location)), `stderr was:\n${cli.stderr}`).toBe(true)
  })

  it('exits CLI with code 2', () => {
    expect(cli.exitCode).toBe(2)
  })
})

describe('generate on two specs claiming one route', () => {
  const first = fixture('conflict-a.openapi.yaml')
  const second = fixture('conflict-b.openapi.yaml')
  let error: ErrorShape

  beforeAll(async () => {
    error = await generateError([first, second])
  })

  it('rejects with CONTRACTS_ROUTE_CONFLICT', () => {
    expect(error.code).toBe('CONTRACTS_ROUTE_CONFLICT')
  })

  it('names method and path', () => {
    expect(error.message).toContain('POST /items')
  })

  it('names first file', () => {
    expect(error.message).toContain(first)
  })

  it('names second file', () => {
    expect(error.message).toContain(second)
  })

  it('locates second definition', () => {
    expect(error.location?.pointer).toBe('/paths/~1items/post')
  })
})

describe('generate on routes differing only in variable name', () => {
  it('rejects with CONTRACTS_ROUTE_CONFLICT', async () => {
    const spec = (variable: string, id: string) =>
      `openapi: 3.1.0\ninfo:\n  title: t\n  version: 1.0.0\npaths:\n  /users/{${variable}}:\n    get:\n      operationId: ${id}\n      parameters:\n        - name: ${variable}\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '200':\n          description: ok\n`
    const files = [await writeSpec('by-id.yaml', spec('id', 'getById')), await writeSpec('by-user.yaml', spec('userId', 'getByUserId'))]
    expect((await generateError(files)).code).toBe('CONTRACTS_ROUTE_CONFLICT')
  })
})

describe('generate on two specs sharing one operationId', () => {
  it('rejects with CONTRACTS_OPERATION_ID_CONFLICT', async () => {
    const spec = (route: string) =>
      `openapi: 3.1.0\ninfo:\n  title: t\n  version: 1.0.0\npaths:\n  ${route}:\n    get:\n      operationId: listThings\n      responses:\n        '200':\n          description: ok\n`
    const files = [await writeSpec('first.yaml', spec('/first')), await writeSpec('second.yaml', spec('/second'))]
    const error = await generateError(files)
    expect(error.code).toBe('CONTRACTS_OPERATION_ID_CONFLICT')
    // Both places by line and column, at the operationId values (line 8, column 20 in each file).
    expect(error.message).toContain(`at ${files[0]}:8:20 and at ${files[1]}:8:20`)
    expect(error.location?.pointer).toBe('/paths/~1second/get/operationId')
  })
})

describe('generate on application/xml body', () => {
  const file = fixture('unsupported-media.yaml')
  const pointer = '/paths/~1uploads/post/requestBody/content/application~1xml'
  let project: CompiledProject
  let server: RunningServer
  let cli: CliResult
  let warning: CompiledProject['result']['diagnostics'][number] | undefined

  beforeAll(async () => {
    project = await compileProject({ specs: [file] })
    warning = project.result.diagnostics.find((diagnostic) => diagnostic.rule === 'unsupported-media-type')
    server = await startServer(project.generated, {
      uploadFile: () => ({ status: 201 }),
      createNote: (request: { body: unknown }) => ({ status: 201, body: request.body }),
    })
    cli = await generateCli([file])
  })

  afterAll(async () => {
    await server?.close()
  })

  it('reports warning', () => {
    expect(warning?.severity).toBe('warning')
  })

  it('names media type in warning', () => {
    expect(warning?.message).toContain('application/xml')
  })

  it('names spec file in warning', () => {
    expect(warning?.location.file).toBe(project.specFiles[0])
  })

  it('names JSON pointer in warning', () => {
    expect(warning?.location.pointer).toBe(pointer)
  })

  it('still generates both operations', () => {
    expect(project.result.operationCount).toBe(2)
  })

  it('serves other operation', async () => {
    const response = await fetch(`${server.url}/notes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"hi"}' })
    expect(response.status).toBe(201)
  })

  it('validates other operation', async () => {
    const response = await fetch(`${server.url}/notes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(response.status).toBe(400)
  })

  it('answers XML request with 415', async () => {
    const response = await fetch(`${server.url}/uploads`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: '<file>hello</file>' })
    expect(response.status).toBe(415)
  })

  it('exits CLI with code 0', () => {
    expect(cli.exitCode).toBe(0)
  })

  it('prints warning with file and line from CLI', () => {
    expect(cli.stderr).toContain(`${file}:${warning?.location.line}:`)
  })

  it('prints JSON pointer in CLI warning', () => {
    expect(cli.stderr).toContain(pointer)
  })
})
