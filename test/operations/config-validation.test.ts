/**
 * Start-up config validation of the real entry point, `node dist-app/app/main.js` with
 * CONTRACTS_CONFIG: a bad file stops the process with exit code 2 and a message that names
 * the key and its `file:line:column`, and never repeats the value of a secret key.
 */

import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runToExit, type Exit } from '../helpers/app-process.js'
import { appMainFile, makeTempDir, stopGenesisServers } from '../helpers/genesis-server.js'
import { positionOf } from '../helpers/text.js'

const SECRET = `pw-${randomBytes(12).toString('hex')}`

interface BadConfig {
  name: string
  text: string
  /** Text whose first character the message must point at. */
  at: string
  /** Dotted key the message must name. */
  key: string
  /** Words of the message that describe the problem. */
  reason: string
}

const BAD_CONFIGS: BadConfig[] = [
  {
    name: 'unknown key',
    text: 'environment:\n  name: test\n\nserver:\n  host: 127.0.0.1\n  port: 8000\n  colour: blue\n',
    at: 'colour:',
    key: 'server.colour',
    reason: 'unknown key',
  },
  {
    name: 'wrong type',
    text: 'server:\n  host: 127.0.0.1\n  port: "eighty"\n',
    at: 'port:',
    key: 'server.port',
    reason: 'must be of type integer',
  },
  {
    name: 'default_limit of 0',
    text: 'rate_limiting:\n  enabled: true\n  default_limit: 0\n',
    at: 'default_limit:',
    key: 'rate_limiting.default_limit',
    reason: 'must be >= 1',
  },
  {
    name: 'endpoint limit of 0',
    text: 'rate_limiting:\n  endpoints:\n    /agents/ask:\n      limit: 0\n      window_seconds: 60\n',
    at: 'limit:',
    key: 'rate_limiting.endpoints["/agents/ask"].limit',
    reason: 'must be >= 1',
  },
  {
    name: 'endpoint window of -5 seconds',
    text: 'rate_limiting:\n  endpoints:\n    POST /agents/ask:\n      limit: 5\n      window_seconds: -5\n',
    at: 'window_seconds:',
    key: 'rate_limiting.endpoints["POST /agents/ask"].window_seconds',
    reason: 'must be > 0',
  },
  {
    name: 'endpoint path in no spec',
    text: 'rate_limiting:\n  endpoints:\n    /agents/ask:\n      limit: 5\n      window_seconds: 60\n    /agents/asks:\n      limit: 5\n      window_seconds: 60\n',
    at: '/agents/asks:',
    key: 'rate_limiting.endpoints["/agents/asks"]',
    reason: 'matches no operation in the specs',
  },
  {
    name: 'endpoint method the path lacks',
    text: 'rate_limiting:\n  endpoints:\n    GET /halo/route:\n      limit: 5\n      window_seconds: 60\n',
    at: 'GET /halo/route:',
    key: 'rate_limiting.endpoints["GET /halo/route"]',
    reason: 'matches no operation in the specs',
  },
  {
    name: 'redis.password of the wrong type',
    text: `redis:\n  host: 127.0.0.1\n  port: 6379\n  password:\n    - ${SECRET}\n`,
    at: 'password:',
    key: 'redis.password',
    reason: 'must be of type string',
  },
  {
    name: 'redis.url of the wrong type',
    text: `redis:\n  url:\n    value: redis://user:${SECRET}@127.0.0.1:6379\n`,
    at: 'url:',
    key: 'redis.url',
    reason: 'must be of type string',
  },
]

const exits = new Map<string, { exit: Exit; file: string }>()

async function runWith(config: BadConfig): Promise<void> {
  const dir = await makeTempDir()
  const file = path.join(dir, 'config.yaml')
  await writeFile(file, config.text)
  const exit = await runToExit(appMainFile, { CONTRACTS_CONFIG: file, PORT: '0' })
  exits.set(config.name, { exit, file })
}

function resultFor(config: BadConfig): { exit: Exit; file: string } {
  const result = exits.get(config.name)
  if (!result) throw new Error(`main.js was not run with the config "${config.name}"`)
  return result
}

// Each process only starts and fails, so all of them run at once.
beforeAll(async () => {
  await Promise.all(BAD_CONFIGS.map(runWith))
})

afterAll(async () => {
  await stopGenesisServers()
})

describe('bad config at start-up', () => {
  it.each(BAD_CONFIGS)('$name exits with code 2', (config) => {
    const { exit } = resultFor(config)

    expect(exit.exitCode, exit.stderr).toBe(2)
  })

  it.each(BAD_CONFIGS)('$name names the key', (config) => {
    const { exit } = resultFor(config)

    expect(exit.stderr).toContain(config.key)
    expect(exit.stderr).toContain(config.reason)
  })

  it.each(BAD_CONFIGS)('$name points at file, line and column', (config) => {
    const { exit, file } = resultFor(config)
    const { line, column } = positionOf(config.text, config.at)

    expect(exit.stderr).toContain(`${file}:${line}:${column}`)
  })

  it.each(BAD_CONFIGS)('$name never prints the secret', (config) => {
    const { exit } = resultFor(config)

    expect(exit.stderr).not.toContain(SECRET)
    expect(exit.stdout).not.toContain(SECRET)
  })
})
