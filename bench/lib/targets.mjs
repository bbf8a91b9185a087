/** The performance targets of the project and how the measured numbers compare with them. */

export const THROUGHPUT_TARGETS = [
  { variant: 'contracts', against: 'bare', min: 0.95 },
  { variant: 'contracts', against: 'fastify', min: 1.1 },
  { variant: 'contracts', against: 'express-openapi-validator', min: 6 },
  { variant: 'contracts-redis', against: 'bare', min: 0.6 },
  { variant: 'contracts-redis', against: 'fastify-rate-limit', min: 1.15 },
]
export const VALIDATION_MAX_NS = 1000
export const CODEGEN_MAX_RATIO = 2
export const CODEGEN_MAX_RSS_KB = 2 * 1024 * 1024
export const COLD_START_MAX_MS = 300
// Redis round trips a request may cost before its handler runs, with both features on.
export const ROUND_TRIPS_BEFORE_HANDLER_MAX = 1

function percent(value) {
  return `${(value * 100).toFixed(0)} %`
}

/** Requests per second of a variant's valid-body run in each round (undefined where missing). */
export function throughputByRound(rounds, variant) {
  return rounds.map((round) => round.runs[variant]?.valid?.requestsPerSecond)
}

export function mean(values) {
  const present = values.filter((value) => typeof value === 'number' && Number.isFinite(value))
  return present.length === 0 ? undefined : present.reduce((sum, value) => sum + value, 0) / present.length
}

/**
 * Compares each throughput target with the rounds. Returns one row per target: the ratio in each
 * round, the verdict (met in every round, missed in every round, or mixed) and the shortfall.
 */
export function evaluateThroughput(rounds) {
  return THROUGHPUT_TARGETS.map((target) => {
    const mine = throughputByRound(rounds, target.variant)
    const theirs = throughputByRound(rounds, target.against)
    const ratios = mine.map((value, index) => (value && theirs[index] ? value / theirs[index] : undefined))
    const measured = ratios.filter((ratio) => ratio !== undefined)
    const average = mean(measured)
    let verdict = 'not measured'
    if (measured.length > 0) {
      const met = measured.filter((ratio) => ratio >= target.min).length
      verdict = 'mixed'
      if (met === measured.length) verdict = 'met'
      if (met === 0) verdict = 'missed'
    }
    const shortfall = average !== undefined && average < target.min
      ? `short by ${percent(1 - average / target.min)} (needs ${(target.min / average).toFixed(2)}× its throughput)`
      : ''
    return { ...target, ratios, average, verdict, shortfall }
  })
}

/** Verdict on the body validators: every valid bundled example under VALIDATION_MAX_NS. */
export function evaluateValidators(rows = []) {
  const valid = rows.filter((row) => row.kind === 'valid')
  const broken = rows.filter((row) => row.error)
  const slow = valid.filter((row) => row.nsPerCall !== undefined && row.nsPerCall >= VALIDATION_MAX_NS)
  const measured = valid.filter((row) => row.nsPerCall !== undefined)
  let verdict = slow.length === 0 && broken.length === 0 ? 'met' : 'missed'
  if (measured.length === 0) verdict = 'not measured'
  return { verdict, slow, broken, worst: measured.reduce((worst, row) => (worst && worst.nsPerCall > row.nsPerCall ? worst : row), undefined) }
}

export function evaluateCodegen(codegen) {
  const ours = codegen?.contracts
  const theirs = codegen?.openapiTypescript
  if (!ours || !theirs?.wallSeconds) return { timeVerdict: 'not measured', memoryVerdict: 'not measured' }
  const ratio = ours.wallSeconds / theirs.wallSeconds
  const finished = !ours.timedOut && ours.code === 0
  let timeVerdict
  if (finished) timeVerdict = ratio <= CODEGEN_MAX_RATIO ? 'met' : 'missed'
  else timeVerdict = ratio > CODEGEN_MAX_RATIO ? 'missed' : 'not measured'
  const timeShortfall = ratio > CODEGEN_MAX_RATIO
    ? `${finished ? '' : 'at least '}${percent(ratio / CODEGEN_MAX_RATIO - 1)} over the limit: ${finished ? '' : '≥ '}${ratio.toFixed(1)}× instead of ${CODEGEN_MAX_RATIO}×`
    : ''
  let memoryVerdict = 'not measured'
  let memoryShortfall = ''
  if (ours.maxRssKb) {
    if (ours.maxRssKb >= CODEGEN_MAX_RSS_KB) {
      memoryVerdict = 'missed'
      memoryShortfall = `${finished ? '' : 'at least '}${percent(ours.maxRssKb / CODEGEN_MAX_RSS_KB - 1)} over 2 GiB`
    } else {
      memoryVerdict = finished ? 'met' : 'not measured'
    }
  }
  return { ratio, finished, timeVerdict, timeShortfall, memoryVerdict, memoryShortfall }
}

/** Verdict on the round trips before the handler of variant 6 (rate limiting and idempotency on Redis). */
export function evaluateRoundTrips(roundTrips) {
  const row = roundTrips?.rows?.find((candidate) => candidate.variant === 'contracts-redis')
  if (!row) return { verdict: 'not measured', shortfall: '' }
  if (row.beforeHandlerPerRequest <= ROUND_TRIPS_BEFORE_HANDLER_MAX) return { row, verdict: 'met', shortfall: '' }
  return { row, verdict: 'missed', shortfall: `${row.beforeHandlerPerRequest.toFixed(2)} instead of at most ${ROUND_TRIPS_BEFORE_HANDLER_MAX}` }
}

export function evaluateColdStart(entry) {
  if (!entry || entry.medianMs === undefined) return { verdict: 'not measured', shortfall: '' }
  if (entry.medianMs < COLD_START_MAX_MS) return { verdict: 'met', shortfall: '' }
  return { verdict: 'missed', shortfall: `${(entry.medianMs / COLD_START_MAX_MS).toFixed(1)}× the limit of ${COLD_START_MAX_MS} ms` }
}
