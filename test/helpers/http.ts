/** HTTP helpers for requests fetch cannot make, such as a chunked body without Content-Length. */

import { request } from 'node:http'

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
    let responded = false

    const req = request(url, { method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' } }, (res) => {
      responded = true
      const chunks: Buffer[] = []
      res.on('data', (data: Buffer) => chunks.push(data))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    // The server may close the socket while the body is still being written. The response counts.
    req.on('error', (error) => {
      if (!responded) reject(error)
    })

    const writeMore = (): void => {
      while (!responded && sent < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent))
        sent += piece.length
        if (!req.write(piece)) {
          req.once('drain', writeMore)
          return
        }
      }
      if (!responded) req.end()
    }
    writeMore()
  })
}
