import { readdir } from 'node:fs/promises'
import path from 'node:path'

import { ContractsError } from '../errors.js'

const SPEC_FILE = /\.openapi\.(ya?ml|json)$/i

/** The `*.openapi.yaml|yml|json` files of a folder, sorted by name. */
export async function findSpecFiles(folder: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    throw new ContractsError('CONTRACTS_SPEC_READ', `Cannot read the spec folder ${folder}: ${(error as Error).message}`, {
      location: { file: folder },
      suggestions: ['Pass an existing folder with --spec-dir, or files with --spec.'],
      cause: error,
    })
  }
  return names.filter((name) => SPEC_FILE.test(name)).sort().map((name) => path.join(folder, name))
}
