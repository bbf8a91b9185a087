/**
 * Request logs as pino JSON lines in `logging.output_path`. Checks one info line per request
 * with its fields, validation failures and rate-limit hits when the config enables them, and
 * 5xx at error level. Also checks X-Request-Id, that no credential reaches the file, and that
 * SIGHUP reopens the file after logrotate moved it. The last two run `node dist-app/app/main.js`.
 */

import { randomBytes, randomUUID } from 'node:crypto'
import { readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { afterAll, afterEach, describe, expect, it } from 'vitest'

import { killAppProcesses, startAppProcess } from '../helpers/app-process.js'
import { ask, demoHandlers, makeTempDir, startGenesis, stopGenesisServers, type HandlerMap } from '../helpers/genesis-server.js'
import { readLogLines, waitForLogLines, type LogLine } from '../helpers/log-lines.js'
import { deleteKeys } from '../helpers/stores.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const prefixes: string[] = []

function loggedConfig(extra = ''): string {
  return `logging:\n  level: info\n  output_path: "{dir}/server.log"\n${extra}`
}

function byRequestId(id: string): (line: LogLine) => boolean {
  return (line) => line.request_id === id
}

function secret(): string {
  return `s3cr3t${randomBytes(12).toString('hex')}`
}

afterEach(async () => {
  await stopGenesisServers()
  await killAppProcesses()
})

afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(`${prefix}*`)
})

describe('request log line', () => {
  it('is written once per request', async () => {
    const { url, dir } = await startGenesis({ config: loggedConfig() })
    const ids = ['once-1', 'once-2', 'once-3']
    for (const id of ids) await (await ask(url, undefined, { 'x-request-id': id })).arrayBuffer()
    await waitForLogLines(path.join(dir, 'server.log'), (line) => line.request_id === 'once-3' && line.msg === 'request')
    const lines = await readLogLines(path.join(dir, 'server.log'))

    for (const id of ids) expect(lines.filter((line) => line.request_id === id && line.msg === 'request')).toHaveLength(1)
  })

  it('carries the request fields at info', async () => {
    const { url, dir } = await startGenesis({ config: loggedConfig() })
    await (await ask(url, undefined, { 'x-request-id': 'fields-1' })).arrayBuffer()
    const [line] = await waitForLogLines(path.join(dir, 'server.log'), byRequestId('fields-1'))

    expect(line?.level).toBe(30)
    expect(line?.method).toBe('POST')
    expect(line?.route).toBe('/agents/ask')
    expect(line?.status).toBe(200)
    expect(typeof line?.duration_ms).toBe('number')
    expect(line?.client).toMatch(/^[0-9a-f]{16}$/)
  })

  it('names the template, never the raw path', async () => {
    const { url, dir } = await startGenesis({ config: loggedConfig() })
    await (await fetch(`${url}/nope/123`, { headers: { 'x-request-id': 'unmatched-1' } })).arrayBuffer()
    const [line] = await waitForLogLines(path.join(dir, 'server.log'), byRequestId('unmatched-1'))

    expect(line?.route).toBe('(unmatched)')
    expect(line?.status).toBe(404)
  })

  it('names the template of a 405', async () => {
    const { url, dir } = await startGenesis({ config: loggedConfig() })
    await (await fetch(`${url}/agents/ask`, { headers: { 'x-request-id': 'wrong-method-1' } })).arrayBuffer()
    const [line] = await waitForLogLines(path.join(dir, 'server.log'), byRequestId('wrong-method-1'))

    expect(line?.route).toBe('/agents/ask')
    expect(line?.status).toBe(405)
  })

  it.each([
    ['an operation', '/agents/ask', 'POST'],
    ['an unmatched path', '/nope/123', 'GET'],
    ['a wrong method', '/agents/ask', 'DELETE'],
    ['/health', '/health', 'GET'],
  ])('carries the client hash for %s', async (_case, route, method) => {
    const { url, dir } = await startGenesis({ config: loggedConfig() })
    const id = `client-${method}-${route.replaceAll('/', '_')}`
    const init: RequestInit = method === 'POST' ? { method, headers: { 'content-type': 'application/json', 'x-request-id': id }, body: '{"role":"qa","prompt":"x"}' } : { method, headers: { 'x-request-id': id } }
    await (await fetch(`${url}${route}`, init)).arrayBuffer()
    const [line] = await waitForLogLines(path.join(dir, 'server.log'), byRequestId(id))

    expect(line?.client).toMatch(/^[0-9a-f]{16}$/)
  })

  it('logs a 5xx at error level', async () => {
    const handlers: HandlerMap = {
      ...(await demoHandlers()),
      askAgent: () => {
        throw new Error('handler failed on purpose')
      },
    }
    const { url, dir } = await startGenesis({ config: loggedConfig(), handlers })
    const response = await ask(url, undefined, { 'x-request-id': 'failing-1' })
    await response.arrayBuffer()
    const lines = await waitForLogLines(path.join(dir, 'server.log'), (line) => line.request_id === 'failing-1' && line.msg === 'request')

    expect(response.status).toBe(500)
    expect(lines[0]?.level).toBe(50)
    expect(lines[0]?.status).toBe(500)
  })
})

