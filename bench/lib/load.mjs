/**
 * The load generator, run as its own process: `node lib/load.mjs '<json settings>'`.
 * A warm-up run whose numbers are dropped, then the measured run, both with autocannon and
 * bounded in time. Every request carries a fresh Idempotency-Key (a new UUID), whichever
 * variant it goes to, so that the load generator does the same work for all of them.
 * Prints one JSON line with the measured numbers.
 */

import { randomUUID } from 'node:crypto'

import autocannon from 'autocannon'

const settings = JSON.parse(process.argv[2])
const { url, body, connections, warmupSeconds, durationSeconds, expectedStatus } = settings

function run(duration) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: '/agents/ask',
            headers: { 'content-type': 'application/json' },
            body,
            setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
    process.once('SIGTERM', () => instance.stop())
  })
}

// Hard stop: the run is bounded even if a server never responds.
setTimeout(() => {
  process.stderr.write('load generator: time limit reached\n')
  process.exit(3)
}, (warmupSeconds + durationSeconds + 30) * 1000).unref()

if (warmupSeconds > 0) await run(warmupSeconds)
const result = await run(durationSeconds)

const statuses = {}
for (const [key, value] of Object.entries(result.statusCodeStats ?? {})) statuses[key] = value.count
const expected = statuses[String(expectedStatus)] ?? 0

process.stdout.write(`${JSON.stringify({
  requestsPerSecond: result.requests.average,
  requestsTotal: result.requests.total,
  expectedResponses: expected,
  unexpectedResponses: Object.values(statuses).reduce((sum, count) => sum + count, 0) - expected,
  statuses,
  errors: result.errors,
  timeouts: result.timeouts,
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mean: result.latency.average, max: result.latency.max },
  throughputBytesPerSecond: result.throughput.average,
  durationSeconds: result.duration,
  expectedStatus,
  connections,
})}\n`)
