/** The runtime the generated server is built on. Generated code imports only from this folder. */

export { createRequestListener, createServer, type GeneratedApi, type RequestContext, type ServerOptions } from './server.js'
export type { Logger } from './logger.js'
export type { Problem, ProblemCode, ProblemDetail } from './problem.js'
export type { OperationRequest, OperationResponse, ResponseHeaders } from './types.js'
