/**
 * Renders the results of a run: the tables printed at the end of `npm run bench` and the page
 * docs/benchmarks.md, filled in from bench/benchmarks.template.md.
 */

import { readFileSync } from 'node:fs'

import {
  CODEGEN_MAX_RATIO,
  COLD_START_MAX_MS,
  evaluateCodegen,
  evaluateColdStart,
  evaluateRoundTrips,
  evaluateThroughput,
  evaluateValidators,
  mean,
  ROUND_TRIPS_BEFORE_HANDLER_MAX,
  throughputByRound,
  VALIDATION_MAX_NS,
} from './targets.mjs'

const dash = '–'

function fixed(value, digits = 0) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : dash
}

function thousands(value) {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : dash
}

function mebibytes(kilobytes) {
  return typeof kilobytes === 'number' && kilobytes > 0 ? `${(kilobytes / 1024).toFixed(0)} MiB` : dash
}

function gibibytes(kilobytes) {
  return typeof kilobytes === 'number' && kilobytes > 0 ? `${(kilobytes / 1024 / 1024).toFixed(2)} GiB` : dash
}

function table(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

function loadCells(load) {
  if (!load) return [dash, dash, dash]
  return [thousands(load.requestsPerSecond), `${fixed(load.latencyMs.p50)} ms`, `${fixed(load.latencyMs.p99)} ms`]
}

/** Problems with a load run that make its number doubtful: wrong statuses, errors, time-outs. */
function loadProblems(load) {
  if (!load) return []
  const problems = []
  if (load.unexpectedResponses > 0) problems.push(`${load.unexpectedResponses} responses with another status than ${load.expectedStatus} (${JSON.stringify(load.statuses)})`)
  if (load.errors > 0) problems.push(`${load.errors} connection errors`)
  if (load.timeouts > 0) problems.push(`${load.timeouts} time-outs`)
  return problems
}

export function roundTable(results, round) {
  const bare = round.runs.bare?.valid?.requestsPerSecond
  const rows = results.variants.map((variant) => {
    const run = round.runs[variant.id]
    if (!run || run.skipped || run.error) {
      return [`${variant.number}. ${variant.name}`, run?.skipped ?? run?.error ?? 'not run', dash, dash, dash, dash, dash, dash, dash]
    }
    const ratio = bare && run.valid ? run.valid.requestsPerSecond / bare : undefined
    const invalid = variant.validates ? loadCells(run.invalid) : ['n/a', 'n/a', 'n/a']
    return [`${variant.number}. ${variant.name}`, ...loadCells(run.valid), ratio ? `${ratio.toFixed(2)}×` : dash, ...invalid, mebibytes(run.maxRssKb)]
  })
  return table(['variant', 'valid req/s', 'p50', 'p99', '× bare', 'invalid req/s', 'invalid p50', 'invalid p99', 'server peak RSS'], rows)
}

export function summaryTable(results) {
  const rows = results.variants.map((variant) => {
    const perRound = results.rounds.map((round) => round.runs[variant.id]?.valid?.requestsPerSecond)
    const ratios = results.rounds.map((round) => {
      const mine = round.runs[variant.id]?.valid?.requestsPerSecond
      const bare = round.runs.bare?.valid?.requestsPerSecond
      return mine && bare ? mine / bare : undefined
    })
    return [
      `${variant.number}. ${variant.name}`,
      perRound.map(thousands).join(' / '),
      thousands(mean(perRound)),
      ratios.map((ratio) => (ratio ? `${ratio.toFixed(2)}×` : dash)).join(' / '),
    ]
  })
  return table(['variant', 'req/s per round', 'mean req/s', '× bare per round'], rows)
}

function targetRows(results) {
  const rows = []
  const names = Object.fromEntries(results.variants.map((variant) => [variant.id, `${variant.number}. ${variant.name}`]))
  for (const target of evaluateThroughput(results.rounds)) {
    rows.push([
      `${names[target.variant]} ≥ ${target.min}× ${names[target.against]}`,
      target.ratios.map((ratio) => (ratio ? `${ratio.toFixed(2)}×` : dash)).join(' / '),
      target.verdict,
      target.shortfall,
    ])
  }

  const validators = evaluateValidators(results.micro?.validators)
  const worst = validators.worst
  rows.push([
    `body validation < ${VALIDATION_MAX_NS} ns per call (valid bundled examples)`,
    worst ? `slowest: ${fixed(worst.nsPerCall)} ns (${worst.operationId}, ${worst.example})` : dash,
    validators.verdict,
    [
      ...validators.slow.map((row) => `${row.operationId}/${row.example} ${(row.nsPerCall / VALIDATION_MAX_NS).toFixed(1)}× the limit`),
      ...validators.broken.map((row) => `${row.operationId}/${row.example} (${row.kind}) throws ${row.error}`),
    ].join('; '),
  ])

  const codegen = evaluateCodegen(results.codegen)
  const ours = results.codegen?.contracts
  const cpu = (measured) => (measured?.userSeconds ?? NaN) + (measured?.systemSeconds ?? NaN)
  const cpuRatio = cpu(ours) / cpu(results.codegen?.openapiTypescript)
  rows.push([
    `\`contracts generate\` on the GitHub spec ≤ ${CODEGEN_MAX_RATIO}× openapi-typescript time`,
    codegen.ratio
      ? `${codegen.finished ? '' : '≥ '}${codegen.ratio.toFixed(1)}× (${codegen.finished ? '' : '≥ '}${fixed(ours.wallSeconds, 1)} s vs ${fixed(results.codegen.openapiTypescript.wallSeconds, 1)} s; CPU time ${codegen.finished ? '' : '≥ '}${fixed(cpuRatio, 1)}×)`
      : dash,
    codegen.timeVerdict,
    codegen.timeShortfall,
  ])
  rows.push([
    '`contracts generate` on the GitHub spec < 2 GiB peak memory',
    ours?.maxRssKb ? `${codegen.finished ? '' : '≥ '}${gibibytes(ours.maxRssKb)}` : dash,
    codegen.memoryVerdict,
    codegen.memoryShortfall,
  ])

  const trips = evaluateRoundTrips(results.roundTrips)
  rows.push([
    `≤ ${ROUND_TRIPS_BEFORE_HANDLER_MAX} Redis round trip per request before the handler (variant 6, fresh Idempotency-Key)`,
    trips.row ? `${fixed(trips.row.beforeHandlerPerRequest, 2)} (${fixed(trips.row.roundTripsPerRequest, 2)} in all)` : results.roundTrips?.error ?? dash,
    trips.verdict,
    trips.shortfall,
  ])

  const generatedCold = results.cold?.find((entry) => entry.id === 'contracts-github')
  const cold = evaluateColdStart(generatedCold)
  rows.push([
    `generated server for the GitHub spec starts in < ${COLD_START_MAX_MS} ms`,
    generatedCold?.medianMs !== undefined ? `${fixed(generatedCold.medianMs)} ms (median of ${generatedCold.samples.length})` : generatedCold?.error ?? dash,
    cold.verdict,
    cold.shortfall,
  ])
  return rows
}

export function targetsTable(results) {
  return table(['target', 'measured (round 1 / round 2 …)', 'verdict', 'by how much'], targetRows(results))
}

export function validatorTable(results) {
  const rows = (results.micro?.validators ?? []).map((row) => [
    row.operationId ?? row.validator,
    row.example ?? dash,
    row.kind ?? dash,
    fixed(row.bytes),
    row.error ? `error: ${row.error}` : `${fixed(row.nsPerCall)} ns`,
    row.error ? dash : `${fixed(row.nsPerCallMin)} ns`,
    row.referenceNsPerCall === undefined ? dash : `${fixed(row.referenceNsPerCall)} ns`,
    row.outcomeAsExpected === false ? 'unexpected result' : '',
  ])
  return table(['operation', 'example', 'body', 'JSON bytes', 'median per call', 'fastest batch', 'plain Ajv, same schema', 'note'], rows)
}

export function pipelineTable(results) {
  const pipeline = results.micro?.pipeline
  if (!pipeline || pipeline.error) return `Not measured: ${pipeline?.error ?? 'the micro-benchmark did not run'}.`
  const rows = pipeline.rows.map((row) => [
    row.variant,
    row.error ? `error: ${row.error}` : `${fixed(row.micros, 1)} µs`,
    row.error ? dash : `${fixed(row.outsideHandlerMicros, 1)} µs`,
    row.error ? dash : `${fixed(row.overMinimalMicros, 1)} µs`,
    row.validationHeaderMicros === undefined ? dash : `${fixed(row.validationHeaderMicros, 1)} µs`,
    String(row.status ?? dash),
  ])
  const validator = results.micro?.validators?.find((entry) => entry.operationId === 'askAgent' && entry.example === 'minimal' && entry.kind === 'valid')
  const comparison = validator?.nsPerCall === undefined
    ? ''
    : ` The body validator alone takes ${fixed(validator.nsPerCall / 1000, 2)} µs on the same body (validation table above); the header also covers reading and parsing the body and the parameters.`
  return `${table(['listener', 'per request', 'outside the handler', 'more than the minimal listener', 'X-Validation-Time-Ms (median)', 'status'], rows)}\n\nThe demo handler alone takes ${fixed(pipeline.handlerMicros, 1)} µs per call; ${thousands(pipeline.requests)} requests per listener, one at a time.${comparison}`
}

/** Redis round trips per request beside the throughput of the same server in the load section. */
export function roundTripsTable(results) {
  const measured = results.roundTrips
  if (!measured) return 'Not measured in this run.'
  if (measured.error) return `Not measured: ${measured.error}`
  const names = Object.fromEntries(results.variants.map((variant) => [variant.id, `${variant.number}. ${variant.name}`]))
  const rows = measured.rows.map((row) => [
    names[row.variant] ?? row.variant,
    thousands(row.requests),
    fixed(row.roundTripsPerRequest, 2),
    fixed(row.beforeHandlerPerRequest, 2),
    fixed(row.afterHandlerPerRequest, 2),
    thousands(mean(throughputByRound(results.rounds, row.variant))),
  ])
  return table(['server', 'requests', 'Redis round trips per request', 'before the handler', 'after the handler', 'mean valid req/s (load section)'], rows)
}

export function codegenTable(results) {
  const codegen = results.codegen
  if (!codegen) return 'Not measured in this run.'
  if (codegen.error) return `Not measured: ${codegen.error}`
  const row = (name, measured) => {
    if (!measured) return [name, 'not run', dash, dash, dash]
    const prefix = measured.timedOut ? '≥ ' : ''
    let status = measured.code === 0 ? 'ok' : `exit code ${measured.code}`
    if (measured.timedOut) status = `stopped after ${measured.limitSeconds} s`
    return [name, status, `${prefix}${fixed(measured.wallSeconds, 1)} s`, `${fixed((measured.userSeconds ?? NaN) + (measured.systemSeconds ?? NaN), 1)} s`, `${prefix}${gibibytes(measured.maxRssKb)}`]
  }
  return table(['generator', 'result', 'wall time', 'CPU time (user + system)', 'peak RSS'], [
    row('openapi-typescript', codegen.openapiTypescript),
    row('contracts generate', codegen.contracts),
  ])
}

export function coldTable(results) {
  if (!results.cold?.length) return 'Not measured in this run.'
  const rows = results.cold.map((entry) => [
    entry.name,
    entry.spec,
    `\`${entry.probe.method} ${entry.probe.path}\``,
    entry.medianMs !== undefined ? `${fixed(entry.medianMs)} ms` : entry.error ?? dash,
    entry.samples?.length ? entry.samples.map((sample) => fixed(sample)).join(', ') : dash,
    entry.listenMedianMs !== undefined ? `${fixed(entry.listenMedianMs)} ms` : dash,
    mebibytes(entry.maxRssKb),
    entry.note ?? '',
  ])
  return table(['server', 'spec', 'request', 'to first 200 (median)', 'samples (ms)', 'to listening', 'peak RSS', 'note'], rows)
}

function profileSection(profile) {
  const lines = [`**${profile.title}** (\`${profile.file}\`${profile.note ? `, ${profile.note}` : ''})`, '']
  if (profile.error) return [...lines, `Not captured: ${profile.error}`].join('\n')
  lines.push(table(['self time', 'share', 'function', 'location'], profile.top.map((row) => [
    `${fixed(row.selfMs)} ms`,
    `${(row.share * 100).toFixed(1)} %`,
    `\`${row.name}\``,
    row.location ? `\`${row.location}\`` : '',
  ])))
  if (profile.inclusive?.length) {
    lines.push('', 'Product functions by total time (including what they call):', '')
    lines.push(table(['total time', 'share', 'function', 'location'], profile.inclusive.map((row) => [
      `${fixed(row.totalMs)} ms`,
      `${(row.share * 100).toFixed(1)} %`,
      `\`${row.name}\``,
      `\`${row.location}\``,
    ])))
  }
  return lines.join('\n')
}

export function profilesSection(results) {
  const profiles = results.profiles ?? []
  if (profiles.length === 0) return 'No profile was captured in this run (no generated variant missed a target, or BENCH_PROFILE=0).'
  return profiles.map(profileSection).join('\n\n')
}

export function machineTable(results) {
  const machine = results.machine
  return table(['', ''], [
    ['CPU', `${machine.cpuModel}, ${machine.cores} cores`],
    ['memory', `${machine.memoryGiB} GiB`],
    ['OS', machine.os],
    ['Node.js', machine.node],
    ['load average (1 min) at start / end', `${machine.loadStart} / ${machine.loadEnd ?? dash}`],
    ['product commit', machine.commit],
  ])
}

export function versionsTable(results) {
  return table(['package', 'version', 'role'], results.versions.map((entry) => [`\`${entry.name}\``, entry.version ?? 'not installed', entry.role]))
}

export function settingsTable(results) {
  const settings = results.settings
  return table(['setting', 'value', 'environment variable'], [
    ['rounds', String(settings.rounds), 'BENCH_ROUNDS'],
    ['connections', String(settings.connections), 'BENCH_CONNECTIONS'],
    ['valid body: warm-up + measured', `${settings.warmup} s + ${settings.duration} s`, 'BENCH_WARMUP, BENCH_DURATION'],
    ['invalid body: warm-up + measured', `${settings.invalidWarmup} s + ${settings.invalidDuration} s`, 'BENCH_INVALID_WARMUP, BENCH_INVALID_DURATION'],
    ['time budget of the whole run', settings.budget > 0 ? `${settings.budget} s` : 'none', 'BENCH_BUDGET'],
    ['cold starts per server', String(settings.coldRepeats), 'BENCH_COLD_REPEATS'],
    ['profiles of generated variants that miss a target', settings.profile ? `on, ${settings.profileDuration} s each` : 'off', 'BENCH_PROFILE, BENCH_PROFILE_DURATION'],
    ['sections run', settings.only.join(', '), 'BENCH_ONLY'],
  ])
}

function notes(results) {
  const lines = [...results.warnings]
  for (const round of results.rounds) {
    for (const [id, run] of Object.entries(round.runs)) {
      for (const kind of ['valid', 'invalid']) {
        for (const problem of loadProblems(run[kind])) lines.push(`Round ${round.round}, ${id}, ${kind} body: ${problem}.`)
      }
    }
  }
  return lines.length === 0 ? 'None: every response had the expected status, and nothing failed.' : lines.map((line) => `- ${line}`).join('\n')
}

/** Fills the template's placeholders and returns the page. */
export function renderPage(templateFile, results) {
  const sections = {
    generated_at: results.finishedAt,
    run_seconds: fixed(results.durationSeconds),
    machine: machineTable(results),
    versions: versionsTable(results),
    settings: settingsTable(results),
    targets: targetsTable(results),
    summary: summaryTable(results),
    rounds: results.rounds.map((round) => `### Round ${round.round} (order: ${round.order.join(', ')})\n\n${roundTable(results, round)}`).join('\n\n'),
    validators: validatorTable(results),
    pipeline: pipelineTable(results),
    round_trips: roundTripsTable(results),
    codegen_spec: results.codegen?.spec ? `\`${results.codegen.spec.file}\` (${results.codegen.spec.description})` : 'not loaded',
    codegen: codegenTable(results),
    cold: coldTable(results),
    profiles: profilesSection(results),
    notes: notes(results),
  }
  return readFileSync(templateFile, 'utf8').replace(/\{\{(\w+)\}\}/g, (match, name) => {
    if (!(name in sections)) throw new Error(`Unknown placeholder ${match} in ${templateFile}`)
    return sections[name]
  })
}

/** Formats the tables that the harness prints at the end of a run. */
export function terminalSummary(results) {
  return [
    ...results.rounds.map((round) => `Round ${round.round}\n${roundTable(results, round)}`),
    `Mean over the rounds\n${summaryTable(results)}`,
    `Targets\n${targetsTable(results)}`,
    `Validators\n${validatorTable(results)}`,
    `Pipeline\n${pipelineTable(results)}`,
    `Redis round trips\n${roundTripsTable(results)}`,
    `Code generation\n${codegenTable(results)}`,
    `Cold start\n${coldTable(results)}`,
  ].join('\n\n')
}
