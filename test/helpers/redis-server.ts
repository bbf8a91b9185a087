/**
 * Private redis-server processes on free loopback ports, for tests that stop Redis or build a
 * cluster. They never touch the shared Redis on 6379.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { execa, type ResultPromise } from 'execa'
import { Redis } from 'ioredis'

export interface RedisProcess {
  port: number
  dir: string
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Resolves once `check` returns true, polling every 100 ms, or rejects after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function hasRedisServer(): Promise<boolean> {
  const result = await execa('redis-server', ['--version'], { reject: false })
  return result.exitCode === 0
}

export async function startRedis(options: { port?: number; cluster?: boolean } = {}): Promise<RedisProcess> {
  const port = options.port ?? (await freePort())
  const dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-redis-'))
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]
  if (options.cluster) args.push('--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, 'nodes.conf'), '--cluster-node-timeout', '2000')
  const child: ResultPromise = execa('redis-server', args, { reject: false, stdout: 'ignore', stderr: 'ignore' })

  const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
  probe.on('error', () => undefined)
  const deadline = Date.now() + 5000
  for (;;) {
    try {
      await probe.connect()
      await probe.ping()
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`)
      probe.disconnect()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  probe.disconnect()

  let stopped = false
  return {
    port,
    dir,
    stop: async () => {
      if (stopped) return
      stopped = true
      child.kill('SIGKILL')
      await child
      await rm(dir, { recursive: true, force: true })
    },
  }
}
