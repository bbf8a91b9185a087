/**
 * Starts the Genesis demo server: `npm start`, or `node dist-app/app/main.js` after a build.
 * Config: CONTRACTS_CONFIG, else config/contracts.yaml when present, else the built-in defaults.
 */

import { existsSync } from 'node:fs'

import { ConfigError, createServer, loadConfig, type ContractsConfig } from '../generated/index.js'
import { createHandlers } from './handlers.js'

const DEFAULT_CONFIG_FILE = 'config/contracts.yaml'

function readConfig(): ContractsConfig {
  const file = process.env.CONTRACTS_CONFIG ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined)
  try {
    return loadConfig(file)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`Invalid configuration:\n${error.message}`)
    process.exit(2)
  }
}

function readPort(fallback: number): number {
  if (process.env.PORT === undefined) return fallback
  const port = Number(process.env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid PORT ${JSON.stringify(process.env.PORT)}: use a whole number from 0 to 65535.`)
    process.exit(2)
  }
  return port
}

const config = readConfig()
const port = readPort(config.server.port)
const host = process.env.HOST ?? config.server.host
const server = createServer({ handlers: createHandlers(), config })

server.listen(port, host, () => {
  const address = server.address()
  const shown = typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address)
  console.error(JSON.stringify({ level: 30, time: Date.now(), msg: `listening on http://${shown}`, store: config.redis ? 'redis' : 'memory' }))
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0))
    server.closeIdleConnections()
  })
}
