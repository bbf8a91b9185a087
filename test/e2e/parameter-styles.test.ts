/**
 * Parameter deserialization over HTTP: every location, style and explode of OpenAPI 3.1 with
 * primitive, array and object values, then coercion and validation. The fixture's handlers
 * echo the deserialized input, so each row compares the exact value the handler receives.
 * Requests go out through node:http, which sends the request target byte for byte.
 */

import { request } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fixture } from '../helpers/paths.js'
import { compileProject, removeTempProjects, startServer, type CompiledProject, type RunningServer } from '../helpers/project.js'

type Location = 'path' | 'query' | 'header' | 'cookie'
type Json = Record<string, any>

interface EchoInput {
  path: unknown
  query: unknown
  headers: unknown
  cookies: unknown
}

interface Reply {
  status: number
  body: Json
}

/** One request: the raw target (path and query as sent) and its headers. A list value repeats the header line. */
interface RawRequest {
  target: string
  headers?: Record<string, string | string[]>
}

/** The parameter a row exercises: where it is sent, how it is serialized, and its type. */
interface ParameterRow extends RawRequest {
  location: Location
  style: string
  explode: boolean
  type: 'primitive' | 'array' | 'object'
}

interface StyleCase extends ParameterRow {
  /** The whole deserialized object of the location, as the handler receives it. */
  expected: Json
}

interface InvalidCase extends ParameterRow {
  /** The field the 400 problem must name. */
  field: string
}

const ECHO_KEYS: Record<Location, keyof EchoInput> = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' }

const echo = (input: EchoInput) => ({ status: 200, body: { path: input.path, query: input.query, headers: input.headers, cookies: input.cookies } })

const RGB = { R: 100, G: 200, B: 150 }
const COLORS = ['blue', 'black', 'brown']

