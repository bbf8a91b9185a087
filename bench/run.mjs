#!/usr/bin/env node
/**
 * `npm run bench`: builds the product and every variant, measures them, and writes
 * docs/benchmarks.md. The sections, in order:
 * - load: seven servers on POST /agents/ask, one at a time on their own loopback port. The
 *   autocannon process loads each in turn, in BENCH_ROUNDS interleaved rounds.
 * - micro: nanoseconds per body-validator call, and the pipeline's cost per request.
 * - round-trips: Redis commands per request of the generated server, on a private redis-server.
 * - profile: a --cpu-prof profile of each generated variant that misses a target.
 * - cold: the time from start-up to the first 200, on the GitHub REST spec and the bundled specs.
 * - codegen: `contracts generate` against openapi-typescript on the GitHub REST spec.
 * Settings come from BENCH_* environment variables (see settingsFromEnvironment). Every process
 * it starts is bounded in time and killed when the harness ends, also on failure.
 */

import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { measureNodeScript, measuringTool } from './lib/codegen.mjs'
import { armCleanup, killAll, run, start, stop } from './lib/processes.mjs'
import { topSelfTime, topTotalTime } from './lib/profile.mjs'
import { renderPage, terminalSummary } from './lib/report.mjs'
import { coldStart, startServer, stopServer } from './lib/servers.mjs'
import { evaluateThroughput } from './lib/targets.mjs'

const BENCH = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(BENCH, '..')
const RESULTS = path.join(BENCH, '.results')
const LOGS = path.join(RESULTS, 'logs')
const PROFILES = path.join(RESULTS, 'profiles')
const GITHUB = path.join(RESULTS, 'github')
const GITHUB_SPEC = path.join(BENCH, 'node_modules/@octokit/openapi/generated/api.github.com.json')
const TEMPLATE = path.join(BENCH, 'benchmarks.template.md')
const PAGE = path.join(ROOT, 'docs/benchmarks.md')
const KEY_PREFIX = 'contracts-bench'
const REDIS_PORT = 6379
const SECTIONS = ['load', 'micro', 'round-trips', 'profile', 'cold', 'codegen']
// The cold start on the GitHub spec waits for a 200 to this GET. The bundled specs have no GET
// operation, so their cold start waits for a 200 to POST /agents/ask instead.
const GITHUB_GET = '/meta'
const VALID_BODY = '{"role":"qa","prompt":"Test question"}'
const INVALID_BODY = '{"role":"qa"}'

const VARIANTS = [
  { id: 'bare', name: 'node:http, JSON parse, no validation', script: 'servers/bare.mjs', validates: false },
  { id: 'fastify', name: 'fastify + Ajv body schema', script: 'servers/fastify.mjs', validates: true },
  { id: 'express-openapi-validator', name: 'express + express-openapi-validator', script: 'servers/express-openapi-validator.mjs', validates: true },
  { id: 'contracts', name: 'contracts, validation only', script: 'servers/contracts.mjs', args: ['configs/validation-only.yaml'], validates: true, generated: true },
  { id: 'fastify-rate-limit', name: 'fastify + @fastify/rate-limit on Redis', script: 'servers/fastify.mjs', args: ['--rate-limit'], validates: true, redis: true },
  { id: 'contracts-redis', name: 'contracts, rate limit + idempotency on Redis', script: 'servers/contracts.mjs', args: ['configs/redis.yaml'], validates: true, redis: true, generated: true },
  { id: 'contracts-memory', name: 'contracts, rate limit + idempotency in memory', script: 'servers/contracts.mjs', args: ['configs/memory.yaml'], validates: true, generated: true },
].map((variant, index) => ({ ...variant, number: index + 1 }))

