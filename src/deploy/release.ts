/**
 * Builds a release folder that runs on its own: the compiled app and generated server
 * (dist-app/), package.json (for "type": "module"), the config, node_modules and a manifest.
 *
 * node_modules is a symlink to the project's node_modules, not an `npm ci --omit=dev` copy: the
 * release then runs the exact package versions that phase 1 checked, the build needs no registry
 * access, and it takes milliseconds. The cost: the project folder must stay in place, and
 * changing its node_modules changes what every release loads on its next start.
 */

import { createHash } from 'node:crypto'
import { copyFile, mkdir, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { execa } from 'execa'

import type { SpecDocument } from '../spec/document.js'
import type { CommandLog, CommandResult } from './command-log.js'
import { RELEASE_ID, type TargetLayout } from './layout.js'
import type { ProbePlan } from './probes.js'
import { RELEASE_ENTRY } from './process.js'

export const MANIFEST_FILE = 'manifest.json'
/** Path of the config inside a release. The server gets its absolute path in CONTRACTS_CONFIG. */
export const RELEASE_CONFIG = path.join('config', 'contracts.yaml')

export interface ReleaseManifest {
  manifestVersion: 1
  release: string
  environment: string
  builtAt: string
  builtWith: { contracts: string; node: string; typescript?: string }
  git?: { commit: string; dirty: boolean }
  specs: { file: string; title: string; version: string; openapi: string; sha256: string }[]
  config?: { source: string; sha256: string }
  nodeModules: { mode: 'symlink'; target: string }
  entry: string
  probes: ProbePlan
}

export class BuildError extends Error {
  constructor(
    message: string,
    readonly output: string[] = [],
  ) {
    super(message)
    this.name = 'BuildError'
  }
}

function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

/** Compiles app/ and generated/ with the project's tsc and tsconfig.app.json into `releaseDir/dist-app`. */
export async function compileRelease(projectDir: string, releaseDir: string, log: CommandLog, timeoutMs: number): Promise<CommandResult> {
  await mkdir(releaseDir, { recursive: true })
  const tsc = path.join(projectDir, 'node_modules', 'typescript', 'bin', 'tsc')
  const result = await log.run(process.execPath, [tsc, '-p', 'tsconfig.app.json', '--outDir', path.join(releaseDir, 'dist-app'), '--pretty', 'false'], { cwd: projectDir, timeoutMs })
  const lines = result.output.split('\n').filter((line) => line.trim() !== '')
  if (result.timedOut) throw new BuildError(`tsc did not finish within ${Math.round(timeoutMs / 1000)} s`, lines.slice(0, 20))
  if (result.exitCode !== 0) throw new BuildError(`tsc -p tsconfig.app.json failed with exit code ${result.exitCode}: ${lines.length} line(s) of errors`, lines.slice(0, 20))
  try {
    await stat(path.join(releaseDir, RELEASE_ENTRY))
  } catch {
    throw new BuildError(`tsc succeeded but wrote no ${RELEASE_ENTRY}; tsconfig.app.json must compile app/main.ts`)
  }
  return result
}

/** Copies package.json and the config and links node_modules; returns the link target. */
export async function assembleRelease(projectDir: string, releaseDir: string, configFile: string | undefined): Promise<string> {
  await copyFile(path.join(projectDir, 'package.json'), path.join(releaseDir, 'package.json'))
  if (configFile) {
    await mkdir(path.join(releaseDir, 'config'), { recursive: true })
    await copyFile(configFile, path.join(releaseDir, RELEASE_CONFIG))
  }
  const modules = await realpath(path.join(projectDir, 'node_modules'))
  await symlink(modules, path.join(releaseDir, 'node_modules'), 'dir')
  return modules
}

export interface ManifestInput {
  projectDir: string
  release: string
  environment: string
  specs: readonly SpecDocument[]
  configFile?: string
  nodeModules: string
  probes: ProbePlan
}

export async function createManifest(input: ManifestInput): Promise<ReleaseManifest> {
  const specs = await Promise.all(input.specs.map(async (spec) => ({
    file: spec.file,
    title: String((spec.root.info as Record<string, unknown> | undefined)?.title ?? spec.basename),
    version: spec.infoVersion,
    openapi: spec.openapi,
    sha256: sha256(await readFile(path.resolve(input.projectDir, spec.file))),
  })))
  const ownPackage = JSON.parse(await readFile(path.join(input.projectDir, 'package.json'), 'utf8')) as { version?: string }
  const config = input.configFile ? { source: path.resolve(input.configFile), sha256: sha256(await readFile(input.configFile)) } : undefined

  return {
    manifestVersion: 1,
    release: input.release,
    environment: input.environment,
    builtAt: new Date().toISOString(),
    builtWith: { contracts: ownPackage.version ?? 'unknown', node: process.version, typescript: await packageVersion(input.projectDir, 'typescript') },
    git: await gitCommit(input.projectDir),
    specs,
    config,
    nodeModules: { mode: 'symlink', target: input.nodeModules },
    entry: RELEASE_ENTRY,
    probes: input.probes,
  }
}

async function packageVersion(projectDir: string, name: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(path.join(projectDir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version
  } catch {
    return undefined
  }
}

/** HEAD and whether the work tree has changes, or undefined outside a git checkout or without git. */
async function gitCommit(projectDir: string): Promise<ReleaseManifest['git']> {
  const head = await execa('git', ['rev-parse', 'HEAD'], { cwd: projectDir, reject: false, timeout: 5000, stdin: 'ignore' })
  if (head.exitCode !== 0 || !/^[0-9a-f]{40}$/.test(head.stdout.trim())) return undefined
  const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: projectDir, reject: false, timeout: 5000, stdin: 'ignore' })
  return { commit: head.stdout.trim(), dirty: status.exitCode !== 0 || status.stdout.trim() !== '' }
}

export async function writeManifest(releaseDir: string, manifest: ReleaseManifest): Promise<void> {
  await writeFile(path.join(releaseDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
}

export async function readManifest(releaseDir: string): Promise<ReleaseManifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(releaseDir, MANIFEST_FILE), 'utf8')) as ReleaseManifest
  } catch {
    return undefined
  }
}

/** Release ids under TARGET/releases, oldest first. */
export async function listReleaseIds(layout: TargetLayout): Promise<string[]> {
  try {
    return (await readdir(layout.releases)).filter((name) => RELEASE_ID.test(name)).sort()
  } catch {
    return []
  }
}

/**
 * Selects the releases beyond the newest `keep`, oldest first. Protected ones (the serving
 * release, the rollback point, any that still runs) are never selected.
 */
export function releasesToPrune(ids: readonly string[], keep: number, protectedIds: ReadonlySet<string>): string[] {
  const newestFirst = [...ids].sort().reverse()
  return newestFirst.slice(keep).filter((id) => !protectedIds.has(id)).reverse()
}

/** Deletes a release folder with its log and run files. */
export async function removeRelease(layout: TargetLayout, id: string): Promise<void> {
  await rm(layout.releaseDir(id), { recursive: true, force: true })
  await rm(layout.logFile(id), { force: true })
  await rm(layout.pidFile(id), { force: true })
  await rm(layout.processFile(id), { force: true })
}
