/** Writes generated files to disk, or compares them with what is there (`--check`). */

import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { ContractsError } from '../errors.js'
import { BANNER_PREFIX } from './banner.js'
import type { GeneratedFile } from './index.js'

export interface OutputDifference {
  stale: string[]
  missing: string[]
  /** Generated files on disk that this generation no longer produces. */
  extra: string[]
}

async function listFiles(folder: string, prefix = ''): Promise<string[]> {
  let entries
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch {
    return []
  }
  const files: string[] = []
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    if (entry.isDirectory()) files.push(...(await listFiles(path.join(folder, entry.name), relative)))
    else if (entry.isFile()) files.push(relative)
  }
  return files
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Files under `outDir` that carry the banner: ours to replace or delete, unlike anything else there. */
async function generatedFilesOnDisk(outDir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const relative of await listFiles(outDir)) {
    const content = await readIfExists(path.join(outDir, relative))
    const firstLine = content?.slice(0, content.indexOf('\n') === -1 ? 200 : content.indexOf('\n')) ?? ''
    if (content !== undefined && /^(\/\/|#) /.test(firstLine) && firstLine.slice(3).startsWith(BANNER_PREFIX)) found.set(relative, content)
  }
  return found
}

export async function compareOutput(outDir: string, files: readonly GeneratedFile[]): Promise<OutputDifference> {
  const onDisk = await generatedFilesOnDisk(outDir)
  const difference: OutputDifference = { stale: [], missing: [], extra: [] }

  for (const file of files) {
    const current = onDisk.get(file.path) ?? (await readIfExists(path.join(outDir, file.path)))
    if (current === undefined) difference.missing.push(file.path)
    else if (current !== file.content) difference.stale.push(file.path)
    onDisk.delete(file.path)
  }
  difference.extra.push(...[...onDisk.keys()].sort())
  return difference
}

/** Writes every file whose content changed and removes generated files that are no longer produced. */
export async function writeOutput(outDir: string, files: readonly GeneratedFile[]): Promise<{ written: number; removed: number }> {
  const difference = await compareOutput(outDir, files)
  const changed = new Set([...difference.stale, ...difference.missing])
  try {
    for (const file of files) {
      if (!changed.has(file.path)) continue
      const target = path.join(outDir, file.path)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, file.content)
    }
    for (const relative of difference.extra) await rm(path.join(outDir, relative))
  } catch (error) {
    throw new ContractsError('CONTRACTS_OUTPUT_WRITE', `Cannot write ${outDir}: ${(error as Error).message}`, {
      location: { file: outDir },
      suggestions: ['Check that the folder is writable, or choose another with --out.'],
      cause: error,
    })
  }
  return { written: changed.size, removed: difference.extra.length }
}