function settingsFromEnvironment(environment) {
  const number = (name, fallback, { min = 0, integer = false } = {}) => {
    const text = environment[name]
    if (text === undefined || text === '') return fallback
    const value = Number(text)
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      throw new Error(`Invalid ${name}=${JSON.stringify(text)}: use a${integer ? ' whole' : ''} number of at least ${min}.`)
    }
    return value
  }
  const only = (environment.BENCH_ONLY ?? SECTIONS.join(',')).split(',').map((name) => name.trim()).filter(Boolean)
  const unknown = only.filter((name) => !SECTIONS.includes(name))
  if (unknown.length > 0) throw new Error(`Invalid BENCH_ONLY section ${unknown.join(', ')}: use a comma-separated list of ${SECTIONS.join(', ')}.`)
  return {
    rounds: number('BENCH_ROUNDS', 2, { min: 1, integer: true }),
    connections: number('BENCH_CONNECTIONS', 50, { min: 1, integer: true }),
    warmup: number('BENCH_WARMUP', 3),
    duration: number('BENCH_DURATION', 8, { min: 1 }),
    invalidWarmup: number('BENCH_INVALID_WARMUP', 1),
    invalidDuration: number('BENCH_INVALID_DURATION', 4, { min: 1 }),
    // Seconds for the whole run; the code generator gets what the other sections leave. 0: none.
    budget: number('BENCH_BUDGET', 570),
    // Seconds `contracts generate` may take; 0: whatever the budget leaves (at most 1800).
    codegenTimeout: number('BENCH_CODEGEN_TIMEOUT', 0),
    coldRepeats: number('BENCH_COLD_REPEATS', 3, { min: 1, integer: true }),
    coldTimeout: number('BENCH_COLD_TIMEOUT', 30, { min: 1 }),
    profile: environment.BENCH_PROFILE !== '0',
    profileDuration: number('BENCH_PROFILE_DURATION', 5, { min: 1 }),
    profileCodegen: environment.BENCH_PROFILE_CODEGEN === '1',
    basePort: number('BENCH_PORT', 4100, { min: 1024, integer: true }),
    skipBuild: environment.BENCH_SKIP_BUILD === '1',
    writePage: environment.BENCH_WRITE_DOCS !== '0',
    only,
  }
}

const settings = settingsFromEnvironment(process.env)
const started = performance.now()
// Taken before the harness builds anything, so it shows other work on the machine.
const loadAtStart = os.loadavg()[0].toFixed(2)
const elapsed = () => (performance.now() - started) / 1000
const remaining = () => (settings.budget > 0 ? settings.budget - elapsed() : Infinity)
const wants = (section) => settings.only.includes(section)

function log(message) {
  process.stderr.write(`[${elapsed().toFixed(0).padStart(4)} s] ${message}\n`)
}

function readVersion(folder, name) {
  try {
    return JSON.parse(readFileSync(path.join(folder, 'node_modules', name, 'package.json'), 'utf8')).version
  } catch {
    return undefined
  }
}

function git(args) {
  try {
    return run('git', args, { cwd: ROOT }).then((result) => result.stdout.trim())
  } catch {
    return Promise.resolve('')
  }
}

const results = {
  startedAt: new Date().toISOString(),
  settings,
  machine: {},
  versions: [],
  warnings: [],
  variants: VARIANTS.map(({ id, name, number, validates, redis }) => ({ id, name, number, validates, redis: Boolean(redis) })),
  rounds: [],
}

let redisServer
let redisReady = false
let redisKeys

async function cleanupRedis() {
  if (!redisReady || !redisKeys) return
  try {
    const deleted = await redisKeys.deleteKeys(REDIS_PORT, KEY_PREFIX)
    if (deleted > 0) log(`deleted ${deleted} Redis keys under ${KEY_PREFIX}:`)
  } catch (error) {
    log(`could not delete the Redis keys under ${KEY_PREFIX}: (${error.message})`)
  }
}

armCleanup(async () => {
  await cleanupRedis()
})

async function runStep(name, command, args, { cwd = ROOT, timeoutMs } = {}) {
  const logFile = path.join(LOGS, `${name}.log`)
  rmSync(logFile, { force: true })
  log(`${name}: ${[command, ...args].join(' ')}`)
  const result = await run(command, args, { cwd, logFile, timeoutMs })
  if (result.stdout) writeFileSync(logFile, `${result.stdout}\n`, { flag: 'a' })
  return { ...result, logFile }
}

