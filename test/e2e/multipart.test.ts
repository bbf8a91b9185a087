/**
 * multipart/form-data request bodies on a generated server compiled with tsc and served on
 * 127.0.0.1: text fields coerced like form fields, JSON parts parsed and validated, files
 * delivered as UploadedFile with their exact bytes, and the per-part limits of the config.
 * The handlers are TypeScript compiled against the generated types, so they also check that
 * file fields are typed as UploadedFile in the multipart body and as string in the JSON one.
 */

import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { postBytes, type RawResponse } from '../helpers/http.js'
import { multipartBody, type RawPart } from '../helpers/multipart.js'
import { fixture } from '../helpers/paths.js'
import { compileProject, makeTempProject, removeTempProjects, startServer, type CompiledProject, type RunningServer } from '../helpers/project.js'

const HANDLERS = `import { createHash } from 'node:crypto'

import type { Handlers, UploadedFile } from './generated/index.js'

function describeFile(file: UploadedFile) {
  return { filename: file.filename ?? null, mediaType: file.mediaType, size: file.size, sha256: createHash('sha256').update(file.data).digest('hex') }
}

export const handlers: Handlers = {
  uploadDocument({ body, contentType }) {
    const attachments = (body.attachments ?? []).map(describeFile)
    return { status: 201, body: { contentType, title: body.title, pages: body.pages, tags: body.tags, meta: body.meta, file: describeFile(body.file), attachments } }
  },
  createDocumentRecord({ body }) {
    const file: string = body.file
    return { status: 201, body: { title: body.title, file } }
  },
}
`

const LIMITS = { bodyBytes: 160 * 1024, fileBytes: 64 * 1024, fieldBytes: 1024, files: 5, fields: 6, parts: 10 }

const CONFIG = `server:
  body_limit_bytes: ${LIMITS.bodyBytes}
  multipart:
    max_file_bytes: ${LIMITS.fileBytes}
    max_field_bytes: ${LIMITS.fieldBytes}
    max_files: ${LIMITS.files}
    max_fields: ${LIMITS.fields}
    max_parts: ${LIMITS.parts}
logging:
  level: silent
`

type Json = Record<string, any>

interface Reply {
  status: number
  body: Json
}

let project: CompiledProject
let server: RunningServer
let loadConfig: (file: string, environment: NodeJS.ProcessEnv) => unknown
let configDir: string

beforeAll(async () => {
  project = await compileProject({ specs: [fixture('multipart.yaml')], handlersSource: HANDLERS })
  loadConfig = (project.generated as unknown as { loadConfig: typeof loadConfig }).loadConfig
  configDir = await makeTempProject('contracts-multipart-config-')
  const configFile = path.join(configDir, 'config.yaml')
  await writeFile(configFile, CONFIG)
  server = await startServer(project.generated, project.handlersModule?.handlers as object, { config: loadConfig(configFile, {}) })
})

afterAll(async () => {
  await server?.close()
  await removeTempProjects()
})

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Builds a form with a title and a small text file, plus `extra` fields appended in order. */
function documentForm(extra: [string, string | Blob, string?][] = []): FormData {
  const form = new FormData()
  form.append('title', 'Quarterly report')
  form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'report.txt')
  for (const [name, value, filename] of extra) {
    if (typeof value === 'string') form.append(name, value)
    else form.append(name, value, filename)
  }
  return form
}

/** `count` values for the `tags` array, each its own part. */
function tags(count: number): [string, string][] {
  return Array.from({ length: count }, (_, index) => ['tags', `t${index}`])
}

/** `count` small files for the `attachments` array. */
function attachments(count: number): [string, Blob, string][] {
  return Array.from({ length: count }, (_, index) => ['attachments', new Blob([`file ${index}`]), `${index}.bin`])
}

async function postForm(form: FormData, headers: Record<string, string> = {}): Promise<Reply & { headers: Headers }> {
  const response = await fetch(`${server.url}/documents`, { method: 'POST', body: form, headers })
  const text = await response.text()
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Json), headers: response.headers }
}

async function postRaw(parts: readonly RawPart[], options: { contentType?: string; closed?: boolean; chunked?: boolean } = {}): Promise<Reply> {
  const body = multipartBody('XyZ', parts, options.closed ?? true)
  const reply: RawResponse = await postBytes(`${server.url}/documents`, { 'Content-Type': options.contentType ?? 'multipart/form-data; boundary=XyZ' }, body, options.chunked)
  return { status: reply.status, body: reply.body === '' ? {} : (JSON.parse(reply.body) as Json) }
}

