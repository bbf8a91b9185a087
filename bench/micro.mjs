/**
 * Micro-benchmarks, run as their own process by run.mjs (or alone: `node bench/micro.mjs`):
 *  1. nanoseconds per call of each generated request-body validator, on the example bodies of
 *     the bundled specs (valid) and on the same bodies with a required property removed
 *     (invalid);
 *  2. microseconds per request spent in the generated pipeline outside the handler, measured
 *     in process: requests are pushed through the generated request listener with an
 *     in-memory request and response, so no socket and no HTTP parsing is involved.
 * Prints one JSON document.
 */

import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { readdirSync } from 'node:fs'
import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

import { bundledExamples, loadSpec, requestBodySchema } from './lib/spec.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BATCHES = 7
const BATCH_MS = Number(process.env.BENCH_MICRO_BATCH_MS ?? 100)
const PIPELINE_REQUESTS = Number(process.env.BENCH_PIPELINE_REQUESTS ?? 20000)

let sink = 0

/** Median nanoseconds per call of `fn` over BATCHES batches of about BATCH_MS each. */
function nanosPerCall(fn) {
  // Calibrate: how many calls fill one batch.
  let calls = 1000
  for (;;) {
    const started = process.hrtime.bigint()
    for (let index = 0; index < calls; index += 1) if (fn()) sink += 1
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6
    if (elapsedMs >= BATCH_MS / 4) {
      calls = Math.max(1000, Math.round((calls * BATCH_MS) / elapsedMs))
      break
    }
    calls *= 4
  }
  const results = []
  for (let batch = 0; batch < BATCHES; batch += 1) {
    const started = process.hrtime.bigint()
    for (let index = 0; index < calls; index += 1) if (fn()) sink += 1
    results.push(Number(process.hrtime.bigint() - started) / calls)
  }
  results.sort((a, b) => a - b)
  return { median: results[Math.floor(results.length / 2)], min: results[0], calls }
}

/**
 * Compiles the same request-body schema with plain Ajv (2020 dialect, all errors, full formats,
 * the options the generator also uses), as a reference for the generated validator.
 */
function referenceValidator(specFile, operationId) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, ownProperties: true, messages: false, unicodeRegExp: true, logger: false })
  addFormats(ajv)
  return ajv.compile(requestBodySchema(loadSpec(path.join(ROOT, 'schemas', specFile)), operationId))
}

function withoutProperty(value, name) {
  const copy = { ...value }
  delete copy[name]
  return copy
}

async function validatorBenchmarks() {
  const specsFolder = path.join(ROOT, 'dist-app/generated/specs')
  const { operations } = await import(path.join(ROOT, 'dist-app/generated/operations.js'))
  const examples = bundledExamples(path.join(ROOT, 'schemas'))
  const rows = []

  for (const folder of readdirSync(specsFolder).sort()) {
    const module = await import(path.join(specsFolder, folder, 'body-validators.js'))
    for (const [exportName, validate] of Object.entries(module)) {
      if (typeof validate !== 'function') continue
      // The module also exports the response validators; only request-body validators count here.
      const operation = operations.find((candidate) => candidate.requestBody?.media?.some((media) => media.validate === validate))
      if (!operation) continue
      const entry = examples.find((candidate) => candidate.operationId === operation.operationId)
      if (!entry || entry.examples.length === 0) {
        rows.push({ spec: folder, operationId: operation.operationId, validator: exportName, error: 'the spec has no request-body example for this operation' })
        continue
      }
      let reference
      try {
        reference = referenceValidator(entry.specFile, operation.operationId)
      } catch {
        reference = undefined
      }
      for (const example of entry.examples) {
        const cases = [{ kind: 'valid', body: example.value, expected: true }]
        const missing = entry.required[entry.required.length - 1]
        if (missing !== undefined) cases.push({ kind: `invalid (no ${missing})`, body: withoutProperty(example.value, missing), expected: false })
        for (const testCase of cases) {
          const row = {
            spec: folder,
            operationId: operation.operationId,
            validator: exportName,
            example: example.name,
            kind: testCase.kind,
            bytes: Buffer.byteLength(JSON.stringify(testCase.body)),
          }
          try {
            row.outcomeAsExpected = validate(testCase.body) === testCase.expected
            const timing = nanosPerCall(() => validate(testCase.body))
            row.nsPerCall = timing.median
            row.nsPerCallMin = timing.min
            if (reference && reference(testCase.body) === testCase.expected) row.referenceNsPerCall = nanosPerCall(() => reference(testCase.body)).median
          } catch (error) {
            // A validator that throws is a product bug: report it and go on with the others.
            row.error = `${error?.name ?? 'Error'}: ${error?.message ?? error}`
          }
          rows.push(row)
        }
      }
    }
  }
  return rows
}

/** A response that records what the listener sends and calls `done` when it ends. */
class MemoryResponse extends EventEmitter {
  constructor(done) {
    super()
    this.done = done
    this.headers = new Map()
    this.statusCode = 200
    this.headersSent = false
    this.writableEnded = false
    this.socket = null
  }

  setHeader(name, value) {
    this.headers.set(name.toLowerCase(), value)
    return this
  }

  getHeader(name) {
    return this.headers.get(name.toLowerCase())
  }

  getHeaders() {
    return Object.fromEntries(this.headers)
  }

  hasHeader(name) {
    return this.headers.has(name.toLowerCase())
  }

