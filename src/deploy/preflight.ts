/**
 * Phase 1 checks that read and change nothing: Node.js version, installed dependencies, specs,
 * freshness of generated/, the config file, the target folder and the port.
 */

import { constants } from 'node:fs'
import { access, readFile, readdir, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import path from 'node:path'

import semver from 'semver'

import { readGenerateConfig } from '../config-file.js'
import { formatDiagnostic } from '../diagnostics.js'
import { generate, type GenerateResult } from '../generator/index.js'
import { compareOutput } from '../generator/output.js'
import { findSpecFiles } from '../spec/discover.js'
import { validateSpecFiles } from '../validate/index.js'
import { ConfigError, loadConfig, type ContractsConfig } from '../../templates/runtime/config.js'
import type { CheckOutcome } from './runner.js'
import { EXIT } from './report.js'

export interface PackageJson {
  name?: string
  version?: string
  engines?: { node?: string }
  dependencies?: Record<string, string>
}

export async function readPackageJson(projectDir: string): Promise<PackageJson> {
  return JSON.parse(await readFile(path.join(projectDir, 'package.json'), 'utf8')) as PackageJson
}

export function checkNodeVersion(manifest: PackageJson, version = process.version): CheckOutcome {
  const range = manifest.engines?.node
  if (!range) return { status: 'passed', summary: `${version}; package.json sets no engines.node` }
  if (semver.satisfies(version, range, { includePrerelease: true })) return { status: 'passed', summary: `${version} satisfies engines.node "${range}"` }
  return {
    status: 'failed',
    summary: `${version} does not satisfy engines.node "${range}" in package.json`,
    suggestion: `Install a Node.js release that satisfies "${range}" and run the deploy with it.`,
  }
}

/** Every entry of `dependencies` must be in the project's node_modules at a version its range allows. */
export async function checkDependencies(projectDir: string, manifest: PackageJson): Promise<CheckOutcome> {
  const entries = Object.entries(manifest.dependencies ?? {})
  const problems: string[] = []
  const details: string[] = []
  for (const [name, range] of entries) {
    const file = path.join(projectDir, 'node_modules', name, 'package.json')
    let installed: string | undefined
    try {
      installed = (JSON.parse(await readFile(file, 'utf8')) as PackageJson).version
    } catch {
      problems.push(`${name} is missing`)
      continue
    }
    details.push(`${name}@${installed} (wanted ${range})`)
    if (installed && semver.validRange(range) && !semver.satisfies(installed, range)) problems.push(`${name}@${installed} does not satisfy ${range}`)
  }
  if (problems.length === 0) return { status: 'passed', summary: `${entries.length} of ${entries.length} installed in ${path.join(projectDir, 'node_modules')}`, details }
  return {
    status: 'failed',
    summary: `${problems.length} of ${entries.length} not installed as package.json requires: ${problems.join(', ')}`,
    details,
    suggestion: `Run \`npm ci\` in ${projectDir}.`,
  }
}

/**
 * Validates every spec of `specDir` (relative to the project folder, the working directory) with
 * the `contracts validate-schemas` rules, then generates them in memory for the freshness check
 * and the manifest. Errors of either step fail the check.
 */
export async function checkSpecs(specDir: string): Promise<{ outcome: CheckOutcome; result?: GenerateResult }> {
  const specFiles = await findSpecFiles(specDir)
  const report = await validateSpecFiles(specFiles)
  const errors = report.diagnostics.filter((item) => item.severity === 'error').map((item) => formatDiagnostic(item))
  const warnings = report.diagnostics.filter((item) => item.severity === 'warning').map((item) => formatDiagnostic(item))
  if (errors.length > 0) {
    return {
      outcome: {
        status: 'failed',
        summary: `${report.errorCount} error(s) in ${specFiles.length} spec(s) under ${specDir}`,
        details: [...errors.slice(0, 20), ...(errors.length > 20 ? [`... and ${errors.length - 20} more`] : [])],
        suggestion: `Run \`contracts validate-schemas --spec-dir ${specDir}\` and fix the errors it lists.`,
        exitCode: EXIT.usage,
      },
    }
  }

  // Relative paths and the default config, exactly as `contracts generate` run from the project
  // folder uses them, so the files compare equal to the committed ones.
  const result = await generate(specFiles, { config: readGenerateConfig(undefined) })
  warnings.push(...result.diagnostics.map((item) => formatDiagnostic(item)))
  const names = result.specs.map((spec) => `${spec.file} (OpenAPI ${spec.openapi}, info.version ${spec.infoVersion})`)
  const summary = `${result.specs.length} spec(s) valid, ${result.operationCount} operations`
  if (warnings.length === 0) return { outcome: { status: 'passed', summary, details: names }, result }
  return {
    outcome: { status: 'warning', summary: `${summary}; ${warnings.length} warning(s)`, details: [...names, ...warnings], suggestion: 'Run `contracts validate-schemas` to see the warnings with their locations.' },
    result,
  }
}

/** Compares generated/ with a fresh generation, as `contracts generate --check` does. */
export async function checkGeneratedUpToDate(outDir: string, result: GenerateResult): Promise<CheckOutcome> {
  const difference = await compareOutput(outDir, result.files)
  const problems = [
    ...difference.stale.map((file) => `stale    ${path.join(outDir, file)}`),
    ...difference.missing.map((file) => `missing  ${path.join(outDir, file)}`),
    ...difference.extra.map((file) => `extra    ${path.join(outDir, file)}`),
  ]
  if (problems.length === 0) return { status: 'passed', summary: `${outDir}/ matches the specs (${result.files.length} files)` }
  return {
    status: 'failed',
    summary: `${outDir}/ is out of date: ${problems.length} file${problems.length === 1 ? '' : 's'} differ from what the specs generate`,
    details: problems,
    suggestion: 'Run `contracts generate`, review and commit the result, then deploy again.',
  }
}

/** Reads the config file alone, without environment overrides (phase 2 adds those). */
export function checkConfigFile(file: string | undefined): { outcome: CheckOutcome; config?: ContractsConfig } {
  try {
    const config = loadConfig(file, {})
    const source = file ?? 'no file: built-in defaults'
    return { outcome: { status: 'passed', summary: `${source} is valid (environment ${config.environment})` }, config }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    const lines = error.message.split('\n')
    return {
      outcome: { status: 'failed', summary: lines[0] ?? error.message, details: lines.slice(1), suggestion: `Fix ${file} and run the deploy again.`, exitCode: EXIT.usage },
    }
  }
}

/** The target folder, or its nearest existing parent when it does not exist yet, must be writable. */
export async function checkTargetWritable(target: string): Promise<CheckOutcome> {
  let existing = target
  while (!(await exists(existing))) {
    const parent = path.dirname(existing)
    if (parent === existing) break
    existing = parent
  }
  const info = await stat(existing)
  if (!info.isDirectory()) {
    return { status: 'failed', summary: `${existing} is not a folder`, suggestion: 'Pass another folder with --target.', exitCode: EXIT.usage }
  }
  try {
    await access(existing, constants.W_OK)
  } catch {
    return { status: 'failed', summary: `${existing} is not writable by this user`, suggestion: `Run the deploy as the owner of ${existing}, or pass another folder with --target.` }
  }
  if (existing !== target) return { status: 'passed', summary: `${target} does not exist yet; ${existing} is writable, so it can be created` }
  return describeExistingTarget(target)
}

async function describeExistingTarget(target: string): Promise<CheckOutcome> {
  const names = await readdir(target)
  const ours = new Set(['releases', 'current', 'run', 'logs', 'state.json', 'deploy.lock'])
  const foreign = names.filter((name) => !ours.has(name) && !name.endsWith('.tmp'))
  if (foreign.length === 0) return { status: 'passed', summary: `${target} is writable` }
  return {
    status: 'warning',
    summary: `${target} is writable but also contains ${foreign.length} entries a deploy does not create`,
    details: foreign.slice(0, 20),
    suggestion: 'Deploy into a folder of its own; the deploy leaves these entries alone.',
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}

/** Tries to listen on host:port and returns the error code when that fails (EADDRINUSE, EACCES, ...). */
export function probePort(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)))
  })
}

export interface PortHolder {
  release: string
  pid: number
}

export async function checkPort(host: string, port: number, holder: PortHolder | undefined): Promise<CheckOutcome> {
  const problem = await probePort(host, port)
  if (problem === undefined) return { status: 'passed', summary: `${host}:${port} is free` }
  if (problem === 'EADDRINUSE' && holder) {
    return { status: 'passed', summary: `${host}:${port} is held by release ${holder.release} (pid ${holder.pid}), which this deploy replaces` }
  }
  if (problem === 'EADDRINUSE') {
    return {
      status: 'failed',
      summary: `${host}:${port} is in use by a process that is not a release of this target`,
      suggestion: `Stop that process (\`ss -ltnp | grep :${port}\` shows it) or deploy on another port with --port.`,
    }
  }
  return { status: 'failed', summary: `cannot listen on ${host}:${port} (${problem})`, suggestion: 'Check server.host in the config, or pass another --port.' }
}