describe('validation and rate-limit log lines', () => {
  it('logs validation failures with details', async () => {
    const { url, dir } = await startGenesis({ config: loggedConfig('  log_validation_errors: true\n') })
    await (await ask(url, { role: 'nobody' }, { 'x-request-id': 'invalid-1' })).arrayBuffer()
    const [line] = await waitForLogLines(path.join(dir, 'server.log'), (candidate) => candidate.request_id === 'invalid-1' && candidate.msg !== 'request')
    const fields = (line?.details as { field: string }[] | undefined)?.map((detail) => detail.field)

    expect(line?.error).toBe('validation_error')
    expect(fields).toContain('role')
    expect(fields).toContain('prompt')
  })

  it('omits validation details when turned off', async () => {
    const { url, dir } = await startGenesis({ config: loggedConfig('  log_validation_errors: false\n') })
    await (await ask(url, { role: 'nobody' }, { 'x-request-id': 'invalid-2' })).arrayBuffer()
    const lines = await waitForLogLines(path.join(dir, 'server.log'), byRequestId('invalid-2'))

    expect(lines.map((line) => line.msg)).toEqual(['request'])
  })

  it('logs rate-limit hits when asked', async () => {
    const config = loggedConfig('  log_rate_limit_hits: true\nrate_limiting:\n  endpoints:\n    /agents/ask:\n      limit: 1\n      window_seconds: 60\n')
    const { url, dir } = await startGenesis({ config })
    await (await ask(url, undefined, { 'x-request-id': 'limited-1' })).arrayBuffer()
    const limited = await ask(url, undefined, { 'x-request-id': 'limited-2' })
    await limited.arrayBuffer()
    const [line] = await waitForLogLines(path.join(dir, 'server.log'), (candidate) => candidate.request_id === 'limited-2' && candidate.msg !== 'request')

    expect(limited.status).toBe(429)
    expect(line?.msg).toBe('rate limit hit')
    expect(line?.policy).toBe('/agents/ask')
    expect(line?.client).toMatch(/^[0-9a-f]{16}$/)
  })
})

describe('X-Request-Id', () => {
  it('returns a well-formed id unchanged', async () => {
    const { url, dir } = await startGenesis({ config: loggedConfig() })
    const response = await ask(url, undefined, { 'x-request-id': 'abc-123' })
    await response.arrayBuffer()

    expect(response.headers.get('x-request-id')).toBe('abc-123')
    await expect(waitForLogLines(path.join(dir, 'server.log'), byRequestId('abc-123'))).resolves.toHaveLength(1)
  })

  it('replaces a malformed id with a UUID', async () => {
    const { url, dir } = await startGenesis({ config: loggedConfig() })
    const response = await ask(url, undefined, { 'x-request-id': 'bad id with spaces' })
    await response.arrayBuffer()
    const returned = response.headers.get('x-request-id') ?? ''

    expect(returned).toMatch(UUID)
    await expect(waitForLogLines(path.join(dir, 'server.log'), byRequestId(returned))).resolves.toHaveLength(1)
  })

  it('generates a UUID when none is sent', async () => {
    const { url } = await startGenesis()
    const response = await ask(url)
    await response.arrayBuffer()

    expect(response.headers.get('x-request-id')).toMatch(UUID)
  })
})

describe('log file of a server process', () => {
  it('never contains a secret', async () => {
    const dir = await makeTempDir()
    const logFile = path.join(dir, 'server.log')
    const configFile = path.join(dir, 'config.yaml')
    const prefix = `contracts-ops-logs-${randomUUID()}`
    prefixes.push(prefix)
    await writeFile(configFile, `redis:\n  host: 127.0.0.1\n  port: 6379\n  key_prefix: ${prefix}\n  command_timeout_ms: 1000\nlogging:\n  level: info\n  output_path: ${logFile}\n`)

    const secrets = { bearer: secret(), apiKey: secret(), cookie: secret(), idempotencyKey: secret(), redisPassword: secret() }
    const app = await startAppProcess({ env: { CONTRACTS_CONFIG: configFile, PORT: '0', REDIS_PASSWORD: secrets.redisPassword }, logFile })
    const headers = {
      authorization: `Bearer ${secrets.bearer}`,
      'x-api-key': secrets.apiKey,
      cookie: `session=${secrets.cookie}`,
      'idempotency-key': secrets.idempotencyKey,
    }
    const sent = [
      await ask(app.url, { role: 'qa', prompt: 'valid' }, headers),
      await ask(app.url, { role: 'nobody' }, headers),
      await ask(app.url, '{"role": "qa", "prompt": ', headers),
      await fetch(`${app.url}/nope`, { headers }),
    ]
    for (const response of sent) await response.arrayBuffer()
    const exit = await app.stop('SIGTERM')
    const log = await readFile(logFile, 'utf8')

    expect(exit.exitCode).toBe(0)
    expect(log).toContain('"msg":"request"')
    for (const [name, value] of Object.entries(secrets)) expect(log.includes(value), `${name} found in the log`).toBe(false)
  })

  it('reopens the file on SIGHUP', async () => {
    const dir = await makeTempDir()
    const logFile = path.join(dir, 'server.log')
    const configFile = path.join(dir, 'config.yaml')
    await writeFile(configFile, `logging:\n  level: info\n  output_path: ${logFile}\n`)
    const app = await startAppProcess({ env: { CONTRACTS_CONFIG: configFile, PORT: '0' }, logFile })

    await (await ask(app.url, undefined, { 'x-request-id': 'before-rotate' })).arrayBuffer()
    await waitForLogLines(logFile, byRequestId('before-rotate'))
    await rename(logFile, `${logFile}.1`)
    app.signal('SIGHUP')
    // Give the process time to handle the signal before the next request.
    await new Promise((resolve) => setTimeout(resolve, 300))
    await (await ask(app.url, undefined, { 'x-request-id': 'after-rotate' })).arrayBuffer()

    await expect(waitForLogLines(logFile, byRequestId('after-rotate'))).resolves.toHaveLength(1)
    expect((await readLogLines(`${logFile}.1`)).filter(byRequestId('after-rotate'))).toEqual([])
  })
})
