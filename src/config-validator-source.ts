import { Ajv2020 } from 'ajv/dist/2020.js'
import standalone from 'ajv/dist/standalone/index.js'

import { configSchema } from '../templates/runtime/config-schema.js'

/** Source of templates/runtime/config-validator.ts: the config schema, precompiled. */
export function renderConfigValidator(): string {
  const ajv = new Ajv2020({ allErrors: true, strict: true, messages: false, code: { source: true, esm: true, lines: true } })
  ajv.addSchema(configSchema, 'config')
  const code = standalone.default(ajv, { validateConfig: 'config' })
  const header = [
    '// Precompiled from config-schema.ts by `npm run build:config-validator`. Do not edit.',
    '// @ts-nocheck: Ajv standalone code.',
  ]
  if (code.includes('require(')) header.push("import { createRequire } from 'node:module'", 'const require = createRequire(import.meta.url)')
  return `${header.join('\n')}\n${code.replace(/^"use strict";\n?/, '')}\n`
}