function fields(reply: Reply): string[] {
  return ((reply.body.details ?? []) as { field: string }[]).map((detail) => detail.field)
}

describe('generation of multipart body', () => {
  it('reports no unsupported media type', () => {
    expect(project.result.diagnostics.filter((diagnostic) => diagnostic.rule === 'unsupported-media-type')).toEqual([])
  })
})

describe('multipart upload with fields and file', () => {
  let reply: Reply

  beforeAll(async () => {
    reply = await postForm(documentForm([
      ['pages', '12'],
      ['tags', 'finance'],
      ['tags', 'q3'],
      ['meta', '{"author":"Ada","year":2024}'],
    ]))
  })

  it('answers 201', () => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
  })

  it('passes text field as string', () => {
    expect(reply.body.title).toBe('Quarterly report')
  })

  it('coerces integer field', () => {
    expect(reply.body.pages).toBe(12)
  })

  it('collects repeated field into array', () => {
    expect(reply.body.tags).toEqual(['finance', 'q3'])
  })

  it('parses JSON part', () => {
    expect(reply.body.meta).toEqual({ author: 'Ada', year: 2024 })
  })

  it('gives file name', () => {
    expect(reply.body.file.filename).toBe('report.txt')
  })

  it('gives file media type', () => {
    expect(reply.body.file.mediaType).toBe('text/plain')
  })

  it('gives file size', () => {
    expect(reply.body.file.size).toBe(5)
  })

  it('reports multipart content type to handler', () => {
    expect(reply.body.contentType).toBe('multipart/form-data')
  })
})

describe('multipart single value of array property', () => {
  it('becomes one-item array', async () => {
    const reply = await postForm(documentForm([['tags', 'solo']]))
    expect(reply.body.tags).toEqual(['solo'])
  })
})

describe('multipart file bytes', () => {
  // Random bytes plus CR LF and near-delimiters (the boundary is XyZ), which must stay content.
  const data = Buffer.concat([randomBytes(20_000), Buffer.from('\r\n--XyY\r\n--Xy\r\n--\r\n'), randomBytes(20_000)])
  let reply: Reply

  beforeAll(async () => {
    reply = await postRaw([
      { name: 'title', content: 'Binary' },
      { name: 'file', filename: 'data.bin', contentType: 'application/octet-stream', content: data },
    ])
  })

  it('answers 201', () => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
  })

  it('reach handler unchanged', () => {
    expect(reply.body.file.sha256).toBe(sha256(data))
  })

  it('keep their length', () => {
    expect(reply.body.file.size).toBe(data.length)
  })
})

describe('multipart array of files', () => {
  const first = randomBytes(1000)
  const second = randomBytes(2000)
  let reply: Reply

  beforeAll(async () => {
    reply = await postForm(documentForm([
      ['attachments', new Blob([first]), 'a.bin'],
      ['attachments', new Blob([second]), 'b.bin'],
    ]))
  })

  it('delivers every file in order', () => {
    expect(reply.body.attachments.map((file: Json) => file.sha256)).toEqual([sha256(first), sha256(second)])
  })

  it('names each file', () => {
    expect(reply.body.attachments.map((file: Json) => file.filename)).toEqual(['a.bin', 'b.bin'])
  })

  it('checks maxItems of files', async () => {
    const reply = await postForm(documentForm(attachments(4)))
    expect({ status: reply.status, details: reply.body.details }).toEqual({
      status: 400,
      details: [{ location: 'body', field: 'attachments', error: 'Must have at most 3 items' }],
    })
  })
})

describe('multipart JSON part', () => {
  it('rejects invalid JSON naming field', async () => {
    const reply = await postForm(documentForm([['meta', '{"author":']]))
    expect({ status: reply.status, error: reply.body.error, fields: fields(reply) }).toEqual({ status: 400, error: 'invalid_json', fields: ['meta'] })
  })

  it('reports missing property inside part', async () => {
    const reply = await postForm(documentForm([['meta', '{"year":2024}']]))
    expect({ status: reply.status, error: reply.body.error, fields: fields(reply) }).toEqual({ status: 400, error: 'validation_error', fields: ['meta.author'] })
  })

  it('reports wrong type inside part', async () => {
    const reply = await postForm(documentForm([['meta', '{"author":"Ada","year":"soon"}']]))
    expect(fields(reply)).toEqual(['meta.year'])
  })

  it('parses JSON part sent as file', async () => {
    const reply = await postForm(documentForm([['meta', new Blob(['{"author":"Bo"}'], { type: 'application/json' }), 'meta.json']]))
    expect(reply.body.meta).toEqual({ author: 'Bo' })
  })
})

