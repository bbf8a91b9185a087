/** Finds a conformance suite from `--suite DIR` or from `CONTRACTS_SHARED_DIR` and a known subfolder. */

import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

export interface SuiteArguments {
  /** The suite folder, or undefined when none was given or it does not exist (the run is skipped). */
  dir?: string
  /** Only test files whose name contains this text. */
  filter?: string
  verbose: boolean
}

/**
 * Reads the command line. A missing suite is no failure: the script prints which path it looked
 * for and the caller exits with 0, so machines without the shared folder skip the run.
 */
export function readSuiteArguments(sharedSubfolder: string, usage: string): SuiteArguments {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      filter: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  })
  const shared = process.env.CONTRACTS_SHARED_DIR
  const dir = values.suite ?? (shared ? path.join(shared, sharedSubfolder) : undefined)

  if (dir === undefined) {
    console.log(`skipped: no suite given. Usage: ${usage}, or set CONTRACTS_SHARED_DIR to the folder that holds ${sharedSubfolder}.`)
    return { verbose: values.verbose }
  }
  if (!existsSync(dir)) {
    console.log(`skipped: the suite folder ${dir} does not exist.`)
    return { verbose: values.verbose }
  }
  return { dir: path.resolve(dir), filter: values.filter, verbose: values.verbose }
}
