/**
 * JSON line logging through pino. The pipeline logs no headers at all, so credentials never
 * reach a line; the redaction paths below also cover errors and custom fields that carry them.
 */

import { pino, destination } from 'pino'

export interface Logger {
  info(object: object, message?: string): void
  error(object: object, message?: string): void
  /** When present and false for info, the server skips building per-request log lines. */
  isLevelEnabled?(level: 'info' | 'error'): boolean
}

export interface ManagedLogger extends Logger {
  /** Reopens the output file, after logrotate moved it; a no-op on standard output. */
  reopen(): void
  flush(): void
}

const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'password',
  'idempotency_key',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-api-key"]',
  '*.headers["idempotency-key"]',
]

export function createLogger(level = 'info', outputPath?: string): ManagedLogger {
  const stream = destination(outputPath === undefined ? { dest: 1, sync: false } : { dest: outputPath, mkdir: true, sync: false })
  const logger = pino({ level, base: undefined, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream)
  return {
    info: (object, message) => logger.info(object, message),
    error: (object, message) => logger.error(object, message),
    isLevelEnabled: (level) => logger.isLevelEnabled(level),
    reopen: () => {
      if (outputPath !== undefined) stream.reopen()
    },
    flush: () => {
      try {
        stream.flushSync()
      } catch {
        // Not open yet: nothing was written, so nothing is lost.
      }
    },
  }
}