// Installs and builds what the run needs: the product's and the harness's packages, the CLI
// (dist/) and the app with the generated server (dist-app/).
async function prepare() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  if (!existsSync(path.join(ROOT, 'node_modules/.package-lock.json'))) {
    const installed = await runStep('npm-ci-product', npm, ['ci', '--no-audit', '--no-fund'], { timeoutMs: 600_000 })
    if (installed.code !== 0) throw new Error(`npm ci in ${ROOT} failed; see ${installed.logFile}`)
  }
  if (!existsSync(path.join(BENCH, 'node_modules/.package-lock.json'))) {
    const installed = await runStep('npm-ci-bench', npm, ['ci', '--prefix', BENCH, '--no-audit', '--no-fund'], { timeoutMs: 600_000 })
    if (installed.code !== 0) throw new Error(`npm ci --prefix bench failed; see ${installed.logFile}`)
  }
  if (settings.skipBuild) {
    results.warnings.push('BENCH_SKIP_BUILD=1: dist/ and dist-app/ were not rebuilt for this run.')
  } else {
    const builds = [
      ['build-cli', 'npm run build', npm, ['run', 'build'], 'dist/src/commands/generate.js'],
      ['build-app', 'tsc -p tsconfig.app.json', process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.app.json'], 'dist-app/generated/index.js'],
    ]
    for (const [name, label, command, args, output] of builds) {
      const built = await runStep(name, command, args, { timeoutMs: 600_000 })
      if (built.code === 0) continue
      // tsc writes JavaScript despite type errors, and that output is what the run measures.
      if (!existsSync(path.join(ROOT, output))) throw new Error(`${label} failed and wrote no ${output}; see ${built.logFile}`)
      const firstError = readFileSync(built.logFile, 'utf8').split('\n').find((line) => line.includes('error TS')) ?? 'see its log'
      results.warnings.push(`\`${label}\` exited with code ${built.code} (${firstError.trim()}), so the run measured the JavaScript it emitted despite the errors.`)
      log(`${name} exited with code ${built.code}; continuing with the emitted JavaScript`)
    }
  }
  for (const output of ['dist-app/generated/index.js', 'dist-app/app/handlers.js']) {
    if (!existsSync(path.join(ROOT, output))) throw new Error(`${output} is missing: run npm run build and npx tsc -p tsconfig.app.json.`)
  }
}

async function describeMachine() {
  const cpus = os.cpus()
  const commit = await git(['rev-parse', '--short', 'HEAD'])
  const dirty = await git(['status', '--porcelain', '--', 'src', 'templates', 'generated', 'app'])
  results.machine = {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    loadStart: loadAtStart,
    commit: commit ? `${commit}${dirty ? ' with uncommitted changes in src/, templates/, generated/ or app/' : ''}` : 'unknown',
  }
}

function describeVersions(redisVersion) {
  const product = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  results.versions = [
    { name: 'contracts', version: product.version, role: 'the product (variants 4, 6, 7)' },
    ...[
      ['ajv', 'product: compiles the validators'],
      ['pino', 'product: logger'],
      ['ioredis', 'product: Redis client'],
      ['typescript', 'product: build'],
    ].map(([name, role]) => ({ name, version: readVersion(ROOT, name), role })),
    ...[
      ['autocannon', 'load generator'],
      ['fastify', 'variants 2 and 5'],
      ['@fastify/rate-limit', 'variant 5'],
      ['ioredis', 'variant 5: Redis client'],
      ['express', 'variant 3, cold start'],
      ['express-openapi-validator', 'variant 3, cold start'],
      ['openapi-backend', 'cold start'],
      ['openapi-typescript', 'code generation peer'],
      ['@octokit/openapi', 'GitHub REST spec'],
      ['esbuild', 'compiles the generated GitHub server for the cold start'],
      ['yaml', 'harness: reads the bundled specs'],
    ].map(([name, role]) => ({ name: `bench: ${name}`, version: readVersion(BENCH, name), role })),
    { name: 'redis-server', version: redisVersion ?? (redisKeys ? 'not reachable' : 'not used in this run'), role: 'store of variants 5 and 6' },
  ]
}

async function prepareRedis() {
  redisKeys = await import('./lib/redis.mjs')
  let version = await redisKeys.redisVersion(REDIS_PORT)
  if (!version) {
    log(`no Redis answers on 127.0.0.1:${REDIS_PORT}; starting redis-server without persistence`)
    redisServer = start('redis-server', ['--bind', '127.0.0.1', '--port', String(REDIS_PORT), '--save', '', '--appendonly', 'no'], { logFile: path.join(LOGS, 'redis-server.log') })
    for (let attempt = 0; attempt < 50 && !version; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      version = await redisKeys.redisVersion(REDIS_PORT)
    }
  }
  redisReady = Boolean(version)
  if (!redisReady) results.warnings.push(`Redis was not reachable on 127.0.0.1:${REDIS_PORT} and could not be started, so variants 5 and 6 were skipped.`)
  else await cleanupRedis()
  return version
}