/** The style examples table of OpenAPI 3.1, with coercion to the schema's types. */
const styleCases: StyleCase[] = [
  // Path, simple.
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/string/blue', expected: { color: 'blue' } },
  { location: 'path', style: 'simple', explode: false, type: 'array', target: '/path/simple/false/array/blue,black,brown', expected: { color: COLORS } },
  { location: 'path', style: 'simple', explode: false, type: 'object', target: '/path/simple/false/object/R,100,G,200,B,150', expected: { color: RGB } },
  { location: 'path', style: 'simple', explode: false, type: 'array', target: '/path/simple/false/integers/1,2,3', expected: { color: [1, 2, 3] } },
  { location: 'path', style: 'simple', explode: true, type: 'primitive', target: '/path/simple/true/string/blue', expected: { color: 'blue' } },
  { location: 'path', style: 'simple', explode: true, type: 'array', target: '/path/simple/true/array/blue,black,brown', expected: { color: COLORS } },
  { location: 'path', style: 'simple', explode: true, type: 'object', target: '/path/simple/true/object/R=100,G=200,B=150', expected: { color: RGB } },
  { location: 'path', style: 'simple', explode: true, type: 'array', target: '/path/simple/true/integers/1,2,3', expected: { color: [1, 2, 3] } },
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/integer/42', expected: { color: 42 } },
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/integer/-7', expected: { color: -7 } },
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/number/1.5', expected: { color: 1.5 } },
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/boolean/true', expected: { color: true } },
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/boolean/false', expected: { color: false } },
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/string/sky%20blue', expected: { color: 'sky blue' } },
  { location: 'path', style: 'simple', explode: false, type: 'array', target: '/path/simple/false/array/blue', expected: { color: ['blue'] } },

  // Path, label.
  { location: 'path', style: 'label', explode: false, type: 'primitive', target: '/path/label/false/string/.blue', expected: { color: 'blue' } },
  { location: 'path', style: 'label', explode: false, type: 'primitive', target: '/path/label/false/string/.', expected: { color: '' } },
  { location: 'path', style: 'label', explode: false, type: 'array', target: '/path/label/false/array/.blue,black,brown', expected: { color: COLORS } },
  { location: 'path', style: 'label', explode: false, type: 'array', target: '/path/label/false/array/.', expected: { color: [] } },
  { location: 'path', style: 'label', explode: false, type: 'object', target: '/path/label/false/object/.R,100,G,200,B,150', expected: { color: RGB } },
  { location: 'path', style: 'label', explode: false, type: 'array', target: '/path/label/false/integers/.1,2,3', expected: { color: [1, 2, 3] } },
  { location: 'path', style: 'label', explode: true, type: 'primitive', target: '/path/label/true/string/.blue', expected: { color: 'blue' } },
  { location: 'path', style: 'label', explode: true, type: 'array', target: '/path/label/true/array/.blue.black.brown', expected: { color: COLORS } },
  { location: 'path', style: 'label', explode: true, type: 'array', target: '/path/label/true/array/.', expected: { color: [] } },
  { location: 'path', style: 'label', explode: true, type: 'object', target: '/path/label/true/object/.R=100.G=200.B=150', expected: { color: RGB } },
  { location: 'path', style: 'label', explode: true, type: 'array', target: '/path/label/true/integers/.1.2.3', expected: { color: [1, 2, 3] } },
  { location: 'path', style: 'label', explode: true, type: 'array', target: '/path/label/true/array/.a%2Eb.c', expected: { color: ['a.b', 'c'] } },

  // Path, matrix.
  { location: 'path', style: 'matrix', explode: false, type: 'primitive', target: '/path/matrix/false/string/;color=blue', expected: { color: 'blue' } },
  { location: 'path', style: 'matrix', explode: false, type: 'primitive', target: '/path/matrix/false/string/;color', expected: { color: '' } },
  { location: 'path', style: 'matrix', explode: false, type: 'array', target: '/path/matrix/false/array/;color=blue,black,brown', expected: { color: COLORS } },
  { location: 'path', style: 'matrix', explode: false, type: 'array', target: '/path/matrix/false/array/;color', expected: { color: [] } },
  { location: 'path', style: 'matrix', explode: false, type: 'object', target: '/path/matrix/false/object/;color=R,100,G,200,B,150', expected: { color: RGB } },
  { location: 'path', style: 'matrix', explode: false, type: 'array', target: '/path/matrix/false/integers/;color=1,2,3', expected: { color: [1, 2, 3] } },
  { location: 'path', style: 'matrix', explode: true, type: 'primitive', target: '/path/matrix/true/string/;color=blue', expected: { color: 'blue' } },
  { location: 'path', style: 'matrix', explode: true, type: 'array', target: '/path/matrix/true/array/;color=blue;color=black;color=brown', expected: { color: COLORS } },
  { location: 'path', style: 'matrix', explode: true, type: 'array', target: '/path/matrix/true/array/;color', expected: { color: [] } },
  { location: 'path', style: 'matrix', explode: true, type: 'object', target: '/path/matrix/true/object/;R=100;G=200;B=150', expected: { color: RGB } },
  { location: 'path', style: 'matrix', explode: true, type: 'array', target: '/path/matrix/true/integers/;color=1;color=2;color=3', expected: { color: [1, 2, 3] } },
  { location: 'path', style: 'matrix', explode: true, type: 'array', target: '/path/matrix/true/array/;color=a%3Bb;color=c%3Dd', expected: { color: ['a;b', 'c=d'] } },

  // Path, content: application/json.
  { location: 'path', style: 'content', explode: false, type: 'object', target: '/path/content/%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D', expected: { color: RGB } },

  // Query, form.
  { location: 'query', style: 'form', explode: true, type: 'primitive', target: '/query/form/true?color=blue', expected: { color: 'blue' } },
  { location: 'query', style: 'form', explode: true, type: 'primitive', target: '/query/form/true?color=sky+blue', expected: { color: 'sky blue' } },
  { location: 'query', style: 'form', explode: true, type: 'array', target: '/query/form/true?colors=blue&colors=black&colors=brown', expected: { colors: COLORS } },
  { location: 'query', style: 'form', explode: true, type: 'array', target: '/query/form/true?colors=blue', expected: { colors: ['blue'] } },
  { location: 'query', style: 'form', explode: true, type: 'array', target: '/query/form/true?colors=a,b', expected: { colors: ['a,b'] } },
  { location: 'query', style: 'form', explode: true, type: 'array', target: '/query/form/true?ids=1&ids=2&ids=3', expected: { ids: [1, 2, 3] } },
  { location: 'query', style: 'form', explode: true, type: 'primitive', target: '/query/form/true?count=42&ratio=0.25&force=false', expected: { count: 42, ratio: 0.25, force: false } },
  { location: 'query', style: 'form', explode: true, type: 'object', target: '/query/form/true/object?R=100&G=200&B=150', expected: { color: RGB } },
  { location: 'query', style: 'form', explode: false, type: 'primitive', target: '/query/form/false?color=blue', expected: { color: 'blue' } },
  { location: 'query', style: 'form', explode: false, type: 'array', target: '/query/form/false?colors=blue,black,brown', expected: { colors: COLORS } },
  { location: 'query', style: 'form', explode: false, type: 'array', target: '/query/form/false?colors=', expected: { colors: [] } },
  { location: 'query', style: 'form', explode: false, type: 'array', target: '/query/form/false?colors=blue%2Cblack', expected: { colors: ['blue,black'] } },
  { location: 'query', style: 'form', explode: false, type: 'object', target: '/query/form/false?rgb=R,100,G,200,B,150', expected: { rgb: RGB } },
  { location: 'query', style: 'form', explode: false, type: 'array', target: '/query/form/false?ids=1,2,3', expected: { ids: [1, 2, 3] } },

  // Query, spaceDelimited and pipeDelimited.
  { location: 'query', style: 'spaceDelimited', explode: false, type: 'array', target: '/query/spaceDelimited/false?colors=blue%20black%20brown', expected: { colors: COLORS } },
  { location: 'query', style: 'spaceDelimited', explode: false, type: 'array', target: '/query/spaceDelimited/false?colors=blue+black+brown', expected: { colors: COLORS } },
  { location: 'query', style: 'spaceDelimited', explode: false, type: 'object', target: '/query/spaceDelimited/false?rgb=R%20100%20G%20200%20B%20150', expected: { rgb: RGB } },
  { location: 'query', style: 'spaceDelimited', explode: false, type: 'array', target: '/query/spaceDelimited/false?ids=1%202%203', expected: { ids: [1, 2, 3] } },
  { location: 'query', style: 'pipeDelimited', explode: false, type: 'array', target: '/query/pipeDelimited/false?colors=blue|black|brown', expected: { colors: COLORS } },
  { location: 'query', style: 'pipeDelimited', explode: false, type: 'array', target: '/query/pipeDelimited/false?colors=blue%7Cblack%7cbrown', expected: { colors: COLORS } },
  { location: 'query', style: 'pipeDelimited', explode: false, type: 'object', target: '/query/pipeDelimited/false?rgb=R|100|G|200|B|150', expected: { rgb: RGB } },
  { location: 'query', style: 'pipeDelimited', explode: false, type: 'array', target: '/query/pipeDelimited/false?ids=1|2|3', expected: { ids: [1, 2, 3] } },
  { location: 'query', style: 'pipeDelimited', explode: false, type: 'array', target: '/query/pipeDelimited/false?colors=a,b|c', expected: { colors: ['a,b', 'c'] } },

  // Query, deepObject.
  { location: 'query', style: 'deepObject', explode: true, type: 'object', target: '/query/deepObject/true?color[R]=100&color[G]=200&color[B]=150', expected: { color: RGB } },
  { location: 'query', style: 'deepObject', explode: true, type: 'object', target: '/query/deepObject/true?color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150', expected: { color: RGB } },
  { location: 'query', style: 'deepObject', explode: true, type: 'object', target: '/query/deepObject/true?color[R]=100&color[G]=200', expected: { color: { R: 100, G: 200 } } },
  { location: 'query', style: 'deepObject', explode: false, type: 'object', target: '/query/deepObject/false?color[R]=100&color[G]=200&color[B]=150', expected: { color: RGB } },

  // Header, simple.
  { location: 'header', style: 'simple', explode: false, type: 'primitive', target: '/headers/simple', headers: { 'X-Color': 'blue' }, expected: { 'X-Color': 'blue' } },
  { location: 'header', style: 'simple', explode: false, type: 'array', target: '/headers/simple', headers: { 'X-Colors': 'blue,black,brown' }, expected: { 'X-Colors': COLORS } },
  { location: 'header', style: 'simple', explode: false, type: 'array', target: '/headers/simple', headers: { 'X-Colors': 'blue, black, brown' }, expected: { 'X-Colors': COLORS } },
  { location: 'header', style: 'simple', explode: true, type: 'array', target: '/headers/simple', headers: { 'X-Colors-Exploded': 'blue,black,brown' }, expected: { 'X-Colors-Exploded': COLORS } },
  { location: 'header', style: 'simple', explode: false, type: 'object', target: '/headers/simple', headers: { 'X-Rgb': 'R,100,G,200,B,150' }, expected: { 'X-Rgb': RGB } },
  { location: 'header', style: 'simple', explode: true, type: 'object', target: '/headers/simple', headers: { 'X-Rgb-Exploded': 'R=100,G=200,B=150' }, expected: { 'X-Rgb-Exploded': RGB } },
  { location: 'header', style: 'simple', explode: false, type: 'array', target: '/headers/simple', headers: { 'X-Ids': '1,2,3' }, expected: { 'X-Ids': [1, 2, 3] } },
  { location: 'header', style: 'simple', explode: false, type: 'array', target: '/headers/simple', headers: { 'X-Ids': ['1', '2,3'] }, expected: { 'X-Ids': [1, 2, 3] } },
  { location: 'header', style: 'simple', explode: false, type: 'primitive', target: '/headers/simple', headers: { 'x-count': '42', 'X-Ratio': '2.5', 'X-Flag': 'true' }, expected: { 'X-Count': 42, 'X-Ratio': 2.5, 'X-Flag': true } },
  { location: 'header', style: 'simple', explode: false, type: 'primitive', target: '/headers/simple', headers: { 'X-Color': 'sky%20blue' }, expected: { 'X-Color': 'sky%20blue' } },
  { location: 'header', style: 'content', explode: false, type: 'object', target: '/headers/simple', headers: { 'X-Filter': '{"status":"open","limit":5}' }, expected: { 'X-Filter': { status: 'open', limit: 5 } } },

  // Cookie, form.
  { location: 'cookie', style: 'form', explode: false, type: 'primitive', target: '/cookies/form/false', headers: { Cookie: 'color=blue' }, expected: { color: 'blue' } },
  { location: 'cookie', style: 'form', explode: false, type: 'primitive', target: '/cookies/form/false', headers: { Cookie: 'color=sky%20blue; flag=true' }, expected: { color: 'sky blue', flag: true } },
  { location: 'cookie', style: 'form', explode: false, type: 'array', target: '/cookies/form/false', headers: { Cookie: 'colors=blue,black,brown' }, expected: { colors: COLORS } },
  { location: 'cookie', style: 'form', explode: false, type: 'object', target: '/cookies/form/false', headers: { Cookie: 'rgb=R,100,G,200,B,150' }, expected: { rgb: RGB } },
  { location: 'cookie', style: 'form', explode: false, type: 'array', target: '/cookies/form/false', headers: { Cookie: 'ids=1,2,3' }, expected: { ids: [1, 2, 3] } },
  { location: 'cookie', style: 'form', explode: true, type: 'primitive', target: '/cookies/form/true', headers: { Cookie: 'color=blue' }, expected: { color: 'blue' } },
  { location: 'cookie', style: 'form', explode: true, type: 'array', target: '/cookies/form/true', headers: { Cookie: 'colors=blue; colors=black; colors=brown' }, expected: { colors: COLORS } },
  { location: 'cookie', style: 'form', explode: true, type: 'array', target: '/cookies/form/true', headers: { Cookie: 'ids=1; color=blue; ids=2' }, expected: { ids: [1, 2], color: 'blue' } },
  { location: 'cookie', style: 'form', explode: true, type: 'object', target: '/cookies/form/true/object', headers: { Cookie: 'R=100; G=200; B=150; session=s1' }, expected: { color: RGB, session: 's1' } },
  { location: 'cookie', style: 'content', explode: false, type: 'object', target: '/cookies/form/false', headers: { Cookie: 'filter=%7B%22status%22%3A%22closed%22%7D' }, expected: { filter: { status: 'closed' } } },
]

