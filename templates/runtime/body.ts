/** Reads request bodies within a size limit and matches their media type to the spec's. */

import { isUtf8 } from 'node:buffer'
import type { IncomingMessage } from 'node:http'

import type { MediaDefinition } from './types.js'

export type BodyRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'too-large' | 'aborted' }

const EMPTY = Buffer.alloc(0)

/** A request without body bytes, which counts as no body whatever its Content-Type header. */
export const NO_BODY = Symbol('no body')

/**
 * Collects the body, stopping as soon as it passes `limit` bytes, whether or not
 * `Content-Length` said so: a chunked or lying client cannot make the server buffer more.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = request.headers['content-length']
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve({ ok: false, reason: 'too-large' })
  if (declared === '0') return Promise.resolve({ ok: true, bytes: EMPTY })

  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false

    const finish = (result: BodyRead) => {
      if (settled) return
      settled = true
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('error', onError)
      request.off('aborted', onAborted)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        request.pause()
        finish({ ok: false, reason: 'too-large' })
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => finish({ ok: true, bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) })
    const onError = () => finish({ ok: false, reason: 'aborted' })
    const onAborted = () => finish({ ok: false, reason: 'aborted' })

    request.on('data', onData)
    request.on('end', onEnd)
    request.on('error', onError)
    request.on('aborted', onAborted)
  })
}

/** `Application/JSON; charset=UTF-8` becomes `application/json`. */
export function mediaTypeEssence(header: string): string {
  const semicolon = header.indexOf(';')
  return (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase()
}

/** Picks the declared media type for a sent one: exact match first, then `type/*`, then `*\/*`. */
export function matchMedia(media: readonly MediaDefinition[], essence: string): MediaDefinition | undefined {
  let wildcard: MediaDefinition | undefined
  let any: MediaDefinition | undefined
  const slash = essence.indexOf('/')
  const range = slash === -1 ? undefined : `${essence.slice(0, slash)}/*`

  for (const definition of media) {
    if (definition.mediaType === essence) return definition
    if (definition.mediaType === range) wildcard ??= definition
    else if (definition.mediaType === '*/*') any ??= definition
  }
  return wildcard ?? any
}

/**
 * Decodes UTF-8 strictly: malformed bytes are an error, not replacement characters. A leading
 * byte order mark is dropped. `isUtf8` plus `toString` costs less than a fatal TextDecoder.
 */
export function decodeUtf8(bytes: Buffer): string | undefined {
  if (!isUtf8(bytes)) return undefined
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  return bytes.toString('utf8', start)
}
