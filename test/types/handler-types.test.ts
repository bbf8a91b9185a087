/**
 * The generated `Handlers` interface lists exactly the responses the spec declares, with typed
 * request parameters and bodies. Handlers that break the contract must fail `tsc`; a correct
 * one must compile. All handler files share one generated project and one tsc run, and each
 * case checks that an error points into its own lines.
 */

import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { generateProject, removeTempProjects, runTsc, TSCONFIG, type TscResult } from '../helpers/project.js'

const GOOD_METHODS: Record<string, string> = {
  getItem: `  getItem(request) {
    const id: number = request.path.id
    const expand: boolean | undefined = request.query.expand
    if (id === 0) return { status: 404, body: { title: 'No item 0' } }
    return { status: 200, body: { id, name: expand === true ? 'expanded' : 'plain' } }
  },`,
  deleteItem: `  deleteItem() {
    return { status: 204 }
  },`,
  createItem: `  createItem(request) {
    const name: string = request.body.name
    return { status: 201, body: { id: 1, name, tags: request.body.tags ?? [] } }
  },`,
  putItemImage: `  putItemImage(request) {
    const bytes: Buffer = request.body.image.data
    const caption: string | undefined = request.body.caption
    return { status: 204 }
  },`,
}

interface BadCase {
  file: string
  name: string
  method: string
  /** Replaces the method; undefined leaves it out. */
  source?: string
}

const badCases: BadCase[] = [
  {
    file: 'wrong-field-type.ts',
    name: 'response field of wrong type',
    method: 'getItem',
    source: `  getItem() {
    return { status: 200, body: { id: 'one', name: 'x' } }
  },`,
  },
  {
    file: 'undeclared-status.ts',
    name: 'undeclared status',
    method: 'getItem',
    source: `  getItem() {
    return { status: 418, body: { id: 1, name: 'x' } }
  },`,
  },
  {
    file: 'missing-response-field.ts',
    name: 'response without required field',
    method: 'getItem',
    source: `  getItem() {
    return { status: 200, body: { id: 1 } }
  },`,
  },
  {
    file: 'problem-on-success.ts',
    name: 'problem body on success status',
    method: 'getItem',
    source: `  getItem() {
    return { status: 200, body: { title: 'Not an item' } }
  },`,
  },
  {
    file: 'body-on-204.ts',
    name: 'body on response without content',
    method: 'deleteItem',
    source: `  deleteItem() {
    return { status: 204, body: { id: 1 } }
  },`,
  },
  {
    file: 'wrong-content-type.ts',
    name: 'undeclared response media type',
    method: 'getItem',
    source: `  getItem() {
    return { status: 404, body: { title: 'x' }, contentType: 'text/html' }
  },`,
  },
  {
    file: 'path-parameter-as-string.ts',
    name: 'integer path parameter read as string',
    method: 'getItem',
    source: `  getItem(request) {
    const id: string = request.path.id
    return { status: 200, body: { id: Number(id), name: 'x' } }
  },`,
  },
  {
    file: 'undeclared-body-property.ts',
    name: 'undeclared request body property read',
    method: 'createItem',
    source: `  createItem(request) {
    const colour: string = request.body.colour
    return { status: 201, body: { id: 1, name: colour } }
  },`,
  },
  {
    file: 'upload-read-as-string.ts',
    name: 'multipart file read as string',
    method: 'putItemImage',
    source: `  putItemImage(request) {
    const image: string = request.body.image
    return { status: 204 }
  },`,
  },
  {
    file: 'missing-handler.ts',
    name: 'missing handler method',
    method: 'deleteItem',
  },
]

const HEADER = `import type { Handlers } from './generated/index.js'\n\nexport const handlers: Handlers = {\n`

/** Source of a handlers module, and the 1-based lines where `method` (or the object, when left out) sits. */
function handlerModule(method?: string, source?: string): { text: string; lines: [number, number] } {
  let text = HEADER
  let lines: [number, number] = [3, 3]
  for (const [name, good] of Object.entries(GOOD_METHODS)) {
    if (name !== method) {
      text += `${good}\n`
      continue
    }
    if (source === undefined) continue
    const start = text.split('\n').length
    text += `${source}\n`
    lines = [start, start + source.split('\n').length - 1]
  }
  return { text: `${text}}\n`, lines }
}

/** `file(line,col): error TSnnnn: ...` lines of one file. */
function errorLines(output: string, file: string): number[] {
  const pattern = new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\((\\d+),\\d+\\): error TS\\d+`, 'gm')
  return [...output.matchAll(pattern)].map((match) => Number(match[1]))
}

let all: TscResult
let goodOnly: TscResult
const ranges = new Map<string, [number, number]>()

beforeAll(async () => {
  const files: Record<string, string> = { 'good.ts': handlerModule().text }
  for (const testCase of badCases) {
    const module = handlerModule(testCase.method, testCase.source)
    files[testCase.file] = module.text
    ranges.set(testCase.file, module.lines)
  }

  const project = await generateProject({ specs: [fixture('typed.yaml')], extraFiles: files })
  const goodConfig = { ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, noEmit: true }, include: ['generated/**/*.ts', 'good.ts'] }
  await writeFile(path.join(project.dir, 'tsconfig.good.json'), JSON.stringify(goodConfig, null, 2))
  ;[all, goodOnly] = await Promise.all([runTsc(project.dir, ['--noEmit']), runTsc(project.dir, [], 'tsconfig.good.json')])
})

afterAll(removeTempProjects)

describe('correct handlers', () => {
  it('compile without errors', () => {
    expect(goodOnly.output).toBe('')
  })

  it('exit tsc with 0', () => {
    expect(goodOnly.exitCode).toBe(0)
  })
})

describe('generated code', () => {
  it('has no type errors', () => {
    expect(errorLines(all.output, 'generated/.*?')).toEqual([])
  })
})

describe.each(badCases)('handler with $name', ({ file }) => {
  it('fails tsc', () => {
    expect(errorLines(all.output, file).length, all.output).toBeGreaterThan(0)
  })

  it('reports error inside changed lines', () => {
    const [first, last] = ranges.get(file) as [number, number]
    const inside = errorLines(all.output, file).filter((line) => line >= first && line <= last)
    expect(inside.length, `errors of ${file} outside lines ${first}-${last}:\n${all.output}`).toBeGreaterThan(0)
  })
})
