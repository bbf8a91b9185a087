/**
 * Builds throwaway projects from specs: runs the generator in-process (the build in dist/),
 * compiles the output with the real `tsc`, imports the compiled server and listens on
 * 127.0.0.1 with port 0. Every folder lives under os.tmpdir() and is removed by
 * `removeTempProjects`, which each test file calls in afterAll.
 */

import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { execa } from 'execa'

import type * as ContractsApi from '../../src/index.js'
import { distIndex, nodeModulesDir } from './paths.js'

export type Contracts = typeof ContractsApi

let contracts: Promise<Contracts> | undefined

/** Imports the programmatic API from dist/, the same build the CLI runs. */
export function loadContracts(): Promise<Contracts> {
  contracts ??= import(pathToFileURL(distIndex).href) as Promise<Contracts>
  return contracts
}

/** A spec written to the temp project under `name`; the name decides YAML or JSON. */
export interface InlineSpec {
  name: string
  content: string
}

export type SpecInput = string | InlineSpec

/** The part of a compiled `generated/index.js` the tests call. */
export interface GeneratedModule {
  createServer(options: ServerOptions): Server
  api: { operations: OperationData[]; routes: unknown }
}

/** Options of the generated `createServer` besides `handlers` (logger, config, store). */
export type ServerOptions = { handlers: object; logger?: unknown } & Record<string, unknown>

/** One entry of the generated operations table, as the runtime reads it. */
export interface OperationData {
  operationId: string
  handler: string
  method: string
  path: string
  specFile: string
  schemaVersion: string
  pathVariables: string[]
  parameters: { name: string; in: string; required: boolean; style: string; explode: boolean; shape: string }[]
  requestBody?: { required: boolean; media: { mediaType: string; kind: string; validate?: unknown }[] }
  responses: { status: string; mediaTypes: string[] }[]
}

export interface ProjectOptions {
  specs: readonly SpecInput[]
  /** TypeScript module written to `handlers.ts` beside `generated/`, compiled with it. */
  handlersSource?: string
  /** More TypeScript files for the project root, by file name. */
  extraFiles?: Record<string, string>
}

export interface GeneratedProject {
  dir: string
  /** Absolute paths of the spec files as passed to `generate`. */
  specFiles: string[]
  outDir: string
  result: Awaited<ReturnType<Contracts['generate']>>
}

export interface CompiledProject extends GeneratedProject {
  generated: GeneratedModule
  /** The compiled `handlers.ts`, when `handlersSource` was given. */
  handlersModule?: Record<string, unknown>
}

export interface TscResult {
  exitCode: number
  /** stdout and stderr of tsc, interleaved. */
  output: string
}

const tempDirs = new Set<string>()
const compiled = new Map<string, Promise<CompiledProject>>()

export const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    // Only Node's types: the other @types packages in node_modules (chai, estree) serve vitest.
    types: ['node'],
    outDir: 'dist',
    rootDir: '.',
    // Validators are plain JavaScript with declarations beside them, as contracts writes them.
    allowJs: true,
  },
  include: ['generated/**/*.ts', 'generated/**/*.js', '*.ts'],
}

/** Creates a folder under os.tmpdir() with `node_modules` linked to the repository's. */
export async function makeTempProject(prefix = 'contracts-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  tempDirs.add(dir)
  await symlink(nodeModulesDir, path.join(dir, 'node_modules'), 'dir')
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }, null, 2))
  return dir
}

export async function removeTempProjects(): Promise<void> {
  const dirs = [...tempDirs]
  tempDirs.clear()
  compiled.clear()
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
}

/** Copies spec paths and writes inline specs into `dir/specs`, keeping the file names. */
async function placeSpecs(dir: string, specs: readonly SpecInput[]): Promise<string[]> {
  const specDir = path.join(dir, 'specs')
  await mkdir(specDir, { recursive: true })
  const files: string[] = []
  for (const spec of specs) {
    const name = typeof spec === 'string' ? path.basename(spec) : spec.name
    const content = typeof spec === 'string' ? await readFile(spec, 'utf8') : spec.content
    const target = path.join(specDir, name)
    await writeFile(target, content)
    files.push(target)
  }
  return files
}

