/**
 * Validates JSON bodies against the schemas of an OpenAPI 3.1 document with Ajv, independent
 * of the generated validators, so tests can check response shapes the spec declares.
 */

import { readFile } from 'node:fs/promises'

import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'

export type BodyCheck = (body: unknown) => { valid: boolean; errors: ErrorObject[] }

const DOCUMENT_ID = 'https://spec.test.invalid/document.json'

/** Returns a checker for the schema at `pointer` (a JSON pointer into the document). */
export async function schemaChecker(specFile: string, pointer: string): Promise<BodyCheck> {
  const document = parse(await readFile(specFile, 'utf8')) as Record<string, unknown>
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ ...document, $id: DOCUMENT_ID })
  const fragment = pointer.split('/').map((token) => encodeURIComponent(token)).join('/')
  const validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${fragment}` })
  return (body) => {
    const valid = validate(body) as boolean
    return { valid, errors: validate.errors ?? [] }
  }
}

/** JSON pointer of a response schema: `/paths/~1a~1b/post/responses/200/content/application~1json/schema`. */
export function responsePointer(path: string, method: string, status: string, mediaType = 'application/json'): string {
  const escape = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1')
  return ['', 'paths', escape(path), method, 'responses', status, 'content', escape(mediaType), 'schema'].join('/')
}
