/**
 * The bundled Genesis API from dist-app/, started in the test process with `startServer` on
 * 127.0.0.1 and port 0. Each server gets its config written to a temp folder, so tests can
 * point `logging.output_path` or TLS files there too. `stopGenesisServers` shuts every one
 * down and removes the folders; call it in afterEach or afterAll.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { repoRoot } from './paths.js'

/** The part of a resolved config the tests read back. */
export interface ResolvedConfig {
  server: { bodyLimitBytes: number; headersTimeoutMs: number }
  redis?: { keyPrefix: string }
}

/** The object `startServer` in dist-app/generated/runtime/serve.js resolves to. */
export interface RunningGenesis {
  url: string
  server: import('node:http').Server
  metricsServer?: import('node:http').Server
  application: { config: ResolvedConfig; inFlight(): number }
  shutdown(reason?: string): Promise<void>
  reload(): void
}

/** One operation of the generated table. Only the fields that tests change are typed. */
export interface OperationEntry {
  operationId: string
  handler: string
  method: string
  path: string
  parameters: readonly Record<string, unknown>[]
  [field: string]: unknown
}

export interface GenesisApi {
  operations: readonly OperationEntry[]
  routes: unknown
}

export interface GeneratedIndex {
  api: GenesisApi
  METRIC_NAMES: readonly string[]
  loadConfig(file: string | undefined, environment?: NodeJS.ProcessEnv): ResolvedConfig
  startServer(api: GenesisApi, options: Record<string, unknown>): Promise<RunningGenesis>
}

export type HandlerMap = Record<string, (request: { body: Record<string, unknown>; query: Record<string, unknown> }, context: unknown) => unknown>

export const generatedIndexFile = path.join(repoRoot, 'dist-app', 'generated', 'index.js')
export const demoHandlersFile = path.join(repoRoot, 'dist-app', 'app', 'handlers.js')
export const appMainFile = path.join(repoRoot, 'dist-app', 'app', 'main.js')

let generatedModule: Promise<GeneratedIndex> | undefined

export function loadGenerated(): Promise<GeneratedIndex> {
  generatedModule ??= import(pathToFileURL(generatedIndexFile).href) as Promise<GeneratedIndex>
  return generatedModule
}

/** Loads the demo handlers of app/handlers.ts from dist-app/. */
export async function demoHandlers(): Promise<HandlerMap> {
  const module = (await import(pathToFileURL(demoHandlersFile).href)) as { createHandlers(): HandlerMap }
  return module.createHandlers()
}

export interface GenesisOptions {
  /** Config YAML, in which `{dir}` stands for the server's temp folder. */
  config?: string
  /** Handlers (default: the demo handlers). */
  handlers?: HandlerMap
  /** Another operations table, e.g. with an extra parameter (default: the Genesis API). */
  api?: GenesisApi
  /** False for no logger. Without it, the server logs only when the config names an output file. */
  logger?: false
  /** Environment for config overrides (default: none, so the machine's variables cannot leak in). */
  environment?: NodeJS.ProcessEnv
}

export interface StartedGenesis {
  url: string
  dir: string
  running: RunningGenesis
}

const servers: RunningGenesis[] = []
const tempDirs: string[] = []

/** Creates a folder under os.tmpdir() that `stopGenesisServers` removes. */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-ops-'))
  tempDirs.push(dir)
  return dir
}

export async function startGenesis(options: GenesisOptions = {}): Promise<StartedGenesis> {
  const generated = await loadGenerated()
  const dir = await makeTempDir()
  const configFile = path.join(dir, 'config.yaml')
  const text = (options.config ?? 'logging:\n  level: silent\n').replaceAll('{dir}', dir)
  await writeFile(configFile, text)

  const config = generated.loadConfig(configFile, options.environment ?? {})
  const logged = /output_path:\s*\S/.test(text)
  const running = await generated.startServer(options.api ?? generated.api, {
    handlers: options.handlers ?? (await demoHandlers()),
    config,
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    ...(options.logger === false || !logged ? { logger: false } : {}),
  })
  servers.push(running)
  return { url: running.url, dir, running }
}

/** Shuts down every server started here, cutting open connections, and removes the temp folders. */
export async function stopGenesisServers(): Promise<void> {
  for (const running of servers.splice(0)) {
    running.server.closeAllConnections()
    await running.shutdown('test finished')
  }
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
}

/** POSTs a JSON body to /agents/ask. A string `body` is sent as it is. */
export function ask(url: string, body: unknown = { role: 'qa', prompt: 'status?' }, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/agents/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}
