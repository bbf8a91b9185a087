/** HTTP helpers for requests fetch cannot make, such as a chunked body without Content-Length. */

import { request, type ClientRequest } from 'node:http'

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * POSTs `totalBytes` of `fill` in chunks with `Transfer-Encoding: chunked` and no
 * Content-Length. Stops writing once the response arrives, because a 413 may come early.
 */
export function postChunked(url: string, totalBytes: number, headers: Record<string, string> = {}, fill = 'a'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, fill)
    let sent = 0
    const { req, responded } = startPost(url, { ...headers, 'Transfer-Encoding': 'chunked' }, resolve, reject)

    const writeMore = (): void => {
      while (!responded() && sent < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent))
        sent += piece.length
        if (!req.write(piece)) {
          req.once('drain', writeMore)
          return
        }
      }
      if (!responded()) req.end()
    }
    writeMore()
  })
}

/** POSTs `body` with Content-Length, or chunked without one. A 413 that comes early still counts. */
export function postBytes(url: string, headers: Record<string, string>, body: Buffer, chunked = false): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const framing = chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(body.length) }
    startPost(url, { ...headers, ...framing }, resolve, reject).req.end(body)
  })
}

/**
 * Starts a POST that settles with its response. The server may close the socket while the
 * body is still being written, and the response still counts.
 */
function startPost(
  url: string,
  headers: Record<string, string>,
  resolve: (response: RawResponse) => void,
  reject: (error: Error) => void,
): { req: ClientRequest; responded: () => boolean } {
  let responded = false
  const req = request(url, { method: 'POST', headers }, (res) => {
    responded = true
    const chunks: Buffer[] = []
    res.on('data', (data: Buffer) => chunks.push(data))
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    res.on('error', reject)
  })
  req.on('error', (error) => {
    if (!responded) reject(error)
  })
  return { req, responded: () => responded }
}
