/** Copies the static runtime (templates/runtime) into the output, each file under the banner. */

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { packageRoot } from '../package-root.js'
import { banner } from './banner.js'
import type { GeneratedFile } from './index.js'

export function runtimeFiles(): GeneratedFile[] {
  const folder = path.join(packageRoot(), 'templates', 'runtime')
  return readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => ({ path: `runtime/${name}`, content: banner() + '\n' + readFileSync(path.join(folder, name), 'utf8') }))
}
