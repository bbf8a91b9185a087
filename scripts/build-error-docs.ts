/**
 * Writes docs/errors.md from the two error registries. Run with `npm run build:error-docs`
 * after adding a code; test/internals/error-registry.test.ts fails until the page is current.
 */

import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { errorCodes } from '../src/errors.js'
import { problemCodes } from '../templates/runtime/problem.js'

const lines = [
  '# Error codes',
  '',
  'Both tables are written from the code by `npm run build:error-docs`, and `test/internals/error-registry.test.ts` checks them.',
  '',
  '## CLI and generator',
  '',
  'Every error the CLI prints ends with its code in brackets, and the CLI exits with the status below.',
  '',
  '| code | exit | meaning |',
  '| --- | --- | --- |',
  ...Object.entries(errorCodes).map(([code, definition]) => `| \`${code}\` | ${definition.exit} | ${definition.title} |`),
  '',
  '## Generated server',
  '',
  'Every error response is `application/problem+json` with `type` (`urn:contracts:problem:<error>`), `title`, `status`, `error` and `message`; validation errors add `details`.',
  '',
  '| error | status | message |',
  '| --- | --- | --- |',
  ...Object.entries(problemCodes).map(([code, definition]) => `| \`${code}\` | ${definition.status} | ${definition.message} |`),
  '',
]

const target = fileURLToPath(new URL('../docs/errors.md', import.meta.url))
writeFileSync(target, lines.join('\n'))
console.log(`wrote ${target}`)
