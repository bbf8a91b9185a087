/** The runtime the generated server is built on. Generated code imports only from this folder. */

export { ConfigError, defaultConfig, loadConfig, type ContractsConfig } from './config.js'
export { createLogger, type Logger, type ManagedLogger } from './logger.js'
export { Metrics, METRIC_NAMES } from './metrics.js'
export { startServer, type RunningServer, type StartOptions } from './serve.js'
export type { Problem, ProblemCode, ProblemDetail } from './problem.js'
export {
  createApplication,
  createRequestListener,
  createServer,
  type Application,
  type GeneratedApi,
  type RequestContext,
  type ServerOptions,
} from './server.js'
export type { Credential, VerifyCredentials } from './security.js'
export type { Store } from './store.js'
export { MemoryStore } from './store-memory.js'
export { createRedisClient, RedisStore } from './store-redis.js'
export type { OperationRequest, OperationResponse, ResponseHeaders, UploadedFile } from './types.js'