  removeHeader(name) {
    this.headers.delete(name.toLowerCase())
  }

  writeHead(status, headers) {
    this.statusCode = status
    if (headers) for (const [name, value] of Object.entries(headers)) this.setHeader(name, value)
    this.headersSent = true
    return this
  }

  write() {
    this.headersSent = true
    return true
  }

  end(chunk) {
    this.headersSent = true
    this.writableEnded = true
    this.body = chunk
    this.emit('finish')
    this.done(this)
    return this
  }

  destroy() {
    this.done(this)
  }
}

function memoryRequest(body, idempotencyKey) {
  const request = new IncomingMessage(new Socket())
  request.method = 'POST'
  request.url = '/agents/ask'
  request.httpVersion = '1.1'
  const headers = {
    host: '127.0.0.1',
    'content-type': 'application/json',
    'content-length': String(body.length),
    'idempotency-key': idempotencyKey,
  }
  request.rawHeaders = Object.entries(headers).flat()
  request.headers = headers
  request.headersDistinct = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]))
  request.push(body)
  request.push(null)
  request.complete = true
  return request
}

/** Mean microseconds per request through `listener`, one request at a time. */
async function microsPerRequest(listener, body, count) {
  const send = () => new Promise((resolve) => {
    const response = new MemoryResponse(resolve)
    listener(memoryRequest(body, randomUUID()), response)
  })
  let last
  for (let index = 0; index < Math.min(2000, count / 5); index += 1) last = await send()
  const headerMillis = []
  const started = process.hrtime.bigint()
  for (let index = 0; index < count; index += 1) {
    last = await send()
    const header = last.headers.get('x-validation-time-ms')
    if (header !== undefined) headerMillis.push(Number(header))
  }
  const micros = Number(process.hrtime.bigint() - started) / 1000 / count
  return { micros, status: last.statusCode, headerMillis }
}

async function pipelineBenchmarks() {
  const generated = await import(path.join(ROOT, 'dist-app/generated/index.js'))
  const { createHandlers } = await import(path.join(ROOT, 'dist-app/app/handlers.js'))
  const handlers = createHandlers()
  const valid = Buffer.from('{"role":"qa","prompt":"Test question"}')
  const input = { body: JSON.parse(valid.toString()), query: {}, path: {}, headers: {}, cookies: {}, contentType: 'application/json' }

  const handlerNs = nanosPerCall(() => handlers.askAgent(input)).median

  // The minimum work of a listener: read the body, parse it, call the handler, send JSON.
  const bareListener = (request, response) => {
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      const result = handlers.askAgent({ ...input, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
      const payload = JSON.stringify(result.body)
      response.writeHead(result.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) })
      response.end(payload)
    })
  }

  const rows = [{ variant: 'minimal listener (parse + handler + JSON)', listener: bareListener }]
  const generatedListeners = [
    ['contracts, validation only', 'validation-only.yaml'],
    ['contracts, validation only + response validation (enforce)', 'validation-only.yaml', 'enforce'],
    ['contracts, rate limit + idempotency in memory', 'memory.yaml'],
  ]
  for (const [variant, file, responses] of generatedListeners) {
    try {
      const config = generated.loadConfig(path.join(ROOT, 'bench/configs', file), {})
      if (responses) config.validation.responses = responses
      rows.push({ variant, listener: generated.createRequestListener({ handlers: createHandlers(), config }) })
    } catch (error) {
      rows.push({ variant, error: String(error?.message ?? error) })
    }
  }

  // Three interleaved passes, so a busy moment of the machine does not hit one listener only.
  const passes = 3
  const samples = new Map()
  for (let pass = 0; pass < passes; pass += 1) {
    for (const row of rows.filter((candidate) => candidate.listener)) {
      try {
        const measured = await microsPerRequest(row.listener, valid, Math.ceil(PIPELINE_REQUESTS / passes))
        samples.set(row, [...(samples.get(row) ?? []), measured.micros])
        row.headerMillis = [...(row.headerMillis ?? []), ...measured.headerMillis]
        row.status = measured.status
      } catch (error) {
        row.error = String(error?.message ?? error)
        delete row.listener
      }
    }
  }

  for (const row of rows) {
    delete row.listener
    const values = (samples.get(row) ?? []).sort((a, b) => a - b)
    const header = (row.headerMillis ?? []).sort((a, b) => a - b)
    delete row.headerMillis
    // X-Validation-Time-Ms covers reading, parsing and validating the input of each request.
    if (header.length > 0) row.validationHeaderMicros = header[Math.floor(header.length / 2)] * 1000
    if (row.error || values.length === 0) continue
    row.micros = values[Math.floor(values.length / 2)]
  }
  const bare = rows[0].micros
  for (const row of rows) {
    if (row.micros === undefined) continue
    row.outsideHandlerMicros = row.micros - handlerNs / 1000
    row.overMinimalMicros = row.micros - bare
  }
  return { handlerMicros: handlerNs / 1000, requests: PIPELINE_REQUESTS, passes, rows }
}

const validators = await validatorBenchmarks()
let pipeline
try {
  pipeline = await pipelineBenchmarks()
} catch (error) {
  pipeline = { error: String(error?.stack ?? error) }
}
process.stdout.write(`${JSON.stringify({ validators, pipeline, sink: sink > 0 })}\n`)
// The generated listener may keep timers running (store sweeps), so exit explicitly.
process.exit(0)
