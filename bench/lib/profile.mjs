/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and lists the functions with the most self
 * time: the time the sampler found that function itself on top of the stack. Idle samples (the
 * event loop waiting) are left out, so shares are of the time the process was busy.
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Sums the sampled time per profile node, counting only samples taken at or after `fromMicros`
 * (V8's monotonic clock, the one of process.hrtime).
 */
function selfTimeByNode(profile, fromMicros) {
  const selfMicros = new Map()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let timestamp = profile.startTime
  // timeDeltas[i] is the gap before samples[i], so a sample stands for the gap after it.
  for (let index = 0; index < samples.length; index += 1) {
    timestamp += deltas[index] ?? 0
    if (timestamp < fromMicros) continue
    selfMicros.set(samples[index], (selfMicros.get(samples[index]) ?? 0) + (deltas[index + 1] ?? 0))
  }
  return selfMicros
}

/** Lists the top `limit` functions by self time, as { name, location, selfMs, share }. */
export function topSelfTime(file, { limit = 12, root = process.cwd(), fromMicros = 0 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMicros = selfTimeByNode(profile, fromMicros)

  const totals = new Map()
  let all = 0
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id)
    if (!node || node.callFrame.functionName === '(idle)') continue
    const frame = node.callFrame
    const name = frame.functionName || '(anonymous)'
    const url = frame.url ? shorten(frame.url, root) : ''
    const location = url ? `${url}:${frame.lineNumber + 1}` : ''
    const key = `${name}\u0000${location}`
    const entry = totals.get(key) ?? { name, location, micros: 0 }
    entry.micros += micros
    totals.set(key, entry)
    all += micros
  }

  return [...totals.values()]
    .sort((a, b) => b.micros - a.micros)
    .slice(0, limit)
    .map((entry) => ({ name: entry.name, location: entry.location, selfMs: entry.micros / 1000, share: all > 0 ? entry.micros / all : 0 }))
}

/**
 * Lists the top `limit` functions by total time (their own plus their callees'), among the
 * frames whose location passes `keep`. Recursion counts once per sample.
 */
export function topTotalTime(file, keep, { limit = 10, root = process.cwd(), fromMicros = 0 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
  const selfMicros = selfTimeByNode(profile, fromMicros)

  const totals = new Map()
  let all = 0
  for (const [leaf, micros] of selfMicros) {
    if (byId.get(leaf).callFrame.functionName === '(idle)') continue
    all += micros
    const counted = new Set()
    for (let id = leaf; id !== undefined; id = parentOf.get(id)) {
      const frame = byId.get(id).callFrame
      const url = frame.url ? shorten(frame.url, root) : ''
      if (!url || !keep(url)) continue
      const key = `${frame.functionName || '(anonymous)'}\u0000${url}:${frame.lineNumber + 1}`
      if (counted.has(key)) continue
      counted.add(key)
      totals.set(key, (totals.get(key) ?? 0) + micros)
    }
  }

  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, micros]) => {
      const [name, location] = key.split('\u0000')
      return { name, location, totalMs: micros / 1000, share: all > 0 ? micros / all : 0 }
    })
}

function shorten(url, root) {
  const file = url.startsWith('file://') ? new URL(url).pathname : url
  if (!file.startsWith('/')) return file
  const relative = path.relative(root, file)
  const modules = relative.lastIndexOf('node_modules/')
  return modules === -1 ? relative : relative.slice(modules)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, limit] = process.argv.slice(2)
  for (const row of topSelfTime(file, { limit: Number(limit ?? 15) })) {
    console.log(`${row.selfMs.toFixed(0).padStart(8)} ms ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.name}  ${row.location}`)
  }
}
