/** Reads pino JSON-line log files that a server writes asynchronously. */

import { readFile } from 'node:fs/promises'

export interface LogLine {
  level: number
  msg?: string
  [field: string]: unknown
}

/** Reads every JSON line of `file` (none while it does not exist), skipping a partly written last line. */
export async function readLogLines(file: string): Promise<LogLine[]> {
  const text = await readFile(file, 'utf8').catch(() => '')
  const lines: LogLine[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      lines.push(JSON.parse(line) as LogLine)
    } catch {
      // The writer may be in the middle of this line.
    }
  }
  return lines
}

/** Polls `file` until `count` lines match `predicate`, returning them, or throws after `timeoutMs`. */
export async function waitForLogLines(file: string, predicate: (line: LogLine) => boolean, count = 1, timeoutMs = 5000): Promise<LogLine[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const matching = (await readLogLines(file)).filter(predicate)
    if (matching.length >= count) return matching
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${count} matching line(s) in ${file}; found ${matching.length}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
