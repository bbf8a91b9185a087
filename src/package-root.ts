import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

/** The folder of this package's package.json, from the sources or from the build in dist/. */
export function packageRoot(): string {
  if (cached) return cached
  let folder = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error('Cannot find the package root of contracts')
    folder = parent
  }
  cached = folder
  return folder
}
