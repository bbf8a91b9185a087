/** Starts and stops benchmark servers, and measures cold starts. */

import { readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'

import { start, stop } from './processes.mjs'

/**
 * Starts `node [nodeFlags] script [args]` with PORT set. Resolves once the server prints its
 * ready line, with { child, ready, readyMs, exit } where `exit` resolves to the exit line.
 */
export function startServer({ script, args = [], port, nodeFlags = [], lifetimeSeconds, logFile, cwd, readyTimeoutMs = 60_000 }) {
  const started = performance.now()
  let onReady
  let onExitLine
  let onMark = () => undefined
  const readyLine = new Promise((resolve) => {
    onReady = resolve
  })
  const exitLine = new Promise((resolve) => {
    onExitLine = resolve
  })

  const child = start(process.execPath, [...nodeFlags, script, ...args], {
    cwd,
    logFile,
    env: { PORT: String(port), BENCH_SERVER_LIFETIME_S: String(lifetimeSeconds) },
    onLine: (line) => {
      let event
      try {
        event = JSON.parse(line)
      } catch {
        return
      }
      if (event.event === 'ready') onReady({ event, at: performance.now() })
      if (event.event === 'exit') onExitLine(event)
      if (event.event === 'mark') onMark(event)
    },
  })

  // Resolves with the server's monotonic time (µs) once it has received SIGUSR2.
  const mark = () => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} printed no mark within 5 s of SIGUSR2`)), 5000)
    onMark = (event) => {
      clearTimeout(timer)
      resolve(event.monotonicMicros)
    }
    child.kill('SIGUSR2')
  })

  const failed = child.exited.then((result) => {
    onExitLine(undefined)
    throw new Error(`${script} exited before it was ready (code ${result.code}, signal ${result.signal}); see ${logFile}`)
  })
  let timer
  const timedOut = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${script} was not ready after ${readyTimeoutMs / 1000} s; see ${logFile}`)), readyTimeoutMs)
  })

  return Promise.race([readyLine, failed, timedOut]).then(
    ({ event, at }) => {
      clearTimeout(timer)
      return { child, ready: event, readyMs: at - started, started, exit: exitLine, mark }
    },
    async (error) => {
      clearTimeout(timer)
      await stop(child, 2000)
      throw error
    },
  )
}

/** Stops a server started by startServer; returns its exit line (with maxRssKb) if it printed one. */
export async function stopServer(server) {
  await stop(server.child)
  const line = await Promise.race([server.exit, new Promise((resolve) => setTimeout(resolve, 500))])
  return line
}

/**
 * Sends one request. Resolves to { status, text } with the first 300 characters of the
 * response body, or to { status: undefined } when the connection failed or timed out.
 */
function send(port, { method = 'GET', path, body }, timeoutMs) {
  return new Promise((resolve) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
    const outgoing = request({ host: '127.0.0.1', port, path, method, headers, agent: false, timeout: Math.max(1, timeoutMs) }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => {
        if (text.length < 300) text += chunk
      })
      response.on('end', () => resolve({ status: response.statusCode, text: text.slice(0, 300) }))
      response.on('error', () => resolve({ status: undefined }))
    })
    outgoing.on('timeout', () => outgoing.destroy())
    outgoing.on('error', () => resolve({ status: undefined }))
    outgoing.end(body)
  })
}

function lastErrorLine(logFile) {
  try {
    return readFileSync(logFile, 'utf8').split('\n').filter((line) => /^\w*Error\b/.test(line)).pop()
  } catch {
    return undefined
  }
}

/**
 * Measures a cold start: the time from spawning the process to the first 200 response to
 * `probe` ({ method, path, body }), sent again every few milliseconds until the server accepts
 * it. Any other status ends the attempt, because the server is up and fails the probe.
 * Returns { ms, listenMs, maxRssKb } or { error }.
 */
export async function coldStart({ script, args, port, probe, logFile, cwd, timeoutMs }) {
  rmSync(logFile, { force: true })
  const started = performance.now()
  let readyAt
  let exitLine
  const exitPromise = new Promise((resolve) => {
    exitLine = resolve
  })
  const child = start(process.execPath, [script, ...args], {
    cwd,
    logFile,
    env: { PORT: String(port), BENCH_SERVER_LIFETIME_S: String(Math.ceil(timeoutMs / 1000) + 30) },
    onLine: (line) => {
      try {
        const event = JSON.parse(line)
        if (event.event === 'ready') readyAt = performance.now()
        if (event.event === 'exit') exitLine(event)
      } catch {
        // Not an event line.
      }
    },
  })
  let exited = false
  child.exited.then(() => {
    exited = true
    exitLine(undefined)
  })

  let answer = { status: undefined }
  let answeredAt
  while (!exited && performance.now() - started < timeoutMs) {
    answer = await send(port, probe, timeoutMs - (performance.now() - started))
    if (answer.status === 200) {
      answeredAt = performance.now()
      break
    }
    // Any other status comes from a server that is up and fails the probe.
    if (answer.status !== undefined) break
    await new Promise((resolve) => setTimeout(resolve, 5))
  }

  let reason
  if (answeredAt === undefined) {
    if (answer.status !== undefined) {
      const logged = lastErrorLine(logFile)
      reason = `it responded ${answer.status}: ${answer.text.trim() || '(empty body)'}${logged ? ` (its log: ${logged})` : ''}`
    } else if (exited) {
      reason = `the server exited ${readyAt ? 'after' : 'before'} listening: ${lastErrorLine(logFile) ?? 'see its log'}`
    } else if (!readyAt) {
      reason = `no 200 within ${(timeoutMs / 1000).toFixed(0)} s, and the server was not listening yet`
    } else {
      reason = `no answer within ${(timeoutMs / 1000).toFixed(0)} s, though the server was listening`
    }
  }
  await stop(child)
  const exit = await Promise.race([exitPromise, new Promise((resolve) => setTimeout(resolve, 500))])
  if (answeredAt === undefined) return { error: reason, timedOut: !exited && answer.status === undefined, listenMs: readyAt ? readyAt - started : undefined }
  return { ms: answeredAt - started, listenMs: readyAt ? readyAt - started : undefined, maxRssKb: exit?.maxRssKb }
}
