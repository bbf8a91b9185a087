/**
 * Runs a JSON Schema through the same pipeline `contracts generate` uses. The schema becomes the
 * JSON request body of a one-operation OpenAPI 3.1 document, and the real generator writes the
 * standalone body validator. That module is transpiled and imported from a temp project whose
 * node_modules links to this repository's.
 */

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import ts from 'typescript'

import { ContractsError } from '../../src/errors.js'
import { generate, type GeneratedFile } from '../../src/generator/index.js'

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The body validator the generator names after the operationId `suiteCase`. */
const VALIDATOR_EXPORT = 'suiteCaseBody'

export type PipelineResult = { validate: (data: unknown) => boolean } | { skipped: string } | { failed: string }

export interface Pipeline {
  compile(schema: unknown): Promise<PipelineResult>
  dispose(): Promise<void>
}

export async function createPipeline(): Promise<Pipeline> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-json-schema-suite-'))
  await symlink(path.join(repositoryRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }))
  let runtimeWritten = false
  let counter = 0

  const compile = async (schema: unknown): Promise<PipelineResult> => {
    const external = nonFragmentRef(schema)
    if (external !== undefined) return { skipped: `$ref ${JSON.stringify(external)} is not a plain fragment; the generator would try to read or fetch it as a file or URL` }

    counter += 1
    const caseDir = path.join(dir, 'cases', String(counter))
    const generated = await generateCase(caseDir, embed(schema))
    if (!('files' in generated)) return generated

    if (!runtimeWritten) {
      await writeRuntimeFormats(dir, generated.files)
      runtimeWritten = true
    }
    return loadBodyValidator(path.join(dir, 'generated', 'specs', String(counter)), generated.files)
  }

  return { compile, dispose: () => rm(dir, { recursive: true, force: true }) }
}

/** JSON pointer of the test schema inside the generated document. */
const BODY_SCHEMA_POINTER = '/paths/~1case/post/requestBody/content/application~1json/schema'

/** Keywords whose values are data, where a `$ref` member is no reference. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples'])

/**
 * Builds a document with the test schema as the body schema of one POST operation. In the
 * suite, `#/...` refers to the test schema, but inside an OpenAPI document to the document. So a schema without any
 * `$id` has its fragment references rebased onto the body schema's pointer, as an OpenAPI
 * author would write them. A schema with an `$id` is embedded as written, because that `$id`
 * makes it a resource of its own, where `#/...` keeps its suite meaning.
 */
function embed(schema: unknown): Record<string, unknown> {
  const body = containsKey(schema, '$id') ? schema : rebaseFragments(schema)
  return {
    openapi: '3.1.0',
    info: { title: 'JSON Schema Test Suite case', version: '1.0.0' },
    paths: {
      '/case': {
        post: {
          operationId: 'suiteCase',
          requestBody: { required: true, content: { 'application/json': { schema: body } } },
          responses: { '200': { description: 'Accepted' } },
        },
      },
    },
  }
}

function containsKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((item) => containsKey(item, key))
  if (value === null || typeof value !== 'object') return false
  return Object.entries(value).some(([name, child]) => name === key || (!DATA_KEYWORDS.has(name) && containsKey(child, key)))
}

function rebaseFragments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebaseFragments)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value).map(([name, child]): [string, unknown] => {
    if ((name === '$ref' || name === '$dynamicRef') && typeof child === 'string' && (child === '#' || child.startsWith('#/'))) {
      return [name, `#${BODY_SCHEMA_POINTER}${child.slice(1)}`]
    }
    return [name, DATA_KEYWORDS.has(name) ? child : rebaseFragments(child)]
  })
  // defineProperty keeps a member called __proto__ an own property, as in the suite's JSON.
  const copy: Record<string, unknown> = {}
  for (const [name, child] of entries) Object.defineProperty(copy, name, { value: child, enumerable: true, writable: true, configurable: true })
  return copy
}

/**
 * Finds a `$ref` that is not a plain fragment: it resolves against an `$id` or names another document.
 * The generator hands such values to its file bundler and to openapi-typescript, which read
 * files and fetch URLs, so these cases are not run.
 */
function nonFragmentRef(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = nonFragmentRef(item)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (value === null || typeof value !== 'object') return undefined
  for (const [name, child] of Object.entries(value)) {
    if ((name === '$ref' || name === '$dynamicRef') && typeof child === 'string' && !child.startsWith('#')) return child
    if (DATA_KEYWORDS.has(name)) continue
    const found = nonFragmentRef(child)
    if (found !== undefined) return found
  }
  return undefined
}

async function generateCase(caseDir: string, document: Record<string, unknown>): Promise<{ files: GeneratedFile[] } | { skipped: string } | { failed: string }> {
  await mkdir(caseDir, { recursive: true })
  const specFile = path.join(caseDir, 'case.openapi.json')
  await writeFile(specFile, JSON.stringify(document, null, 2))
  try {
    return { files: (await generate([specFile])).files }
  } catch (error) {
    const message = error instanceof ContractsError ? `${error.code}: ${error.message}` : `generator crashed: ${(error as Error).message}`
    return { failed: message }
  }
}

function transpile(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText
}

/** Writes the `../../runtime/formats.js` the validator modules import, one copy for every case. */
async function writeRuntimeFormats(dir: string, files: readonly GeneratedFile[]): Promise<void> {
  const formats = files.find((file) => file.path === 'runtime/formats.ts')
  if (!formats) throw new Error('The generator wrote no runtime/formats.ts; the validator modules cannot load')
  await mkdir(path.join(dir, 'generated', 'runtime'), { recursive: true })
  await writeFile(path.join(dir, 'generated', 'runtime', 'formats.js'), transpile(formats.content))
}

async function loadBodyValidator(moduleDir: string, files: readonly GeneratedFile[]): Promise<PipelineResult> {
  // The generator writes validators as plain JavaScript, so the module is written as it is.
  const body = files.find((file) => file.path.endsWith('/body-validators.js'))
  if (!body) return { failed: 'the generator wrote no body validator for the JSON request body' }

  await mkdir(moduleDir, { recursive: true })
  const modulePath = path.join(moduleDir, 'body-validators.js')
  await writeFile(modulePath, body.content)
  const loaded = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>
  const validate = loaded[VALIDATOR_EXPORT]
  if (typeof validate !== 'function') return { failed: `the body validator module exports no ${VALIDATOR_EXPORT}` }
  return { validate: (data) => validate(data) === true }
}
