/**
 * Helpers of the deploy tests: a throwaway copy of the project, free loopback ports, the built
 * CLI run as a subprocess, snapshots of a target folder, and cleanup of every release process.
 */

import { createHash } from 'node:crypto'
import { cp, lstat, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { execa } from 'execa'
import { Redis } from 'ioredis'

import { binPath, nodeModulesDir, repoRoot } from '../helpers/paths.js'

export const REDIS_HOST = '127.0.0.1'
export const REDIS_PORT = 6379

/** Finds a port that was free on 127.0.0.1 a moment ago, never 8000 (the default of the configs). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer()
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const address = server.address()
        const found = typeof address === 'object' && address ? address.port : 0
        server.close(() => resolve(found))
      })
    })
    if (port !== 8000) return port
  }
}

/**
 * Copies what a deploy reads (package.json, tsconfig.app.json, app/, schemas/) into a new
 * folder, links node_modules and regenerates generated/ there with the built CLI, so the copy
 * is consistent with the templates of this checkout.
 */
export async function makeProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-deploy-project-'))
  for (const entry of ['package.json', 'tsconfig.app.json', 'app', 'schemas']) {
    await cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true })
  }
  await symlink(nodeModulesDir, path.join(dir, 'node_modules'), 'dir')
  await regenerate(dir)
  return dir
}

/**
 * Runs `contracts generate` in the project copy. The CLI reads templates/runtime of this checkout
 * when it runs, so tests call this right before each deploy: otherwise an edit to the templates
 * during the test run would make phase 1 find generated/ out of date.
 */
export async function regenerate(dir: string): Promise<void> {
  const generated = await runCli(['generate'], { cwd: dir })
  if (generated.exitCode !== 0) throw new Error(`contracts generate failed in ${dir}:\n${generated.stderr}`)
}

export interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
}

/** Environment of the CLI: the parent's, without the variables that override the config. */
function cliEnvironment(extra: Record<string, string>): Record<string, string> {
  const environment: Record<string, string> = { NO_COLOR: '1', FORCE_COLOR: '0' }
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(REDIS_|API_|PORT$|HOST$|CONTRACTS_)/.test(name)) continue
    environment[name] = value
  }
  return { ...environment, ...extra }
}

export async function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  const run = await execa(process.execPath, [binPath, ...args], { cwd: options.cwd, reject: false, env: cliEnvironment(options.env ?? {}), extendEnv: false, timeout: 600_000 })
  return { exitCode: run.exitCode ?? -1, stdout: run.stdout, stderr: run.stderr }
}

/** Runs a command with --json and parses the report; the text is kept for failure messages. */
export async function runJson<T = JsonReport>(args: readonly string[], options: { cwd: string }): Promise<CliRun & { report: T }> {
  const run = await runCli([...args, '--json'], options)
  let report: T
  try {
    report = JSON.parse(run.stdout) as T
  } catch {
    throw new Error(`not JSON (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
  }
  return { ...run, report }
}

export interface JsonCheck {
  title: string
  status: string
  summary: string
  details: string[]
}

export interface JsonReport {
  status: string
  exitCode: number
  headline: string
  release?: string
  serving?: { release: string; url: string; pid?: number }
  rollbackPoint?: { id: string; release: string }
  phases: { number: number; title: string; status: string; checks: JsonCheck[] }[]
  plan: string[]
  notes: string[]
}

export function findCheck(report: JsonReport, phase: number, title: string): JsonCheck | undefined {
  return report.phases.find((entry) => entry.number === phase)?.checks.find((check) => check.title === title)
}

export async function writeConfig(dir: string, name: string, content: string): Promise<string> {
  const file = path.join(dir, name)
  await writeFile(file, content)
  return file
}

/** Lists every entry under `dir` with its type, size, symlink target and content hash. */
export async function snapshotTree(dir: string): Promise<string[]> {
  const lines: string[] = []
  const walk = async (folder: string): Promise<void> => {
    let names: string[]
    try {
      names = (await readdir(folder)).sort()
    } catch {
      return
    }
    for (const name of names) {
      const file = path.join(folder, name)
      const info = await lstat(file)
      const relative = path.relative(dir, file)
      if (info.isSymbolicLink()) lines.push(`link ${relative} -> ${await readlink(file)}`)
      else if (info.isDirectory()) {
        lines.push(`dir  ${relative}`)
        await walk(file)
      } else {
        const hash = createHash('sha256').update(await readFile(file)).digest('hex').slice(0, 16)
        lines.push(`file ${relative} ${info.size} ${info.mtimeMs} ${hash}`)
      }
    }
  }
  await walk(dir)
  return lines
}

/** Pids of processes whose command line mentions `needle`, from /proc (Linux). */
export function processesMentioning(needle: string): number[] {
  const pids: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) pids.push(Number(name))
    } catch {
      // The process ended while the list was read.
    }
  }
  return pids.sort((a, b) => a - b)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').charAt(0)
    return state !== 'Z'
  } catch {
    return false
  }
}

/** Stops every release process of `target` (SIGTERM, then SIGKILL after 10 s). */
export async function stopTargetProcesses(target: string): Promise<void> {
  const pids = processesMentioning(path.join(target, 'releases'))
  for (const pid of pids) process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + 10_000
  while (pids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL')
}

export async function removeFolder(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true })
}

export function redisClient(): Redis {
  return new Redis({ host: REDIS_HOST, port: REDIS_PORT, lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 })
}

/** Keys under `prefix` with their values' types and TTL presence, sorted. */
export async function redisKeys(client: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    cursor = next
    keys.push(...batch)
  } while (cursor !== '0')
  return keys.sort()
}

export async function deleteRedisKeys(client: Redis, prefix: string): Promise<void> {
  const keys = await redisKeys(client, prefix)
  if (keys.length > 0) await client.del(...keys)
}

export async function fetchHealth(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/health`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
