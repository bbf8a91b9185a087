/**
 * Reads multipart/form-data request bodies with busboy. Parts are streamed, and each file is
 * collected up to `maxFileBytes`, each text field up to `maxFieldBytes`, the whole body up to
 * the body limit. Reading stops at the first limit crossed, so the server never buffers more
 * than the limits allow.
 */

import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'

import busboy, { type Busboy, type FieldInfo, type FileInfo } from 'busboy'

import { NO_BODY } from './body.js'
import { assembleParts, type ReceivedPart } from './parts.js'
import { ProblemError, type ProblemDetail } from './problem.js'
import type { MediaDefinition } from './types.js'

export interface MultipartLimits {
  /** Maximum size of one file part, in bytes. */
  maxFileBytes: number
  /** Maximum size of one text field, in bytes. */
  maxFieldBytes: number
  maxFiles: number
  maxFields: number
  /** Maximum number of parts, files and fields together. */
  maxParts: number
}

export interface MultipartSettings {
  /** Maximum size of the whole body, in bytes. */
  bodyLimit: number
  maxJsonDepth: number
  multipart: MultipartLimits
}

/**
 * Reads the parts and builds the body object from them. Returns NO_BODY for zero bytes, and a
 * problem for a malformed body or a crossed limit; disallowed media types go to `details`.
 */
export async function readMultipart(
  request: IncomingMessage,
  media: MediaDefinition,
  settings: MultipartSettings,
  details: ProblemDetail[],
): Promise<{ value: Record<string, unknown> } | typeof NO_BODY | ProblemError> {
  const received = await receiveParts(request, settings.bodyLimit, settings.multipart)
  if (received === NO_BODY || received instanceof ProblemError) return received

  const value = assembleParts(received, media.parts ?? [], settings.maxJsonDepth, details)
  return value instanceof ProblemError ? value : { value }
}

type Received = ReceivedPart[] | typeof NO_BODY | ProblemError

function receiveParts(request: IncomingMessage, bodyLimit: number, limits: MultipartLimits): Promise<Received> {
  const declared = request.headers['content-length']
  if (declared !== undefined && Number(declared) > bodyLimit) return Promise.resolve(new ProblemError('payload_too_large'))
  if (declared === '0') return Promise.resolve(NO_BODY)

  return new Promise((resolve) => new PartReader(request, bodyLimit, limits, resolve).start())
}

/**
 * Feeds the request to busboy and collects the parts in the order they were sent. The parser
 * is created on the first byte, so an empty body counts as no body even without a boundary.
 */
class PartReader {
  /** One slot per part; a file's slot is filled when its stream ends. */
  private readonly parts: (ReceivedPart | undefined)[] = []
  private parser: Busboy | undefined
  private received = 0
  private openFiles = 0
  private parserFinished = false
  private settled = false

  constructor(
    private readonly request: IncomingMessage,
    private readonly bodyLimit: number,
    private readonly limits: MultipartLimits,
    private readonly resolve: (result: Received) => void,
  ) {}

  start(): void {
    this.request.on('data', this.onData)
    this.request.on('end', this.onEnd)
    this.request.on('error', this.onAborted)
    this.request.on('aborted', this.onAborted)
  }

  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length
    if (this.received > this.bodyLimit) return this.fail(new ProblemError('payload_too_large'))

    const parser = this.parser ?? this.createParser()
    if (parser === undefined || parser.write(chunk)) return
    // Backpressure: busboy waits for a file stream's reader, so the socket waits for busboy.
    this.request.pause()
    parser.once('drain', () => {
      if (!this.settled) this.request.resume()
    })
  }

  private readonly onEnd = (): void => {
    if (this.parser === undefined) return this.finish(NO_BODY)
    this.parser.end()
  }

  private readonly onAborted = (): void => this.fail(new ProblemError('invalid_multipart'))

  private createParser(): Busboy | undefined {
    let parser: Busboy
    try {
      parser = busboy({
        headers: this.request.headers,
        // Filenames arrive as UTF-8 from browsers and from fetch's FormData.
        defParamCharset: 'utf8',
        // busboy reports reaching a size or part limit, not passing it, hence one more than allowed.
        limits: {
          fileSize: this.limits.maxFileBytes + 1,
          fieldSize: this.limits.maxFieldBytes + 1,
          files: this.limits.maxFiles,
          fields: this.limits.maxFields,
          parts: this.limits.maxParts + 1,
        },
      })
    } catch {
      // busboy throws when the Content-Type has no boundary or malformed parameters.
      this.fail(new ProblemError('invalid_multipart', [{ location: 'header', field: 'Content-Type', error: 'Must be multipart/form-data with a boundary parameter' }]))
      return undefined
    }

    const tooMany = () => this.fail(new ProblemError('too_many_parts'))
    parser.on('file', this.onFile)
    parser.on('field', this.onField)
    parser.on('filesLimit', tooMany)
    parser.on('fieldsLimit', tooMany)
    parser.on('partsLimit', tooMany)
    parser.on('error', () => this.fail(new ProblemError('invalid_multipart')))
    parser.on('finish', () => {
      this.parserFinished = true
      this.complete()
    })
    this.parser = parser
    return parser
  }

  private readonly onFile = (name: string, stream: Readable, info: FileInfo): void => {
    const slot = this.parts.push(undefined) - 1
    const chunks: Buffer[] = []
    let size = 0
    this.openFiles += 1

    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
    })
    stream.on('limit', () => {
      this.fail(new ProblemError('payload_too_large', [{ location: 'body', field: name, error: `File is larger than ${this.limits.maxFileBytes} bytes` }]))
    })
    stream.on('error', () => this.fail(new ProblemError('invalid_multipart')))
    stream.on('end', () => {
      this.openFiles -= 1
      this.parts[slot] = { name, filename: info.filename, mediaType: info.mimeType, content: Buffer.concat(chunks, size) }
      this.complete()
    })
  }

  private readonly onField = (name: string, value: string, info: FieldInfo): void => {
    if (info.valueTruncated) {
      this.fail(new ProblemError('payload_too_large', [{ location: 'body', field: name, error: `Field is longer than ${this.limits.maxFieldBytes} bytes` }]))
      return
    }
    this.parts.push({ name, filename: undefined, mediaType: info.mimeType, content: value })
  }

  private complete(): void {
    if (this.parserFinished && this.openFiles === 0) this.finish(this.parts.filter((part): part is ReceivedPart => part !== undefined))
  }

  /**
   * Stops reading at once: the rest of the body stays unread in the socket, and the server
   * closes the connection after its response because the request is incomplete. busboy is
   * left without input rather than destroyed, because it may be inside one of its own events.
   */
  private fail(problem: ProblemError): void {
    if (this.settled) return
    this.request.pause()
    this.finish(problem)
  }

  private finish(result: Received): void {
    if (this.settled) return
    this.settled = true
    this.request.off('data', this.onData)
    this.request.off('end', this.onEnd)
    this.request.off('error', this.onAborted)
    this.request.off('aborted', this.onAborted)
    this.resolve(result)
  }
}
