// Variant 3: express with express-openapi-validator reading the bundled spec.
import express from 'express'
import * as OpenApiValidator from 'express-openapi-validator'

import { announce, armExits, askAgentHandler, HOST, PORT, SPEC_FILE } from './common.mjs'

armExits()
const answer = await askAgentHandler()

const app = express()
// No other variant computes an ETag or sends X-Powered-By, so neither does this one.
app.set('etag', false)
app.disable('x-powered-by')
app.use(express.json())
app.use(OpenApiValidator.middleware({ apiSpec: SPEC_FILE, validateRequests: true, validateResponses: false }))
app.post('/agents/ask', (request, response) => {
  const result = answer(request.body)
  response.status(result.status).json(result.body)
})
app.use((error, request, response, next) => {
  response.status(error.status ?? 500).json({ message: error.message, errors: error.errors })
})

const server = app.listen(PORT, HOST, () => announce(server))
