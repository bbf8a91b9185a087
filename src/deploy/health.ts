/**
 * The health gate of phase 6: poll GET /health until the release is healthy, then send each
 * operation's valid and invalid smoke request and read the validation time the server reports.
 */

import { randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

import type { Probe, SkippedProbe } from './probes.js'
import type { ExitInfo } from './process.js'
import type { CheckOutcome } from './runner.js'

const POLL_INTERVAL_MS = 200
const REQUEST_TIMEOUT_MS = 5000

export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Returns the address to connect to for a listen address: a wildcard becomes loopback. */
export function connectHost(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '') return '127.0.0.1'
  if (listenHost === '::') return '::1'
  return listenHost
}

export function baseUrl(protocol: 'http' | 'https', listenHost: string, port: number): string {
  const host = connectHost(listenHost)
  return `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/**
 * Sends one request. HTTPS accepts any certificate: the gate talks to the release it just started,
 * whose certificate is often issued for the public name rather than for loopback.
 */
export function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpResponse> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: options.method ?? 'GET', headers: options.headers, timeout: REQUEST_TIMEOUT_MS, rejectUnauthorized: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }))
      response.on('error', reject)
    })
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`)))
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}

export interface HealthWaitOptions {
  url: string
  timeoutMs: number
  /** Count `degraded` (Redis unreachable) as healthy; the deploy passes --force for that. */
  acceptDegraded: boolean
  /** Exit of the started process, when this CLI started it; ends the wait at once. */
  exited?: () => ExitInfo | undefined
}

/** Polls GET /health until it returns 200 with status healthy, the process exits or the time is up. */
export async function waitForHealthy(options: HealthWaitOptions): Promise<CheckOutcome> {
  const started = Date.now()
  let last = 'no answer yet'
  while (Date.now() - started < options.timeoutMs) {
    const exit = options.exited?.()
    if (exit) return { status: 'failed', summary: `the release exited during start-up (${describeExit(exit)}) before /health answered` }

    try {
      const response = await send(`${options.url}/health`)
      const body = parseJson(response.body)
      const status = typeof body?.status === 'string' ? body.status : 'unknown'
      last = `HTTP ${response.status}, status ${status}, components ${JSON.stringify(body?.components ?? {})}`
      const accepted = status === 'healthy' || (status === 'degraded' && options.acceptDegraded)
      if (response.status === 200 && accepted) {
        const elapsed = ((Date.now() - started) / 1000).toFixed(1)
        return { status: status === 'healthy' ? 'passed' : 'warning', summary: `${options.url}/health returned ${status} after ${elapsed} s`, details: [last] }
      }
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS))
  }
  return { status: 'failed', summary: `${options.url}/health was not healthy within ${options.timeoutMs / 1000} s; last result: ${last}`, suggestion: 'Read the release log named below; raise --health-timeout if the release only starts slowly.' }
}

export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * Sends one operation's valid request and, when the manifest has one, its invalid request;
 * appends the X-Validation-Time-Ms of each response to `validationTimes`.
 */
export async function probeOperation(url: string, probe: Probe, validationTimes: number[]): Promise<CheckOutcome> {
  try {
    return await runProbe(url, probe, validationTimes)
  } catch (error) {
    return { status: 'failed', summary: `request failed: ${(error as Error).message}` }
  }
}

export function skippedProbeOutcome(skipped: SkippedProbe): CheckOutcome {
  return { status: 'warning', summary: `not probed: ${skipped.reason}`, suggestion: 'Add a request body example (and examples for required parameters) to the spec.' }
}

async function runProbe(url: string, probe: Probe, validationTimes: number[]): Promise<CheckOutcome> {
  const valid = await sendProbe(url, probe, probe.validBody)
  recordValidationTime(valid, validationTimes)
  const problems: string[] = []
  const parts = [`valid request ${valid.status}`]
  if (valid.status < 200 || valid.status > 299) problems.push(`the valid request${probe.example ? ` (example "${probe.example}")` : ''} got ${valid.status}, expected 2xx: ${excerpt(valid.body)}`)

  if (probe.invalid) {
    const invalid = await sendProbe(url, probe, probe.invalid.body)
    recordValidationTime(invalid, validationTimes)
    parts.push(`invalid request ${invalid.status} (${probe.invalid.change})`)
    if (invalid.status !== 400) problems.push(`the invalid request (${probe.invalid.change}) got ${invalid.status}, expected 400: ${excerpt(invalid.body)}`)
  } else {
    parts.push('no invalid request: the schema gives no way to derive one')
  }

  if (problems.length > 0) return { status: 'failed', summary: problems.join('; '), details: parts }
  return { status: probe.invalid ? 'passed' : 'warning', summary: parts.join(', ') }
}

function sendProbe(url: string, probe: Probe, body: unknown): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...probe.headers, 'User-Agent': 'contracts-deploy-health-gate' }
  if (probe.idempotencyKey) headers['Idempotency-Key'] = randomUUID()
  if (body === undefined) return send(`${url}${probe.url}`, { method: probe.method, headers })
  headers['Content-Type'] = probe.contentType ?? 'application/json'
  return send(`${url}${probe.url}`, { method: probe.method, headers, body: JSON.stringify(body) })
}

function recordValidationTime(response: HttpResponse, times: number[]): void {
  const header = response.headers['x-validation-time-ms']
  const value = Number(Array.isArray(header) ? header[0] : header)
  if (header !== undefined && Number.isFinite(value)) times.push(value)
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > 200 ? `${flat.slice(0, 200)}...` : flat || '(empty body)'
}

/**
 * Compares the reported validation times with validation.max_validation_time_ms of the config.
 * Two or more requests above the limit give a warning. One is tolerated, because the first
 * requests after a start run code that V8 has not optimized yet.
 */
export function latencyOutcome(times: readonly number[], limitMs: number): CheckOutcome {
  if (times.length === 0) return { status: 'warning', summary: 'no response carried X-Validation-Time-Ms, so validation latency is unknown' }
  const sorted = [...times].sort((a, b) => a - b)
  const max = sorted[sorted.length - 1] as number
  const median = sorted[Math.floor(sorted.length / 2)] as number
  const over = times.filter((time) => time > limitMs).length
  const summary = `max ${max.toFixed(3)} ms, median ${median.toFixed(3)} ms over ${times.length} requests, ${over} above max_validation_time_ms ${limitMs}`
  if (over > 1) return { status: 'warning', summary, suggestion: 'Find the slow schema in the validation_latency metric of the release.' }
  return { status: 'passed', summary }
}
