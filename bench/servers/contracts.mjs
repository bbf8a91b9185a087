// Variants 4, 6 and 7: the generated server from dist-app/, configured by the YAML file given
// as the first argument (see bench/configs/).
import path from 'node:path'

import { announce, armExits, HOST, onShutdown, PORT, ROOT } from './common.mjs'

armExits()
const configFile = process.argv[2]
if (!configFile) throw new Error('usage: node servers/contracts.mjs CONFIG.yaml')

const generated = await import(path.join(ROOT, 'dist-app/generated/index.js'))
const { createHandlers } = await import(path.join(ROOT, 'dist-app/app/handlers.js'))
const config = generated.loadConfig(configFile, {})
const server = generated.createServer({ handlers: createHandlers(), config })

server.listen(PORT, HOST, () => announce(server, { store: config.redis ? 'redis' : 'memory', logLevel: config.logging.level }))
onShutdown(() => new Promise((resolve) => {
  server.close(() => resolve())
  server.closeAllConnections()
}))