describe('multipart validation', () => {
  it('names missing required file', async () => {
    const form = new FormData()
    form.append('title', 'No file')
    const reply = await postForm(form)
    expect({ status: reply.status, details: reply.body.details }).toEqual({
      status: 400,
      details: [{ location: 'body', field: 'file', error: 'Field required' }],
    })
  })

  it('names field failing coercion', async () => {
    const reply = await postForm(documentForm([['pages', 'twelve']]))
    expect({ status: reply.status, fields: fields(reply) }).toEqual({ status: 400, fields: ['pages'] })
  })

  it('rejects undeclared field', async () => {
    const reply = await postForm(documentForm([['colour', 'blue']]))
    expect({ status: reply.status, fields: fields(reply) }).toEqual({ status: 400, fields: ['colour'] })
  })

  it('rejects file of disallowed media type', async () => {
    const form = new FormData()
    form.append('title', 'Picture')
    form.append('file', new Blob(['GIF89a'], { type: 'image/gif' }), 'a.gif')
    const reply = await postForm(form)
    expect({ status: reply.status, details: reply.body.details }).toEqual({
      status: 400,
      details: [{ location: 'body', field: 'file', error: 'Media type image/gif is not allowed; expected application/pdf, text/*, application/octet-stream' }],
    })
  })

  it('accepts media type in allowed range', async () => {
    const form = new FormData()
    form.append('title', 'Markdown')
    form.append('file', new Blob(['# hi'], { type: 'text/markdown' }), 'a.md')
    expect((await postForm(form)).status).toBe(201)
  })

  it('takes file sent as plain field', async () => {
    const reply = await postRaw([{ name: 'title', content: 'Inline' }, { name: 'file', content: 'inline text' }])
    expect({ status: reply.status, file: reply.body.file }).toEqual({
      status: 201,
      file: { filename: null, mediaType: 'text/plain', size: 11, sha256: sha256(Buffer.from('inline text')) },
    })
  })
})

describe('multipart Content-Type header', () => {
  const parts: RawPart[] = [{ name: 'title', content: 'Case' }, { name: 'file', filename: 'a.txt', contentType: 'text/plain', content: 'abc' }]

  it('matches regardless of case and parameters', async () => {
    const reply = await postRaw(parts, { contentType: 'Multipart/Form-Data; boundary=XyZ; charset=utf-8' })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
  })

  it('without boundary is 400', async () => {
    const reply = await postRaw(parts, { contentType: 'multipart/form-data' })
    expect({ status: reply.status, error: reply.body.error, fields: fields(reply) }).toEqual({ status: 400, error: 'invalid_multipart', fields: ['Content-Type'] })
  })

  it('with wrong boundary is 400', async () => {
    const reply = await postRaw(parts, { contentType: 'multipart/form-data; boundary=Other' })
    expect({ status: reply.status, error: reply.body.error }).toEqual({ status: 400, error: 'invalid_multipart' })
  })
})

describe('multipart malformed body', () => {
  it('rejects body cut before final delimiter', async () => {
    const reply = await postRaw([{ name: 'title', content: 'Cut' }], { closed: false })
    expect({ status: reply.status, error: reply.body.error }).toEqual({ status: 400, error: 'invalid_multipart' })
  })

  it('treats empty body as missing', async () => {
    const reply: RawResponse = await postBytes(`${server.url}/documents`, { 'Content-Type': 'multipart/form-data; boundary=XyZ' }, Buffer.alloc(0))
    expect({ status: reply.status, error: (JSON.parse(reply.body) as Json).error }).toEqual({ status: 400, error: 'body_required' })
  })
})

