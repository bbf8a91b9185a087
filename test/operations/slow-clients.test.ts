/**
 * Slowloris clients against `server.headers_timeout_seconds: 1`: a socket that sends part of
 * a request and then nothing, or trickles header bytes forever, must be closed by the server
 * within about two seconds, and the server keeps serving others meanwhile.
 */

import { afterAll, beforeAll, describe, it } from 'vitest'

import { startGenesis, stopGenesisServers } from '../helpers/genesis-server.js'
import { rawRequest } from '../helpers/raw-socket.js'

// One second of headers timeout, plus scheduling slack on a busy machine.
const CLOSE_WITHIN_MS = 2500
// How long the client waits for the close before it gives up and reports the socket still open.
const GIVE_UP_MS = 4000

let url: string

beforeAll(async () => {
  const started = await startGenesis({ config: 'server:\n  headers_timeout_seconds: 1\nlogging:\n  level: silent\n' })
  url = started.url
})

afterAll(async () => {
  await stopGenesisServers()
})

// The cases run at once: each one waits for a timeout, and they share nothing but the server.
describe.concurrent('slow clients', () => {
  it('half a request line is cut off', async ({ expect }) => {
    const exchange = await rawRequest(url, 'GET /hea', { timeoutMs: GIVE_UP_MS })

    expect(exchange.closedByServer, `socket still open after ${GIVE_UP_MS} ms`).toBe(true)
    expect(exchange.elapsedMs).toBeLessThan(CLOSE_WITHIN_MS)
  })

  it('trickled header bytes are cut off', async ({ expect }) => {
    const trickle = { chunks: Array.from({ length: 60 }, (_, index) => `X-Slow-${index}: a\r\n`), everyMs: 100 }
    const exchange = await rawRequest(url, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n', { timeoutMs: GIVE_UP_MS, trickle })

    expect(exchange.closedByServer, `socket still open after ${GIVE_UP_MS} ms`).toBe(true)
    expect(exchange.elapsedMs).toBeLessThan(CLOSE_WITHIN_MS)
  })

  it('others are served while one stalls', async ({ expect }) => {
    const stalled = rawRequest(url, 'GET /hea', { timeoutMs: 1000 })
    const response = await fetch(`${url}/health`)
    await response.arrayBuffer()

    expect(response.status).toBe(200)
    await stalled
  })
})
