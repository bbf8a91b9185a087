/** The Redis key prefix from the config, as the stores use it. */

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { loadConfig } from '../../templates/runtime/config.js'

const dirs: string[] = []

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

async function prefixFor(keyPrefix: string): Promise<string | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-key-prefix-'))
  dirs.push(dir)
  const file = path.join(dir, 'contracts.yaml')
  await writeFile(file, `redis:\n  host: 127.0.0.1\n  key_prefix: "${keyPrefix}"\n`)
  return loadConfig(file, {}).redis?.keyPrefix
}

describe('redis.key_prefix', () => {
  it('is used as written', async () => {
    expect(await prefixFor('team-a')).toBe('team-a')
  })

  it('drops trailing colons', async () => {
    expect(await prefixFor('team-a::')).toBe('team-a')
  })
})
