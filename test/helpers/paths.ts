/** Absolute paths of the repository the tests run against. */

import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures')
export const nodeModulesDir = path.join(repoRoot, 'node_modules')
export const binPath = path.join(repoRoot, 'bin', 'run.js')
export const distIndex = path.join(repoRoot, 'dist', 'src', 'index.js')

/** Returns the folder of the six OpenAPI 3.0 examples, or undefined when CONTRACTS_SHARED_DIR is unset. */
export function oaiExamplesDir(): string | undefined {
  const shared = process.env.CONTRACTS_SHARED_DIR
  return shared ? path.join(shared, 'specs', 'oai-examples-3.0') : undefined
}

export function fixture(name: string): string {
  return path.join(fixturesDir, name)
}