describe('multipart limits', () => {
  it('rejects file over max_file_bytes naming it', async () => {
    const reply = await postRaw([
      { name: 'title', content: 'Big' },
      { name: 'file', filename: 'big.bin', contentType: 'application/octet-stream', content: randomBytes(LIMITS.fileBytes + 1) },
    ])
    expect({ status: reply.status, error: reply.body.error, details: reply.body.details }).toEqual({
      status: 413,
      error: 'payload_too_large',
      details: [{ location: 'body', field: 'file', error: `File is larger than ${LIMITS.fileBytes} bytes` }],
    })
  })

  it('accepts file of exactly max_file_bytes', async () => {
    const data = randomBytes(LIMITS.fileBytes)
    const reply = await postRaw([{ name: 'title', content: 'Full' }, { name: 'file', filename: 'full.bin', contentType: 'application/octet-stream', content: data }])
    expect({ status: reply.status, sha256: reply.body.file?.sha256 }).toEqual({ status: 201, sha256: sha256(data) })
  })

  it('stays healthy after oversized file', async () => {
    const health = await fetch(`${server.url}/health`)
    const upload = await postForm(documentForm())
    expect({ health: health.status, upload: upload.status }).toEqual({ health: 200, upload: 201 })
  })

  it('rejects field over max_field_bytes naming it', async () => {
    const reply = await postForm(documentForm([['pages', '1'.repeat(LIMITS.fieldBytes + 1)]]))
    expect({ status: reply.status, details: reply.body.details }).toEqual({
      status: 413,
      details: [{ location: 'body', field: 'pages', error: `Field is longer than ${LIMITS.fieldBytes} bytes` }],
    })
  })

  // documentForm sends two parts: the title field and the file.
  it('accepts exactly max_parts parts', async () => {
    const reply = await postForm(documentForm([...tags(LIMITS.fields - 1), ...attachments(LIMITS.parts - LIMITS.fields - 1)]))
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
  })

  it('rejects too many parts', async () => {
    const reply = await postForm(documentForm([...tags(LIMITS.fields - 1), ...attachments(LIMITS.parts - LIMITS.fields)]))
    expect({ status: reply.status, error: reply.body.error }).toEqual({ status: 413, error: 'too_many_parts' })
  })

  it('rejects too many fields', async () => {
    const reply = await postForm(documentForm(tags(LIMITS.fields)))
    expect({ status: reply.status, error: reply.body.error }).toEqual({ status: 413, error: 'too_many_parts' })
  })

  it('rejects too many files', async () => {
    const reply = await postForm(documentForm(attachments(LIMITS.files)))
    expect({ status: reply.status, error: reply.body.error }).toEqual({ status: 413, error: 'too_many_parts' })
  })

  const largeParts: RawPart[] = [
    { name: 'title', content: 'Many' },
    ...[1, 2, 3].map((index): RawPart => ({ name: 'attachments', filename: `${index}.bin`, contentType: 'application/octet-stream', content: randomBytes(LIMITS.fileBytes) })),
  ]

  it('rejects body over body limit by Content-Length', async () => {
    const reply = await postRaw(largeParts)
    expect({ status: reply.status, error: reply.body.error }).toEqual({ status: 413, error: 'payload_too_large' })
  })

  it('rejects chunked body over body limit', async () => {
    const reply = await postRaw(largeParts, { chunked: true })
    expect({ status: reply.status, error: reply.body.error }).toEqual({ status: 413, error: 'payload_too_large' })
  })
})

describe('multipart schema shared with JSON body', () => {
  it('keeps file a string in JSON', async () => {
    const response = await fetch(`${server.url}/documents/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'As JSON', file: 'base64-or-a-url' }),
    })
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 201, body: { title: 'As JSON', file: 'base64-or-a-url' } })
  })
})

describe('multipart with Idempotency-Key', () => {
  const key = randomUUID()
  const data = randomBytes(4000)
  let first: Awaited<ReturnType<typeof postForm>>
  let repeat: Awaited<ReturnType<typeof postForm>>
  let changed: Awaited<ReturnType<typeof postForm>>

  beforeAll(async () => {
    const form = () => documentForm([['attachments', new Blob([data]), 'a.bin']])
    first = await postForm(form(), { 'Idempotency-Key': key })
    repeat = await postForm(form(), { 'Idempotency-Key': key })
    const other = documentForm([['attachments', new Blob([randomBytes(4000)]), 'a.bin']])
    changed = await postForm(other, { 'Idempotency-Key': key })
  })

  it('runs first request', () => {
    expect(first.status).toBe(201)
  })

  it('replays same fields and files', () => {
    expect({ status: repeat.status, replayed: repeat.headers.get('idempotent-replayed') }).toEqual({ status: 201, replayed: 'true' })
  })

  it('rejects other file bytes with 422', () => {
    expect(changed.status).toBe(422)
  })
})

describe('multipart config keys', () => {
  it('reject zero max_parts naming key', async () => {
    const file = path.join(configDir, 'bad.yaml')
    await writeFile(file, 'server:\n  multipart:\n    max_parts: 0\n')
    expect(() => loadConfig(file, {})).toThrow(/server\.multipart\.max_parts/)
  })

  it('reject unknown key', async () => {
    const file = path.join(configDir, 'unknown.yaml')
    await writeFile(file, 'server:\n  multipart:\n    max_file_size: 10\n')
    expect(() => loadConfig(file, {})).toThrow(/unknown key server\.multipart\.max_file_size/)
  })
})
