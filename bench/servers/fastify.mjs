// Variants 2 and 5: fastify with its built-in Ajv body validation; with `--rate-limit`,
// @fastify/rate-limit on its Redis store in front.
import Fastify from 'fastify'

import { loadSpec, requestBodySchema } from '../lib/spec.mjs'
import { announce, armExits, askAgentHandler, HOST, KEY_PREFIX, onShutdown, PORT, RATE_LIMIT, REDIS, SPEC_FILE } from './common.mjs'

armExits()
const withRateLimit = process.argv.includes('--rate-limit')
const answer = await askAgentHandler()
const bodySchema = requestBodySchema(loadSpec(SPEC_FILE), 'askAgent')

const app = Fastify({ logger: false })

if (withRateLimit) {
  const { default: rateLimit } = await import('@fastify/rate-limit')
  const { Redis } = await import('ioredis')
  const redis = new Redis({ ...REDIS, enableOfflineQueue: true, maxRetriesPerRequest: 1 })
  onShutdown(() => redis.quit())
  await app.register(rateLimit, {
    global: true,
    max: RATE_LIMIT,
    timeWindow: 60_000,
    redis,
    nameSpace: `${KEY_PREFIX}:fastify-rl:`,
  })
}

app.post('/agents/ask', { schema: { body: bodySchema } }, async (request, reply) => {
  const result = answer(request.body)
  reply.code(result.status)
  return result.body
})

await app.listen({ port: PORT, host: HOST })
announce(app.server, { rateLimit: withRateLimit })
onShutdown(() => app.close())
