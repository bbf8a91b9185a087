/**
 * The generated Prometheus rule file generated/monitoring/alerts.yaml. It must parse, contain
 * the three alerts and use only metric names the server exports, by METRIC_NAMES and by a real
 * scrape after traffic. Its thresholds come from the config passed to the CLI, and it passes
 * `promtool check rules` when promtool is installed.
 */

import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

import { runCli } from '../helpers/cli.js'
import { ask, loadGenerated, makeTempDir, startGenesis, stopGenesisServers } from '../helpers/genesis-server.js'
import { repoRoot } from '../helpers/paths.js'
import { waitFor } from '../helpers/redis-server.js'
import { parseExposition, type Exposition } from '../helpers/prometheus-text.js'
import { deleteKeys } from '../helpers/stores.js'

interface Rule {
  alert: string
  expr: string
  for?: string
  labels?: Record<string, string>
}

interface RuleFile {
  groups: { name: string; rules: Rule[] }[]
}

const ALERTS_FILE = path.join(repoRoot, 'generated', 'monitoring', 'alerts.yaml')

// PromQL words that look like metric names in an expression.
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan'])

/** Names of the series an expression selects: label matchers, grouping labels, ranges and functions left out. */
function seriesNames(expr: string): string[] {
  const stripped = expr
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
  const names = new Set<string>()
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*(\(?))/g)) {
    const name = match[0]
    if (match[1] === '(' || PROMQL_WORDS.has(name.toLowerCase())) continue
    names.add(name)
  }
  return [...names]
}

/** Returns the threshold of an alert expression, the `N` of its final `> N`. */
function threshold(expr: string): number {
  const match = />\s*([0-9.eE+-]+)\s*$/.exec(expr)
  if (!match) throw new Error(`No trailing "> threshold" in ${expr}`)
  return Number(match[1])
}

function rulesOf(text: string): Rule[] {
  return (parse(text) as RuleFile).groups.flatMap((group) => group.rules)
}

async function commandExists(command: string): Promise<boolean> {
  const result = await execa('sh', ['-c', `command -v ${command}`], { reject: false })
  return result.exitCode === 0
}

describe('generated alert rules', () => {
  let text: string
  let rules: Rule[]

  beforeAll(async () => {
    text = await readFile(ALERTS_FILE, 'utf8')
    rules = rulesOf(text)
  })

  it('parses as YAML with three alerts', () => {
    expect(rules.map((rule) => rule.alert)).toHaveLength(3)
  })

  it('gives every alert an expression and a severity', () => {
    const incomplete = rules.filter((rule) => typeof rule.expr !== 'string' || rule.expr === '' || rule.labels?.severity === undefined)

    expect(incomplete).toEqual([])
  })

  it('uses only names in METRIC_NAMES', async () => {
    const { METRIC_NAMES } = await loadGenerated()
    const used = rules.flatMap((rule) => seriesNames(rule.expr))
    // A histogram is selected through its _bucket, _sum and _count series.
    const unknown = used.filter((name) => !METRIC_NAMES.includes(name.replace(/_(?:bucket|sum|count)$/, '')) && !METRIC_NAMES.includes(name))

    expect(used.length).toBeGreaterThanOrEqual(3)
    expect(unknown).toEqual([])
  })

  it('promtool accepts the file', async (context) => {
    if (!(await commandExists('promtool'))) {
      context.skip('promtool is not on the PATH; install Prometheus to run this check')
      return
    }
    const result = await execa('promtool', ['check', 'rules', ALERTS_FILE], { reject: false, all: true })

    expect(result.all).toContain('SUCCESS')
    expect(result.exitCode).toBe(0)
  })
})

describe('alert rules against a real scrape', () => {
  const prefix = `contracts-ops-alerts-${randomUUID()}`
  let exposition: Exposition
  let used: string[]

  beforeAll(async () => {
    used = rulesOf(await readFile(ALERTS_FILE, 'utf8')).flatMap((rule) => seriesNames(rule.expr))
    const config = `redis:\n  host: 127.0.0.1\n  port: 6379\n  key_prefix: ${prefix}\n  command_timeout_ms: 1000\nlogging:\n  level: silent\n`
    const { url } = await startGenesis({ config })
    for (const body of [{ role: 'qa', prompt: 'fine' }, { role: 'nobody' }]) await (await ask(url, body)).arrayBuffer()

    // The server samples redis_memory_usage_bytes right after start, so wait for that sample.
    const sampled = async () => parseExposition(await (await fetch(`${url}/metrics`)).text()).samples.some((sample) => sample.name === 'redis_memory_usage_bytes' && sample.value > 0)
    await waitFor(sampled, 5000, 'the first redis_memory_usage_bytes sample')
    exposition = parseExposition(await (await fetch(`${url}/metrics`)).text())
  })

  afterAll(async () => {
    await stopGenesisServers()
    await deleteKeys(`${prefix}*`)
  })

  it('finds every series an alert selects', () => {
    const scraped = new Set(exposition.samples.map((sample) => sample.name))
    const missing = used.filter((name) => !scraped.has(name))

    expect(missing).toEqual([])
  })
})

describe('alert thresholds from the config', () => {
  let rules: Rule[]

  beforeAll(async () => {
    const dir = await makeTempDir()
    const configFile = path.join(dir, 'thresholds.yaml')
    const outDir = path.join(dir, 'out')
    await writeFile(configFile, 'monitoring:\n  alerts:\n    validation_latency_ms: 42\n    validation_error_rate_per_second: 2.5\n    redis_memory_bytes: 123456789\n')
    const result = await runCli(['generate', '--config', configFile, '--out', outDir])
    if (result.exitCode !== 0) throw new Error(`contracts generate failed (exit ${result.exitCode}):\n${result.stderr}`)
    rules = rulesOf(await readFile(path.join(outDir, 'monitoring', 'alerts.yaml'), 'utf8'))
  })

  afterAll(async () => {
    await stopGenesisServers()
  })

  it.each([
    ['api_validation_latency_ms_bucket', 42],
    ['api_validation_errors_total', 2.5],
    ['redis_memory_usage_bytes', 123456789],
  ])('compares %s with %s', (series, expected) => {
    const rule = rules.find((candidate) => seriesNames(candidate.expr).includes(series))

    expect(rule).toBeDefined()
    expect(threshold(rule?.expr ?? '')).toBe(expected)
  })
})
