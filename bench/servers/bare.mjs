// Variant 1: node:http alone. Parses the JSON body, validates nothing: the ceiling.
import { createServer } from 'node:http'

import { announce, armExits, askAgentHandler, HOST, PORT } from './common.mjs'

armExits()
const answer = await askAgentHandler()

function send(response, status, payload) {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) })
  response.end(payload)
}

const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const questionMark = request.url.indexOf('?')
    const route = questionMark === -1 ? request.url : request.url.slice(0, questionMark)
    if (request.method !== 'POST' || route !== '/agents/ask') return send(response, 404, '{"error":"not_found"}')
    let body
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return send(response, 400, '{"error":"invalid_json"}')
    }
    const result = answer(body)
    send(response, result.status, JSON.stringify(result.body))
  })
})

server.listen(PORT, HOST, () => announce(server))
