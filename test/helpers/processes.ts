/**
 * Server processes for tests that need several instances or a process to kill. Each runs
 * test/fixtures/servers/counting-server.mjs on the compiled bundled API in dist-app/.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { execa, type ResultPromise } from 'execa'

const SERVER_SCRIPT = fileURLToPath(new URL('../fixtures/servers/counting-server.mjs', import.meta.url))

export interface ServerProcess {
  url: string
  pid: number
  /** Sends the signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>
}

export interface ServerProcessOptions {
  config: string
  counterKey?: string
  delayMs?: number
  /** Flags for `node` before the script, such as `--import` of a preload file. */
  nodeArguments?: string[]
}

const cleanups: (() => Promise<void>)[] = []

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-process-'))
  const configFile = path.join(dir, 'config.yaml')
  await writeFile(configFile, options.config)

  const child: ResultPromise = execa('node', [...(options.nodeArguments ?? []), SERVER_SCRIPT], {
    env: { CONFIG_FILE: configFile, COUNTER_KEY: options.counterKey ?? '', DELAY_MS: String(options.delayMs ?? 0) },
    reject: false,
    buffer: false,
    stdout: 'pipe',
    stderr: 'inherit',
  })

  const port = await new Promise<number>((resolve, reject) => {
    let text = ''
    const timer = setTimeout(() => reject(new Error('server process did not report its port within 10 s')), 10_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const line = text.split('\n').find((candidate) => candidate.startsWith('{"port"'))
      if (line) {
        clearTimeout(timer)
        resolve((JSON.parse(line) as { port: number }).port)
      }
    })
    void child.then(() => reject(new Error('server process exited before listening')))
  })

  let stopped = false
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (stopped) return
    stopped = true
    child.kill(signal)
    await child
    await rm(dir, { recursive: true, force: true })
  }
  cleanups.push(() => stop('SIGKILL'))
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number, stop }
}

/** Kills every process started by this file's tests that is still running. */
export async function stopAllServerProcesses(): Promise<void> {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
}
