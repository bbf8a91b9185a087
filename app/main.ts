/**
 * Starts the Genesis demo server: `npm start`, or `node dist-app/app/main.js` after a build.
 * Config: CONTRACTS_CONFIG, else config/contracts.yaml when present, else the built-in defaults.
 * PORT and HOST in the environment override the config's server.port and server.host.
 */

import { existsSync } from 'node:fs'

import { api, ConfigError, loadConfig, startServer, type ContractsConfig } from '../generated/index.js'
import { createHandlers } from './handlers.js'

const DEFAULT_CONFIG_FILE = 'config/contracts.yaml'

function fail(message: string): never {
  console.error(message)
  process.exit(2)
}

function readConfig(): ContractsConfig {
  const file = process.env.CONTRACTS_CONFIG ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined)
  try {
    return loadConfig(file)
  } catch (error) {
    if (error instanceof ConfigError) fail(`Invalid configuration:\n${error.message}`)
    throw error
  }
}

function readPort(): number | undefined {
  if (process.env.PORT === undefined) return undefined
  const port = Number(process.env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Invalid PORT ${JSON.stringify(process.env.PORT)}: use a whole number from 0 to 65535.`)
  return port
}

const config = readConfig()
const port = readPort() ?? config.server.port
const host = process.env.HOST ?? config.server.host
try {
  await startServer(api, { handlers: createHandlers(), config, port, host })
} catch (error) {
  // Some config errors show only against the specs, such as a rate-limit policy for an unknown path.
  if (error instanceof ConfigError) fail(`Invalid configuration:\n${error.message}`)
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') fail(`Port ${port} on ${host} is already in use: stop the other server or set PORT to a free port.`)
  if (code === 'EACCES') fail(`No permission to listen on port ${port}: use a port above 1023 or run with the needed privilege.`)
  throw error
}