function loadSettings(port, body, expectedStatus, warmupSeconds, durationSeconds) {
  return JSON.stringify({ url: `http://127.0.0.1:${port}`, body, connections: settings.connections, warmupSeconds, durationSeconds, expectedStatus })
}

async function runLoad(name, port, body, expectedStatus, warmupSeconds, durationSeconds) {
  const result = await run(process.execPath, [path.join(BENCH, 'lib/load.mjs'), loadSettings(port, body, expectedStatus, warmupSeconds, durationSeconds)], {
    cwd: BENCH,
    logFile: path.join(LOGS, `load-${name}.log`),
    timeoutMs: (warmupSeconds + durationSeconds + 45) * 1000,
  })
  const line = result.stdout.split('\n').filter(Boolean).pop()
  if (result.code !== 0 || !line) throw new Error(`load generator failed (code ${result.code}${result.timedOut ? ', timed out' : ''}); see ${path.join(LOGS, `load-${name}.log`)}`)
  return JSON.parse(line)
}

function serverLifetime(variant) {
  const load = settings.warmup + settings.duration + (variant.validates ? settings.invalidWarmup + settings.invalidDuration : 0)
  return Math.ceil(load + 120)
}

/** Measures one variant in one round: start, valid load, invalid load, stop, Redis cleanup. */
async function measureVariant(variant, round) {
  if (variant.redis && !redisReady) return { skipped: 'skipped: Redis not reachable' }
  const port = settings.basePort + variant.number
  const name = `${variant.id}-round${round}`
  const server = await startServer({
    script: path.join(BENCH, variant.script),
    args: (variant.args ?? []).map((arg) => (arg.endsWith('.yaml') ? path.join(BENCH, arg) : arg)),
    port,
    cwd: BENCH,
    lifetimeSeconds: serverLifetime(variant),
    logFile: path.join(LOGS, `server-${name}.log`),
  })
  const measured = {}
  try {
    measured.valid = await runLoad(`${name}-valid`, port, VALID_BODY, 200, settings.warmup, settings.duration)
    if (variant.validates) measured.invalid = await runLoad(`${name}-invalid`, port, INVALID_BODY, 400, settings.invalidWarmup, settings.invalidDuration)
  } catch (error) {
    measured.error = `error: ${error.message}`
  } finally {
    const exit = await stopServer(server)
    measured.maxRssKb = exit?.maxRssKb
    if (variant.redis) await cleanupRedis()
  }
  return measured
}

async function loadRounds() {
  for (let round = 1; round <= settings.rounds; round += 1) {
    // Odd rounds run the variants in order, even rounds backwards, so drift in the machine's
    // load does not always favour the same variants.
    const order = round % 2 === 1 ? VARIANTS : [...VARIANTS].reverse()
    const entry = { round, order: order.map((variant) => variant.number), runs: {} }
    results.rounds.push(entry)
    for (const variant of order) {
      log(`round ${round}/${settings.rounds}: ${variant.number}. ${variant.name}`)
      entry.runs[variant.id] = await measureVariant(variant, round)
      const valid = entry.runs[variant.id].valid
      if (valid) log(`  ${Math.round(valid.requestsPerSecond)} req/s, p50 ${valid.latencyMs.p50} ms, p99 ${valid.latencyMs.p99} ms`)
      else log(`  ${entry.runs[variant.id].error ?? entry.runs[variant.id].skipped}`)
    }
  }
}

async function microBenchmarks() {
  log('micro-benchmarks: validators and pipeline')
  const result = await run(process.execPath, [path.join(BENCH, 'micro.mjs')], { cwd: BENCH, logFile: path.join(LOGS, 'micro.log'), timeoutMs: 180_000 })
  const line = result.stdout.split('\n').filter(Boolean).pop()
  results.micro = result.code === 0 && line ? JSON.parse(line) : { error: `micro.mjs failed (code ${result.code}); see ${path.join(LOGS, 'micro.log')}` }
}

