import { formatLocation, type SourceLocation } from './errors.js'

/** A problem found in a spec that does not stop generation. */
export interface Diagnostic {
  severity: 'warning' | 'error'
  /** Stable rule id, e.g. `unsupported-media-type`. */
  rule: string
  message: string
  location: SourceLocation
}

/** Collects diagnostics, keeping one per (rule, location, message) so repeats do not flood output. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = []
  private readonly seen = new Set<string>()

  warn(rule: string, message: string, location: SourceLocation): void {
    this.add({ severity: 'warning', rule, message, location })
  }

  add(diagnostic: Diagnostic): void {
    const key = `${diagnostic.rule}\u0000${formatLocation(diagnostic.location)}\u0000${diagnostic.message}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.items.push(diagnostic)
  }
}

/** `file:line:col  severity  message  (rule)`; with `withPointer`, the JSON pointer follows the message. */
export function formatDiagnostic(diagnostic: Diagnostic, withPointer = false): string {
  const pointer = withPointer && diagnostic.location.pointer ? ` (at ${diagnostic.location.pointer})` : ''
  return `${formatLocation(diagnostic.location)}  ${diagnostic.severity}  ${diagnostic.message}${pointer}  (${diagnostic.rule})`
}
