// Cold start: a generated server (argument: its compiled index.js) with a stub for every
// handler. The server looks each handler up once at start-up, and the Proxy returns the stub
// for every name.
import { announce, armExits, HOST, PORT } from './common.mjs'

armExits()
const [indexFile, configFile] = process.argv.slice(2)
const generated = await import(indexFile)
const handlers = new Proxy({}, {
  get: (target, name) => (typeof name === 'string' ? () => ({ status: 200, body: {} }) : undefined),
})
const config = configFile ? generated.loadConfig(configFile, {}) : generated.defaultConfig()
const server = generated.createServer({ handlers, config })
server.listen(PORT, HOST, () => announce(server))
