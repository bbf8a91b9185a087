/**
 * Server processes whose exit code, output and signals the test controls: the real entry
 * point `node dist-app/app/main.js` (config from CONTRACTS_CONFIG) or the counting server of
 * test/fixtures/servers/. Unlike processes.ts, the exit code and stderr are kept, and the
 * listening port is read from the log line "server started" when the app logs to a file.
 */

import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

import { execa, type ResultPromise } from 'execa'

import { appMainFile } from './genesis-server.js'
import { repoRoot } from './paths.js'

export const countingServerFile = fileURLToPath(new URL('../fixtures/servers/counting-server.mjs', import.meta.url))

export interface Exit {
  exitCode: number | undefined
  signal: string | undefined
  stdout: string
  stderr: string
}

export interface AppProcess {
  url: string
  pid: number
  /** Resolves when the process has exited, whatever the reason. */
  exited: Promise<Exit>
  signal(name: NodeJS.Signals): void
  /** Sends the signal (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>
}

export interface AppProcessOptions {
  script?: string
  /** Environment on top of PATH and HOME alone, so the machine's REDIS_* and PORT cannot leak in. */
  env: Record<string, string>
  /** Log file of the app when the config sets `logging.output_path`. Without it, the port is read from stdout. */
  logFile?: string
  startTimeoutMs?: number
}

const running = new Set<AppProcess>()

function baseEnvironment(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' }
}

/** Runs a script to its end, for start-up failures. Never rejects. */
export async function runToExit(script: string, env: Record<string, string>, timeoutMs = 15_000): Promise<Exit> {
  const result = await execa('node', [script], { cwd: repoRoot, env: { ...baseEnvironment(), ...env }, extendEnv: false, reject: false, timeout: timeoutMs })
  return { exitCode: result.exitCode, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr) }
}

/** Extracts the port from a line such as `{"port":1234}` or `{"msg":"server started","url":"http://127.0.0.1:1234"}`. */
function findPort(text: string): number | undefined {
  const match = /\{"port":(\d+)\}|"url":"https?:\/\/[^"]*:(\d+)"/.exec(text)
  if (!match) return undefined
  return Number(match[1] ?? match[2])
}

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const child: ResultPromise = execa('node', [options.script ?? appMainFile], {
    cwd: repoRoot,
    env: { ...baseEnvironment(), ...options.env },
    extendEnv: false,
    reject: false,
    buffer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    // execa would follow SIGTERM with SIGKILL after 5 s, which hides how long shutdown takes.
    forceKillAfterDelay: false,
  })

  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited: Promise<Exit> = child.then(
    (result) => ({ exitCode: result.exitCode, signal: result.signal, stdout, stderr }),
    () => ({ exitCode: undefined, signal: undefined, stdout, stderr }),
  )
  let hasExited = false
  void exited.then(() => (hasExited = true))

  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000)
  let port: number | undefined
  while (port === undefined) {
    const text = options.logFile ? await readFile(options.logFile, 'utf8').catch(() => '') : stdout
    port = findPort(text)
    if (port !== undefined) break
    if (hasExited) throw new Error(`server process exited before listening:\n${stderr}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server process did not report its port in time:\n${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }

  const app: AppProcess = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    exited,
    signal: (name) => {
      child.kill(name)
    },
    stop: async (signal = 'SIGTERM') => {
      if (!hasExited) child.kill(signal)
      running.delete(app)
      return exited
    },
  }
  running.add(app)
  return app
}

/** Kills every process started here that is still running. */
export async function killAppProcesses(): Promise<void> {
  await Promise.all([...running].map((app) => app.stop('SIGKILL')))
}