async function roundTrips() {
  log('round trips: Redis commands per request, on a private redis-server')
  const result = await run(process.execPath, [path.join(BENCH, 'round-trips.mjs')], { cwd: BENCH, logFile: path.join(LOGS, 'round-trips.log'), timeoutMs: 120_000 })
  const line = result.stdout.split('\n').filter(Boolean).pop()
  let parsed
  try {
    parsed = line ? JSON.parse(line) : undefined
  } catch {
    parsed = undefined
  }
  results.roundTrips = parsed ?? { error: `round-trips.mjs failed (code ${result.code}${result.timedOut ? ', timed out' : ''}); see ${path.join(LOGS, 'round-trips.log')}` }
}

function summarizeProfile(file, keep, fromMicros = 0) {
  return {
    top: topSelfTime(file, { limit: 12, root: ROOT, fromMicros }),
    inclusive: topTotalTime(file, keep, { limit: 10, root: ROOT, fromMicros }),
  }
}

/** Profiles the generated variants that miss a throughput target, under the same load. */
async function profiles() {
  const verdicts = evaluateThroughput(results.rounds)
  const missed = new Set(verdicts.filter((target) => target.verdict !== 'met' && target.verdict !== 'not measured').map((target) => target.variant))
  // The memory store runs the same pipeline as the Redis one without the network round trips.
  if (missed.has('contracts-redis')) missed.add('contracts-memory')
  results.profiles = []
  mkdirSync(PROFILES, { recursive: true })
  for (const variant of VARIANTS.filter((candidate) => candidate.generated && missed.has(candidate.id))) {
    if (variant.redis && !redisReady) continue
    const file = path.join(PROFILES, `${variant.id}.cpuprofile`)
    rmSync(file, { force: true })
    log(`profile: ${variant.number}. ${variant.name}`)
    const port = settings.basePort + 20 + variant.number
    const entry = {
      title: `${variant.number}. ${variant.name}`,
      file: path.relative(ROOT, file),
      note: `valid body, the ${settings.profileDuration} s under load after a 1 s warm-up; start-up and warm-up samples left out`,
    }
    let fromMicros = 0
    try {
      const server = await startServer({
        script: path.join(BENCH, variant.script),
        args: (variant.args ?? []).map((arg) => (arg.endsWith('.yaml') ? path.join(BENCH, arg) : arg)),
        port,
        cwd: BENCH,
        nodeFlags: ['--cpu-prof', '--cpu-prof-dir', PROFILES, '--cpu-prof-name', path.basename(file)],
        lifetimeSeconds: settings.profileDuration + 120,
        logFile: path.join(LOGS, `server-${variant.id}-profile.log`),
      })
      try {
        await runLoad(`${variant.id}-profile-warmup`, port, VALID_BODY, 200, 0, 1)
        fromMicros = await server.mark()
        await runLoad(`${variant.id}-profile`, port, VALID_BODY, 200, 0, settings.profileDuration)
      } finally {
        await stopServer(server)
        if (variant.redis) await cleanupRedis()
      }
      Object.assign(entry, summarizeProfile(file, (url) => url.startsWith('dist-app/'), fromMicros))
    } catch (error) {
      entry.error = error.message
    }
    results.profiles.push(entry)
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}

/** Cold starts of one server, repeated; a server slower than 5 s is started once only. */
async function coldStarts(entry) {
  const samples = []
  const listen = []
  let maxRssKb
  for (let attempt = 0; attempt < settings.coldRepeats; attempt += 1) {
    const measured = await coldStart({
      script: path.join(BENCH, entry.script),
      args: entry.args,
      port: settings.basePort + 40,
      probe: entry.probe,
      cwd: BENCH,
      logFile: path.join(LOGS, `cold-${entry.id}.log`),
      timeoutMs: settings.coldTimeout * 1000,
    })
    if (measured.error) {
      entry.error = measured.error
      break
    }
    samples.push(measured.ms)
    if (measured.listenMs !== undefined) listen.push(measured.listenMs)
    maxRssKb = Math.max(maxRssKb ?? 0, measured.maxRssKb ?? 0) || undefined
    if (measured.ms > 5000) {
      entry.note = [entry.note, 'started once: slower than 5 s'].filter(Boolean).join('; ')
      break
    }
  }
  Object.assign(entry, { samples, maxRssKb })
  if (samples.length > 0) {
    entry.medianMs = median(samples)
    if (listen.length > 0) entry.listenMedianMs = median(listen)
    delete entry.error
  }
  log(`cold start ${entry.id}: ${entry.medianMs !== undefined ? `${entry.medianMs.toFixed(0)} ms` : entry.error}`)
  const { script, args, ...described } = entry
  return described
}

async function coldPeers() {
  results.cold = results.cold ?? []
  const bundledSpec = path.join(ROOT, 'schemas/agents_ask.openapi.yaml')
  const bundledProbe = { method: 'POST', path: '/agents/ask', body: VALID_BODY }
  const githubProbe = { method: 'GET', path: GITHUB_GET }
  const entries = [
    {
      id: 'contracts-bundled',
      name: 'contracts (dist-app, all three bundled specs)',
      spec: 'bundled',
      script: 'servers/cold-contracts.mjs',
      args: [path.join(ROOT, 'dist-app/generated/index.js'), path.join(BENCH, 'configs/validation-only.yaml')],
      probe: bundledProbe,
    },
    { id: 'express-openapi-validator-bundled', name: 'express + express-openapi-validator', spec: 'agents_ask.openapi.yaml', script: 'servers/cold-express-openapi-validator.mjs', args: [bundledSpec], probe: bundledProbe },
    { id: 'openapi-backend-bundled', name: 'openapi-backend + node:http', spec: 'agents_ask.openapi.yaml', script: 'servers/cold-openapi-backend.mjs', args: [bundledSpec], probe: bundledProbe },
    { id: 'express-openapi-validator-github', name: 'express + express-openapi-validator', spec: 'GitHub REST', script: 'servers/cold-express-openapi-validator.mjs', args: [GITHUB_SPEC], probe: githubProbe },
    { id: 'openapi-backend-github', name: 'openapi-backend + node:http', spec: 'GitHub REST', script: 'servers/cold-openapi-backend.mjs', args: [GITHUB_SPEC], probe: githubProbe },
  ]
  for (const entry of entries) {
    log(`cold start: ${entry.name} (${entry.spec})`)
    results.cold.push(await coldStarts(entry))
  }
}

/** Hashes what decides the generator's output: the spec, the CLI build and the runtime. */
function generatorKey() {
  const hash = createHash('sha256')
  const add = (folder) => {
    if (!existsSync(folder)) return
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) add(file)
      else if (/\.(js|ts|json)$/.test(entry.name)) hash.update(path.relative(ROOT, file)).update(readFileSync(file))
    }
  }
  hash.update(readFileSync(GITHUB_SPEC))
  add(path.join(ROOT, 'dist/src'))
  add(path.join(ROOT, 'templates'))
  return hash.digest('hex')
}

