/** Runs build-time subprocesses through execa with a timeout and keeps their output in the deploy log. */

import { appendFile, mkdir } from 'node:fs/promises'
import path from 'node:path'

import { execa } from 'execa'

export interface CommandResult {
  command: string
  exitCode: number | undefined
  timedOut: boolean
  /** Standard output and error, interleaved. */
  output: string
  durationMs: number
}

/**
 * Appends to logs/deploy.log of the target, or to nothing in a dry run (which must not write
 * there). Every line also goes to `detail`, which prints it with --verbose.
 */
export class CommandLog {
  constructor(
    private readonly file: string | undefined,
    private readonly detail: (line: string) => void,
  ) {}

  async append(text: string): Promise<void> {
    if (!this.file) return
    await mkdir(path.dirname(this.file), { recursive: true })
    await appendFile(this.file, text.endsWith('\n') ? text : `${text}\n`)
  }

  /** Runs `file args` in `cwd` and never rejects: the caller reads the exit code and output. */
  async run(file: string, args: readonly string[], options: { cwd: string; timeoutMs: number }): Promise<CommandResult> {
    const command = [file, ...args].join(' ')
    this.detail(`$ ${command}`)
    await this.append(`\n=== ${new Date().toISOString()} in ${options.cwd}\n$ ${command}`)

    const started = performance.now()
    const result = await execa(file, args, { cwd: options.cwd, timeout: options.timeoutMs, all: true, reject: false, stdin: 'ignore' })
    const output = result.all ?? ''
    const durationMs = performance.now() - started

    for (const line of output.split('\n')) if (line.trim() !== '') this.detail(line)
    const ending = result.timedOut ? `timed out after ${options.timeoutMs} ms` : `exit code ${result.exitCode ?? 'none'}`
    await this.append(`${output}\n(${ending}, ${Math.round(durationMs)} ms)`)
    return { command, exitCode: result.exitCode, timedOut: result.timedOut, output, durationMs }
  }
}