/** Generates into `dir/generated` without compiling. */
export async function generateProject(options: ProjectOptions): Promise<GeneratedProject> {
  const { generate, writeOutput } = await loadContracts()
  const dir = await makeTempProject()
  const specFiles = await placeSpecs(dir, options.specs)
  const result = await generate(specFiles)
  const outDir = path.join(dir, 'generated')
  await writeOutput(outDir, result.files)

  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2))
  if (options.handlersSource !== undefined) await writeFile(path.join(dir, 'handlers.ts'), options.handlersSource)
  for (const [name, content] of Object.entries(options.extraFiles ?? {})) await writeFile(path.join(dir, name), content)
  return { dir, specFiles, outDir, result }
}

/** Runs the project's own `tsc` on `dir/tsconfig.json` (or `project`), never rejecting. */
export async function runTsc(dir: string, args: readonly string[] = [], project = 'tsconfig.json'): Promise<TscResult> {
  const tsc = path.join(dir, 'node_modules', '.bin', 'tsc')
  const run = await execa(tsc, ['-p', project, '--pretty', 'false', ...args], { cwd: dir, reject: false, all: true })
  return { exitCode: run.exitCode ?? -1, output: run.all ?? '' }
}

async function cacheKey(options: ProjectOptions): Promise<string> {
  const hash = createHash('sha256')
  for (const spec of options.specs) {
    const name = typeof spec === 'string' ? path.basename(spec) : spec.name
    const content = typeof spec === 'string' ? await readFile(spec, 'utf8') : spec.content
    hash.update(`${name}\u0000${content}\u0000`)
  }
  hash.update(`handlers\u0000${options.handlersSource ?? ''}\u0000`)
  hash.update(JSON.stringify(options.extraFiles ?? {}))
  return hash.digest('hex')
}

/**
 * Generates, compiles with tsc and imports the result. Projects are cached by spec content
 * and handler source for the life of the test file; a tsc error rejects with its output.
 */
export async function compileProject(options: ProjectOptions): Promise<CompiledProject> {
  const key = await cacheKey(options)
  let entry = compiled.get(key)
  if (!entry) {
    entry = buildProject(options)
    compiled.set(key, entry)
  }
  return entry
}

async function buildProject(options: ProjectOptions): Promise<CompiledProject> {
  const project = await generateProject(options)
  const tsc = await runTsc(project.dir)
  if (tsc.exitCode !== 0) throw new Error(`tsc failed in ${project.dir} (exit ${tsc.exitCode}):\n${tsc.output}`)

  const generated = (await import(pathToFileURL(path.join(project.dir, 'dist', 'generated', 'index.js')).href)) as GeneratedModule
  const handlersModule = options.handlersSource === undefined
    ? undefined
    : ((await import(pathToFileURL(path.join(project.dir, 'dist', 'handlers.js')).href)) as Record<string, unknown>)
  return { ...project, generated, handlersModule }
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string
  server: Server
  close(): Promise<void>
}

/** Creates the server with `logger: false` unless `serverOptions` sets a logger, and listens on port 0. */
export async function startServer(
  generated: GeneratedModule,
  handlers: object,
  serverOptions: Omit<ServerOptions, 'handlers'> = {},
): Promise<RunningServer> {
  const server = generated.createServer({ logger: false, ...serverOptions, handlers })
  return listen(server)
}

export async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

/** Compiles the specs and starts a server with `handlers`, or the `handlers` export of `handlersSource`. */
export async function startProject(
  options: ProjectOptions & { handlers?: object; serverOptions?: Omit<ServerOptions, 'handlers'> },
): Promise<RunningServer & { project: CompiledProject }> {
  const project = await compileProject(options)
  const handlers = options.handlers ?? project.handlersModule?.handlers
  if (handlers === undefined || handlers === null || typeof handlers !== 'object') {
    throw new Error('startProject needs `handlers`, or a handlersSource that exports `handlers`')
  }
  const running = await startServer(project.generated, handlers, options.serverOptions)
  return { ...running, project }
}
