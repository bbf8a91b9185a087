/**
 * Runs a generated server from specs without a build step: the generated TypeScript is
 * transpiled file by file into a temporary folder and imported, and mock handlers answer.
 */

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import ts from 'typescript'

import type { GenerateResult } from '../generator/index.js'

export interface TemporaryBuild {
  dir: string
  /** The transpiled `generated/index.js`, imported. */
  module: Record<string, any>
  remove(): Promise<void>
}

/** The node_modules folder that holds this package's dependencies, wherever npm put them. */
function dependencyFolder(): string {
  const require = createRequire(import.meta.url)
  return path.dirname(path.dirname(require.resolve('ajv/package.json')))
}

export async function buildInTemporaryFolder(result: GenerateResult): Promise<TemporaryBuild> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-serve-'))
  await symlink(dependencyFolder(), path.join(dir, 'node_modules'), 'dir')
  await writeFile(path.join(dir, 'package.json'), '{"type":"module"}\n')

  for (const file of result.files) {
    const target = path.join(dir, 'generated', file.path)
    await mkdir(path.dirname(target), { recursive: true })
    // Declaration files and JavaScript go as they are; transpileModule cannot take a .d.ts.
    if (!file.path.endsWith('.ts') || file.path.endsWith('.d.ts')) {
      await writeFile(target, file.content)
      continue
    }
    const output = ts.transpileModule(file.content, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: file.path,
    })
    await writeFile(target.replace(/\.ts$/, '.js'), output.outputText)
  }

  const module = (await import(pathToFileURL(path.join(dir, 'generated', 'index.js')).href)) as Record<string, any>
  return { dir, module, remove: () => rm(dir, { recursive: true, force: true }) }
}