/** Values that deserialize but fail coercion or validation, and values that cannot be deserialized. */
const invalidCases: InvalidCase[] = [
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/integer/4x', field: 'color' },
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/integer/1.5', field: 'color' },
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/number/abc', field: 'color' },
  { location: 'path', style: 'simple', explode: false, type: 'primitive', target: '/path/simple/false/boolean/yes', field: 'color' },
  { location: 'path', style: 'simple', explode: false, type: 'array', target: '/path/simple/false/integers/1,x,3', field: 'color.1' },
  { location: 'path', style: 'simple', explode: false, type: 'object', target: '/path/simple/false/object/R,abc,G,200,B,150', field: 'color.R' },
  { location: 'path', style: 'simple', explode: false, type: 'object', target: '/path/simple/false/object/R,100,G', field: 'color' },
  { location: 'path', style: 'simple', explode: false, type: 'object', target: '/path/simple/false/object/R,100,X,1', field: 'color.X' },
  { location: 'path', style: 'simple', explode: true, type: 'object', target: '/path/simple/true/object/R=100,G', field: 'color' },
  { location: 'path', style: 'label', explode: false, type: 'primitive', target: '/path/label/false/string/blue', field: 'color' },
  { location: 'path', style: 'label', explode: true, type: 'array', target: '/path/label/true/integers/.1.x', field: 'color.1' },
  { location: 'path', style: 'matrix', explode: false, type: 'primitive', target: '/path/matrix/false/string/;other=blue', field: 'color' },
  { location: 'path', style: 'matrix', explode: true, type: 'array', target: '/path/matrix/true/integers/;color=1;color=x', field: 'color.1' },
  { location: 'path', style: 'matrix', explode: true, type: 'object', target: '/path/matrix/true/object/;R=100;G=x', field: 'color.G' },
  { location: 'path', style: 'content', explode: false, type: 'object', target: '/path/content/%7B%22R%22%3A', field: 'color' },
  { location: 'query', style: 'form', explode: true, type: 'array', target: '/query/form/true?ids=1&ids=x', field: 'ids.1' },
  { location: 'query', style: 'form', explode: true, type: 'primitive', target: '/query/form/true?force=yes', field: 'force' },
  { location: 'query', style: 'form', explode: true, type: 'primitive', target: '/query/form/true?count=1e400', field: 'count' },
  { location: 'query', style: 'form', explode: true, type: 'primitive', target: '/query/form/true?color=a&color=b', field: 'color' },
  { location: 'query', style: 'form', explode: true, type: 'primitive', target: '/query/form/true?color=%E0%A4%A', field: 'color' },
  { location: 'query', style: 'form', explode: true, type: 'object', target: '/query/form/true/object?R=100&G=two', field: 'color.G' },
  { location: 'query', style: 'form', explode: false, type: 'object', target: '/query/form/false?rgb=R,100,G', field: 'rgb' },
  { location: 'query', style: 'spaceDelimited', explode: false, type: 'array', target: '/query/spaceDelimited/false?ids=1%20x', field: 'ids.1' },
  { location: 'query', style: 'pipeDelimited', explode: false, type: 'array', target: '/query/pipeDelimited/false?ids=1|x', field: 'ids.1' },
  { location: 'query', style: 'deepObject', explode: true, type: 'object', target: '/query/deepObject/true?color[R]=red', field: 'color.R' },
  { location: 'query', style: 'deepObject', explode: true, type: 'object', target: '/query/deepObject/true?filter[limit]=5', field: 'filter.status' },
  { location: 'header', style: 'simple', explode: false, type: 'primitive', target: '/headers/simple', headers: { 'X-Count': 'abc' }, field: 'X-Count' },
  { location: 'header', style: 'simple', explode: false, type: 'array', target: '/headers/simple', headers: { 'X-Ids': '1,x' }, field: 'X-Ids.1' },
  { location: 'header', style: 'simple', explode: true, type: 'object', target: '/headers/simple', headers: { 'X-Rgb-Exploded': 'R=1,G' }, field: 'X-Rgb-Exploded' },
  { location: 'header', style: 'content', explode: false, type: 'object', target: '/headers/simple', headers: { 'X-Filter': '{"status":' }, field: 'X-Filter' },
  { location: 'header', style: 'content', explode: false, type: 'object', target: '/headers/simple', headers: { 'X-Filter': '{"status":"lost"}' }, field: 'X-Filter.status' },
  { location: 'cookie', style: 'form', explode: false, type: 'array', target: '/cookies/form/false', headers: { Cookie: 'ids=1,x' }, field: 'ids.1' },
  { location: 'cookie', style: 'form', explode: false, type: 'primitive', target: '/cookies/form/false', headers: { Cookie: 'flag=maybe' }, field: 'flag' },
  { location: 'cookie', style: 'form', explode: true, type: 'array', target: '/cookies/form/true', headers: { Cookie: 'ids=1; ids=x' }, field: 'ids.1' },
]

