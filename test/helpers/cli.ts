/** Runs the built CLI (`node bin/run.js`) as a subprocess. */

import { execa } from 'execa'

import { binPath, repoRoot } from './paths.js'

export interface CliResult {
  exitCode: number
  stdout: string
  stderr: string
}

export async function runCli(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  const run = await execa('node', [binPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    reject: false,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  return { exitCode: run.exitCode ?? -1, stdout: run.stdout, stderr: run.stderr }
}
