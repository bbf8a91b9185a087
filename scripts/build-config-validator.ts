/**
 * Compiles the config schema into templates/runtime/config-validator.ts with Ajv standalone.
 * Run with `npm run build:config-validator` after changing config-schema.ts; a test fails when
 * the committed file is out of date.
 */

import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { renderConfigValidator } from '../src/config-validator-source.js'

const target = fileURLToPath(new URL('../templates/runtime/config-validator.ts', import.meta.url))
writeFileSync(target, renderConfigValidator())
console.log(`wrote ${target}`)
