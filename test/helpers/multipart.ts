/**
 * multipart/form-data bodies written byte for byte, for the cases fetch's FormData cannot
 * send: no boundary, a cut-off body, an exact Content-Type.
 */

export interface RawPart {
  name: string
  filename?: string
  contentType?: string
  content: string | Buffer
}

/** Writes the body for `boundary`. With `closed` false the final delimiter is left out. */
export function multipartBody(boundary: string, parts: readonly RawPart[], closed = true): Buffer {
  const pieces: Buffer[] = []
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`
    const type = part.contentType === undefined ? '' : `Content-Type: ${part.contentType}\r\n`
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}\r\n${type}\r\n`))
    pieces.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content))
    pieces.push(Buffer.from('\r\n'))
  }
  if (closed) pieces.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(pieces)
}
