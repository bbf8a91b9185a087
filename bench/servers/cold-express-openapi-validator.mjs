// Cold start: express + express-openapi-validator on a spec (argument), every route stubbed.
import express from 'express'
import * as OpenApiValidator from 'express-openapi-validator'

import { announce, armExits, HOST, PORT } from './common.mjs'

armExits()
const app = express()
app.use(express.json())
app.use(OpenApiValidator.middleware({ apiSpec: process.argv[2], validateRequests: true, validateResponses: false }))
app.use((request, response) => response.status(200).json({}))
app.use((error, request, response, next) => response.status(error.status ?? 500).json({ message: error.message }))
const server = app.listen(PORT, HOST, () => announce(server))
