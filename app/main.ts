/** Starts the Genesis demo server: `npm start`, or `node dist-app/app/main.js` after a build. */

import { createServer } from '../generated/index.js'
import { createHandlers } from './handlers.js'

const port = Number(process.env.PORT ?? 8000)
const host = process.env.HOST ?? '127.0.0.1'

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid PORT ${JSON.stringify(process.env.PORT)}: use a whole number from 0 to 65535.`)
  process.exit(2)
}

const server = createServer({ handlers: createHandlers() })

server.listen(port, host, () => {
  const address = server.address()
  const shown = typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address)
  console.error(JSON.stringify({ level: 30, time: Date.now(), msg: `listening on http://${shown}` }))
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0))
    server.closeIdleConnections()
  })
}