function describeSpec() {
  const spec = JSON.parse(readFileSync(GITHUB_SPEC, 'utf8'))
  const operations = Object.values(spec.paths ?? {}).reduce((count, item) => count + Object.keys(item).filter((key) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(key)).length, 0)
  const megabytes = (statSync(GITHUB_SPEC).size / 1024 / 1024).toFixed(1)
  return {
    file: path.relative(ROOT, GITHUB_SPEC),
    description: `@octokit/openapi ${readVersion(BENCH, '@octokit/openapi')}, OpenAPI ${spec.openapi}, ${Object.keys(spec.paths ?? {}).length} paths, ${operations} operations, ${megabytes} MiB of JSON`,
  }
}

async function codegen(key) {
  mkdirSync(GITHUB, { recursive: true })
  const spec = describeSpec()
  results.codegen = { spec, tool: measuringTool() }
  log(`codegen: openapi-typescript on ${spec.file}`)
  results.codegen.openapiTypescript = await measureNodeScript({
    script: path.join(BENCH, 'node_modules/openapi-typescript/bin/cli.js'),
    args: [GITHUB_SPEC, '-o', path.join(GITHUB, 'openapi-typescript.ts')],
    cwd: ROOT,
    logFile: path.join(LOGS, 'codegen-openapi-typescript.log'),
    resultFile: path.join(GITHUB, 'openapi-typescript.measure.json'),
    timeoutSeconds: 600,
  })

  // Keep time for compiling the output and its cold start after the generator.
  const reserve = 30
  const fromBudget = Math.floor(remaining() - reserve)
  const limit = settings.codegenTimeout > 0 ? settings.codegenTimeout : Math.min(1800, fromBudget)
  if (limit < 30) {
    results.codegen.contracts = undefined
    results.codegen.skipped = `not run: ${Math.max(0, Math.floor(remaining()))} s of the time budget were left`
    results.warnings.push(`\`contracts generate\` on the GitHub spec was ${results.codegen.skipped}. Raise BENCH_BUDGET, or run \`BENCH_ONLY=codegen,cold BENCH_BUDGET=0 npm run bench\`.`)
    return
  }
  const fresh = path.join(GITHUB, 'generated-new')
  rmSync(fresh, { recursive: true, force: true })
  log(`codegen: contracts generate on ${spec.file} (stopped after ${limit} s)`)
  results.codegen.contracts = await measureNodeScript({
    script: path.join(ROOT, 'bin/run.js'),
    args: ['generate', '--spec', GITHUB_SPEC, '--out', fresh],
    cwd: ROOT,
    logFile: path.join(LOGS, 'codegen-contracts.log'),
    resultFile: path.join(GITHUB, 'contracts.measure.json'),
    timeoutSeconds: limit,
  })
  const measured = results.codegen.contracts
  if (!measured.timedOut && measured.code === 0) {
    rmSync(path.join(GITHUB, 'generated'), { recursive: true, force: true })
    renameSync(fresh, path.join(GITHUB, 'generated'))
    rmSync(path.join(GITHUB, 'js'), { recursive: true, force: true })
    writeFileSync(path.join(GITHUB, 'stamp.json'), JSON.stringify({ key, generatedAt: new Date().toISOString() }))
  } else {
    rmSync(fresh, { recursive: true, force: true })
    const outcome = measured.timedOut ? `was stopped after ${limit} s` : `exited with code ${measured.code}`
    results.warnings.push(`\`contracts generate\` on the GitHub spec ${outcome}; see bench/.results/logs/codegen-contracts.log. Its time and memory are lower bounds. For the full numbers run \`BENCH_ONLY=codegen,cold BENCH_BUDGET=0 npm run bench\` (several minutes).`)
  }
  log(`codegen: openapi-typescript ${results.codegen.openapiTypescript.wallSeconds?.toFixed(1)} s, contracts ${measured.timedOut ? '≥ ' : ''}${measured.wallSeconds?.toFixed(1)} s`)
}

