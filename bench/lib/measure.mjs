/**
 * Runs a Node CLI in this process and writes its wall time, CPU time and peak resident set
 * size to a JSON file when the process exits: `node measure.mjs RESULT.json SCRIPT ...ARGS`.
 * The fallback for machines without /usr/bin/time.
 */

import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [resultFile, script, ...args] = process.argv.slice(2)
const started = performance.now()

process.on('exit', () => {
  const usage = process.resourceUsage()
  writeFileSync(resultFile, JSON.stringify({
    wallSeconds: (performance.now() - started) / 1000,
    userSeconds: usage.userCPUTime / 1e6,
    systemSeconds: usage.systemCPUTime / 1e6,
    maxRssKb: usage.maxRSS,
  }))
})

process.argv = [process.argv[0], path.resolve(script), ...args]
await import(pathToFileURL(path.resolve(script)).href)