let project: CompiledProject
let server: RunningServer
let strictServer: RunningServer

/** Rate limiting is off: the tables send more requests than the default policy allows. */
function serverConfig(generated: unknown, rejectUnknownQuery: boolean): Json {
  const config = (generated as { defaultConfig(): Json }).defaultConfig()
  config.rateLimiting.enabled = false
  config.validation.rejectUnknownQuery = rejectUnknownQuery
  return config
}

beforeAll(async () => {
  project = await compileProject({ specs: [fixture('parameter-styles.yaml')] })
  const handlers = Object.fromEntries(project.generated.api.operations.map((operation) => [operation.handler, echo]))
  server = await startServer(project.generated, handlers, { config: serverConfig(project.generated, false) })
  strictServer = await startServer(project.generated, handlers, { config: serverConfig(project.generated, true) })
})

afterAll(async () => {
  await server?.close()
  await strictServer?.close()
  await removeTempProjects()
})

/** Sends a GET with `target` as the request line's target, unchanged. */
function send(base: RunningServer, raw: RawRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${base.url}/`, { method: 'GET', path: raw.target, headers: raw.headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status: response.statusCode ?? 0, body: text === '' ? {} : (JSON.parse(text) as Json) })
      })
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

function fieldsOf(reply: Reply): string[] {
  const details = (reply.body.details ?? []) as { location: string; field: string }[]
  return details.map((detail) => `${detail.location} ${detail.field}`)
}

describe('parameter styles', () => {
  it.each(styleCases)('$location $style explode=$explode $type: $target $headers', async (testCase) => {
    const reply = await send(server, testCase)

    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body[ECHO_KEYS[testCase.location]]).toStrictEqual(testCase.expected)
  })

  it.each(invalidCases)('$location $style explode=$explode $type rejects $target $headers', async (testCase) => {
    const reply = await send(server, testCase)

    expect(reply.status).toBe(400)
    expect(fieldsOf(reply)).toContain(`${testCase.location} ${testCase.field}`)
  })
})

describe('query parameter cases', () => {
  const cases: { name: string; target: string; expected: Json }[] = [
    { name: 'comma list keeps encoded reserved characters', target: '/query/form/false?colors=a%2Cb,c%26d,e%3Df%2Fg,h%7Ci', expected: { colors: ['a,b', 'c&d', 'e=f/g', 'h|i'] } },
    { name: 'exploded form object leaves declared keys out', target: '/query/form/true/object?R=100&limit=5&G=200&B=150', expected: { color: RGB, limit: 5 } },
    { name: 'omitted exploded form object gets no key', target: '/query/form/true/object?limit=5', expected: { limit: 5 } },
    { name: 'omitted optional deepObject gets no key', target: '/query/deepObject/true', expected: {} },
    { name: 'boolean and repeated integers coerced', target: '/query/form/true?force=true&ids=1&ids=2', expected: { force: true, ids: [1, 2] } },
    { name: 'single value of anyOf array', target: '/query/options?tags=5', expected: { tags: [5] } },
    { name: 'single value of allOf array', target: '/query/options?refs=7', expected: { refs: [7] } },
    { name: 'deepObject of oneOf object', target: '/query/options?shape[R]=1&shape[B]=2', expected: { shape: { R: 1, B: 2 } } },
    { name: 'allowReserved keeps plus literal', target: '/query/options?reserved=a+b/c?d:e@f', expected: { reserved: 'a+b/c?d:e@f' } },
    { name: 'plus is space without allowReserved', target: '/query/options?plain=a+b', expected: { plain: 'a b' } },
    { name: 'allowEmptyValue accepts empty value', target: '/query/options?empty=', expected: { empty: '' } },
    { name: 'allowEmptyValue accepts bare name', target: '/query/options?empty', expected: { empty: '' } },
    { name: 'JSON content parsed', target: '/query/options?filter=%7B%22status%22%3A%22open%22%2C%22limit%22%3A3%7D', expected: { filter: { status: 'open', limit: 3 } } },
    { name: 'unknown query parameter allowed', target: '/query/form/true?color=blue&other=1', expected: { color: 'blue' } },
  ]

  it.each(cases)('$name', async ({ target, expected }) => {
    const reply = await send(server, { target })

    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body.query).toStrictEqual(expected)
  })

  it('empty value rejected without allowEmptyValue', async () => {
    const reply = await send(server, { target: '/query/options?plain=' })

    expect(reply.status).toBe(400)
    expect(reply.body.details).toContainEqual({ location: 'query', field: 'plain', error: 'Empty value is not allowed' })
  })

  it('JSON content failing its schema names the field', async () => {
    const reply = await send(server, { target: '/query/options?filter=%7B%22limit%22%3A3%7D' })

    expect(reply.status).toBe(400)
    expect(fieldsOf(reply)).toContain('query filter.status')
  })

  it('unknown query parameter rejected when configured', async () => {
    const reply = await send(strictServer, { target: '/query/form/true?color=blue&other=1' })

    expect(reply.status).toBe(400)
    expect(reply.body.details).toContainEqual({ location: 'query', field: 'other', error: 'Unknown query parameter' })
  })

  it.each([
    '/query/form/true?color=blue&ids=1',
    '/query/deepObject/true?color[R]=1&filter[status]=open',
    '/query/form/true/object?R=1&G=2&limit=3',
  ])('%s passes when unknown names are rejected', async (target) => {
    const reply = await send(strictServer, { target })

    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
  })

  it('unknown name beside deepObject keys rejected when configured', async () => {
    const reply = await send(strictServer, { target: '/query/deepObject/true?color[R]=1&colour[G]=2' })

    expect(reply.status).toBe(400)
    expect(reply.body.details).toContainEqual({ location: 'query', field: 'colour[G]', error: 'Unknown query parameter' })
  })
})
