/** The JSON Schema Test Suite through plain Ajv2020 with ajv-formats: the baseline the pipeline is held to. */

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import type { AnySchema, ValidateFunction } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { fullFormats } from 'ajv-formats/dist/formats.js'

/** The base URL the suite serves `remotes/` under. */
export const REMOTE_BASE = 'http://localhost:1234/'

/** Reads every JSON file below `remotes/`, keyed by the URL the suite's tests use for it. */
export function loadRemotes(folder: string): Map<string, AnySchema> {
  const remotes = new Map<string, AnySchema>()
  const visit = (relative: string): void => {
    for (const entry of readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`
      if (entry.isDirectory()) visit(child)
      else if (entry.name.endsWith('.json')) remotes.set(REMOTE_BASE + child, JSON.parse(readFileSync(path.join(folder, child), 'utf8')) as AnySchema)
    }
  }
  visit('')
  return remotes
}

export type Compiled = { validate: ValidateFunction } | { skipped: string } | { failed: string }

/**
 * Compiles `schema` with a fresh Ajv2020 that has the remotes preloaded. Remotes written for
 * older drafts do not load into Ajv2020 and are left out, so a test that needs one is skipped.
 */
export function compilePlain(schema: AnySchema, remotes: ReadonlyMap<string, AnySchema>): Compiled {
  const ajv = new Ajv2020({ strict: false, logger: false })
  for (const [name, format] of Object.entries(fullFormats)) ajv.addFormat(name, format)
  for (const [url, remote] of remotes) {
    try {
      ajv.addSchema(remote, url)
    } catch {
      // A remote for draft-04 to 2019-09, or one whose $id another remote already took.
    }
  }

  try {
    return { validate: ajv.compile(schema) }
  } catch (error) {
    const missing = (error as { missingRef?: unknown }).missingRef
    if (typeof missing === 'string') return { skipped: `plain Ajv cannot resolve ${missing}` }
    return { failed: `plain Ajv cannot compile the schema: ${(error as Error).message}` }
  }
}
