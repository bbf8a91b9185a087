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

/** Returns the files given with --spec, else those of the spec folder, and names an empty folder in the error. */
export async function specFilesFromFlags(flags: { spec?: string[]; 'spec-dir': string }): Promise<string[]> {
  if (flags.spec !== undefined) return flags.spec
  const files = await findSpecFiles(flags['spec-dir'])
  if (files.length === 0) {
    throw new ContractsError('CONTRACTS_NO_SPECS', `No *.openapi.yaml, *.openapi.yml or *.openapi.json files in ${flags['spec-dir']}`, {
      location: { file: flags['spec-dir'] },
      suggestions: [`Put the specs in ${flags['spec-dir']} under names ending in .openapi.yaml, or pass --spec-dir DIR or --spec FILE.`],
    })
  }
  return files
}
