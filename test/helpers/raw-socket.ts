/**
 * Requests written byte for byte on a `node:net` socket, for the malformed requests that
 * fetch and node:http refuse to send: repeated headers, odd bytes in the path, lying
 * framing. The first response on the socket is parsed, and whether the server closed the
 * socket is reported too.
 */

import { connect, type Socket } from 'node:net'

export interface RawExchange {
  /** Status of the first response, or 0 when none arrived. */
  status: number
  /** Response headers by lower-case name. A repeated header keeps its last value. */
  headers: Record<string, string>
  body: string
  /** True when the server ended or reset the connection before the timeout. */
  closedByServer: boolean
  /** Milliseconds from connecting until the server closed the connection, when it did. */
  closedAfterMs?: number
  /** Milliseconds from connecting until the first response was complete (or the socket ended). */
  elapsedMs: number
  /** True when the timeout passed with no complete response and an open socket. */
  timedOut: boolean
}

export interface RawOptions {
  /** Milliseconds after which the client gives up (default 5000). */
  timeoutMs?: number
  /** Milliseconds to keep the socket open after the response, to see whether the server closes it (default 500). */
  lingerMs?: number
  /** Chunks written one by one after the request, `everyMs` apart, for slow or endless requests. */
  trickle?: { chunks: (Buffer | string)[]; everyMs: number }
}

/** Splits `http://127.0.0.1:PORT` into what net.connect takes. */
function target(url: string): { host: string; port: number } {
  const parsed = new URL(url)
  return { host: parsed.hostname, port: Number(parsed.port) }
}

interface ParsedResponse {
  status: number
  headers: Record<string, string>
  body: string
  complete: boolean
}

/** Parses one response from the bytes received so far. `complete` is true once its whole body is there. */
export function parseResponse(data: Buffer): ParsedResponse | undefined {
  const end = data.indexOf('\r\n\r\n')
  if (end === -1) return undefined
  const head = data.subarray(0, end).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0)
  const headers: Record<string, string> = {}
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const rest = data.subarray(end + 4)
  const length = headers['content-length']
  if (length !== undefined) {
    const size = Number(length)
    return { status, headers, body: rest.subarray(0, size).toString('utf8'), complete: rest.length >= size }
  }
  if (headers['transfer-encoding'] === 'chunked') {
    const text = rest.toString('latin1')
    return { status, headers, body: decodeChunked(text), complete: /(?:^|\r\n)0\r\n\r\n$/.test(text) }
  }
  // No framing: the body runs to the end of the connection.
  return { status, headers, body: rest.toString('utf8'), complete: false }
}

function decodeChunked(text: string): string {
  let body = ''
  let index = 0
  for (;;) {
    const lineEnd = text.indexOf('\r\n', index)
    if (lineEnd === -1) return body
    const size = parseInt(text.slice(index, lineEnd), 16)
    if (!Number.isFinite(size) || size === 0) return body
    body += text.slice(lineEnd + 2, lineEnd + 2 + size)
    index = lineEnd + 2 + size + 2
  }
}

/**
 * Writes `request` on a new socket and waits for the first response, then lingers to see
 * whether the server closes the connection. Never rejects: socket errors count as a close.
 */
export function rawRequest(url: string, request: Buffer | string, options: RawOptions = {}): Promise<RawExchange> {
  const timeoutMs = options.timeoutMs ?? 5000
  const lingerMs = options.lingerMs ?? 500
  const { host, port } = target(url)

  return new Promise((resolve) => {
    const socket: Socket = connect({ host, port })
    const started = performance.now()
    let received = Buffer.alloc(0)
    let completedAt: number | undefined
    let settled = false
    let trickleTimer: NodeJS.Timeout | undefined
    let lingerTimer: NodeJS.Timeout | undefined

    const settle = (closedByServer: boolean, timedOut: boolean): void => {
      if (settled) return
      settled = true
      clearTimeout(overall)
      clearTimeout(lingerTimer)
      clearInterval(trickleTimer)
      socket.destroy()
      const parsed = parseResponse(received)
      resolve({
        status: parsed?.status ?? 0,
        headers: parsed?.headers ?? {},
        body: parsed?.body ?? '',
        closedByServer,
        closedAfterMs: closedByServer ? performance.now() - started : undefined,
        elapsedMs: (completedAt ?? performance.now()) - started,
        timedOut,
      })
    }
    const overall = setTimeout(() => settle(false, completedAt === undefined), timeoutMs)

    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      if (completedAt === undefined && parseResponse(received)?.complete) {
        completedAt = performance.now()
        lingerTimer = setTimeout(() => settle(false, false), lingerMs)
      }
    })
    socket.on('end', () => settle(true, false))
    socket.on('close', () => settle(true, false))
    socket.on('error', () => settle(true, false))

    socket.write(request)
    if (options.trickle) {
      const chunks = [...options.trickle.chunks]
      trickleTimer = setInterval(() => {
        const next = chunks.shift()
        if (next === undefined || socket.destroyed) clearInterval(trickleTimer)
        else socket.write(next)
      }, options.trickle.everyMs)
    }
  })
}

/** Builds request bytes: the request line, `Host`, the given header lines, a blank line, the body. */
export function rawHttp(requestLine: string, headerLines: readonly string[], body: Buffer | string = ''): Buffer {
  const head = [requestLine, 'Host: 127.0.0.1', ...headerLines, '', ''].join('\r\n')
  return Buffer.concat([Buffer.from(head, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body])
}
