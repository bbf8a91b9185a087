/** JSON line logging through pino; any logger with the same two methods can stand in. */

import { pino } from 'pino'

export interface Logger {
  info(object: object, message?: string): void
  error(object: object, message?: string): void
}

// Credentials that clients send must never reach a log line.
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["idempotency-key"]',
]

export function createLogger(level = 'info'): Logger {
  return pino({ level, base: undefined, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } })
}