/** Compiles the generated GitHub server with esbuild (no type check) and measures its cold start. */
async function coldGenerated(key) {
  results.cold = results.cold ?? []
  const entry = { id: 'contracts-github', name: 'contracts, generated from the GitHub spec', spec: 'GitHub REST', probe: { method: 'GET', path: GITHUB_GET } }
  const stampFile = path.join(GITHUB, 'stamp.json')
  const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : undefined
  if (!stamp || stamp.key !== key || !existsSync(path.join(GITHUB, 'generated/index.ts'))) {
    entry.error = 'not measured: no generated server for the current generator and spec (`contracts generate` did not finish in this run or an earlier one)'
    results.cold.push(entry)
    return
  }
  if (results.codegen?.contracts?.timedOut !== false) entry.note = `output generated at ${stamp.generatedAt} by the same generator build`

  const compiled = path.join(GITHUB, 'js')
  if (!existsSync(path.join(compiled, 'index.js'))) {
    log('cold start: compiling the generated GitHub server with esbuild')
    rmSync(compiled, { recursive: true, force: true })
    const { build } = await import('esbuild')
    const sources = []
    const validatorModules = []
    const collect = (folder) => {
      for (const item of readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, item.name)
        if (item.isDirectory()) collect(file)
        else if (item.name.endsWith('.ts') && !item.name.endsWith('.d.ts')) sources.push(file)
        else if (item.name.endsWith('.js')) validatorModules.push(file)
      }
    }
    collect(path.join(GITHUB, 'generated'))
    // The validator modules are JavaScript already; they are copied as they are.
    for (const file of validatorModules) {
      const target = path.join(compiled, path.relative(path.join(GITHUB, 'generated'), file))
      mkdirSync(path.dirname(target), { recursive: true })
      copyFileSync(file, target)
    }
    await build({ entryPoints: sources, outdir: compiled, outbase: path.join(GITHUB, 'generated'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' })
    writeFileSync(path.join(compiled, 'package.json'), '{ "type": "module" }\n')
    // The generated code imports the product's runtime packages (ajv, pino, ioredis …).
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(compiled, 'node_modules'), 'dir')
  }
  log('cold start: contracts, generated from the GitHub spec')
  results.cold.push(await coldStarts({ ...entry, script: 'servers/cold-contracts.mjs', args: [path.join(compiled, 'index.js'), path.join(BENCH, 'configs/validation-only.yaml')] }))
}

/** Profiles `contracts generate` on the GitHub spec (BENCH_PROFILE_CODEGEN=1), outside the budget. */
async function profileCodegen() {
  mkdirSync(PROFILES, { recursive: true })
  const out = path.join(GITHUB, 'generated-profile')
  log('profile: contracts generate on the GitHub spec (BENCH_PROFILE_CODEGEN=1, up to 30 minutes)')
  const result = await run(process.execPath, ['--cpu-prof', '--cpu-prof-dir', PROFILES, '--cpu-prof-name', 'codegen-github.cpuprofile', path.join(ROOT, 'bin/run.js'), 'generate', '--spec', GITHUB_SPEC, '--out', out], {
    cwd: ROOT,
    logFile: path.join(LOGS, 'codegen-profile.log'),
    timeoutMs: 1_800_000,
  })
  rmSync(out, { recursive: true, force: true })
  if (result.code !== 0) results.warnings.push(`The profile run of \`contracts generate\` failed (code ${result.code}); see bench/.results/logs/codegen-profile.log.`)
}

function codegenProfile() {
  const file = path.join(PROFILES, 'codegen-github.cpuprofile')
  if (!existsSync(file)) return
  const entry = {
    title: '`contracts generate` on the GitHub spec',
    file: path.relative(ROOT, file),
    note: `captured ${statSync(file).mtime.toISOString()} by node --cpu-prof, with the generator build of that time`,
  }
  try {
    Object.assign(entry, summarizeProfile(file, (url) => url.startsWith('dist/src/')))
  } catch (error) {
    entry.error = error.message
  }
  results.profiles = [...(results.profiles ?? []), entry]
}

function writeResults() {
  results.finishedAt = new Date().toISOString()
  results.durationSeconds = elapsed()
  results.machine.loadEnd = os.loadavg()[0].toFixed(2)
  const stamp = results.startedAt.replace(/[:.]/g, '-')
  writeFileSync(path.join(RESULTS, `results-${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`)
  writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(`\n${terminalSummary(results)}\n\n`)
  if (results.warnings.length > 0) process.stdout.write(`Notes:\n${results.warnings.map((warning) => `- ${warning}`).join('\n')}\n\n`)
  if (settings.writePage) {
    mkdirSync(path.dirname(PAGE), { recursive: true })
    writeFileSync(PAGE, renderPage(TEMPLATE, results))
    log(`wrote ${path.relative(ROOT, PAGE)} and bench/.results/results-${stamp}.json`)
  } else {
    log(`wrote bench/.results/results-${stamp}.json (BENCH_WRITE_DOCS=0: docs/benchmarks.md left as it was)`)
  }
}

async function main() {
  mkdirSync(LOGS, { recursive: true })
  log(`settings: ${JSON.stringify(settings)}`)
  if (!process.version.startsWith('v20.')) results.warnings.push(`Node ${process.version} ran this benchmark; the project targets Node 20.`)
  await prepare()
  await describeMachine()
  const redisVersion = wants('load') || wants('profile') ? await prepareRedis() : undefined
  describeVersions(redisVersion)

  if (wants('load')) await loadRounds()
  if (wants('micro')) await microBenchmarks()
  if (wants('round-trips')) await roundTrips()
  if (wants('profile') && settings.profile && results.rounds.length > 0) await profiles()
  if (wants('cold')) await coldPeers()
  const key = wants('codegen') || wants('cold') ? generatorKey() : undefined
  if (wants('codegen')) await codegen(key)
  if (wants('cold')) await coldGenerated(key)
  if (settings.profileCodegen) await profileCodegen()
  codegenProfile()
  writeResults()
}

try {
  await main()
} catch (error) {
  process.stderr.write(`bench: ${error.stack ?? error}\n`)
  process.exitCode = 1
} finally {
  await cleanupRedis()
  if (redisServer) await stop(redisServer)
  killAll()
}
