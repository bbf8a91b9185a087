// Cold start: openapi-backend on a spec (argument) behind node:http, every operation stubbed.
import { createServer } from 'node:http'

import OpenAPIBackend from 'openapi-backend'

import { announce, armExits, HOST, PORT } from './common.mjs'

armExits()
const json = (response, status, value) => {
  const payload = JSON.stringify(value)
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) })
  response.end(payload)
}
const api = new OpenAPIBackend({
  definition: process.argv[2],
  handlers: {
    notImplemented: (context, request, response) => json(response, 200, {}),
    validationFail: (context, request, response) => json(response, 400, { errors: context.validation.errors }),
    notFound: (context, request, response) => json(response, 404, {}),
    methodNotAllowed: (context, request, response) => json(response, 405, {}),
  },
})
await api.init()

const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const url = new URL(request.url, 'http://127.0.0.1')
    const text = Buffer.concat(chunks).toString('utf8')
    let body
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      return json(response, 400, { error: 'invalid_json' })
    }
    Promise.resolve(api.handleRequest({ method: request.method, path: url.pathname, query: url.search.slice(1), headers: request.headers, body }, request, response))
      .catch((error) => json(response, 500, { error: String(error) }))
  })
})
server.listen(PORT, HOST, () => announce(server))
