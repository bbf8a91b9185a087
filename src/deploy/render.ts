/** Renders a deploy or rollback as streaming text, or as one JSON document at the end (--json). */

import type { CheckResult, CheckStatus, PhaseResult, Reporter, RunReport } from './report.js'
import type { ReleaseListing } from './rollback.js'

type Write = (line: string) => void

const MARKS: Record<CheckStatus, string> = {
  passed: '✓',
  warning: '⚠',
  failed: '✗',
  forced: '✗',
  skipped: '-',
  planned: '→',
}

export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(2)} s`
  const minutes = Math.floor(milliseconds / 60_000)
  return `${minutes} min ${Math.round((milliseconds - minutes * 60_000) / 1000)} s`
}

/** Prints each check as it finishes; details only with --verbose, except for failures. */
export class TextReporter implements Reporter {
  constructor(
    private readonly write: Write,
    private readonly verbose: boolean,
  ) {}

  phaseStarted(number: number, total: number, title: string): void {
    this.write('')
    this.write(number === 0 ? title : `${number}/${total} ${title}`)
  }

  checkFinished(check: CheckResult): void {
    const duration = check.status === 'planned' ? '' : ` (${formatDuration(check.durationMs)})`
    this.write(`  ${MARKS[check.status]} ${check.title}: ${check.summary}${duration}`)
    const showDetails = this.verbose || check.status === 'failed' || check.status === 'forced'
    if (showDetails) for (const line of check.details) this.write(`      ${line}`)
    if (check.suggestion && check.status !== 'passed' && check.status !== 'planned') this.write(`      Fix: ${check.suggestion}`)
  }

  phaseFinished(phase: PhaseResult, total: number): void {
    const mark = MARKS[phase.status]
    const label = phase.number === 0 ? phase.title : `${phase.number}/${total} ${phase.title}`
    this.write(`${mark} ${label}: ${phase.status} in ${formatDuration(phase.durationMs)}`)
  }

  note(text: string): void {
    this.write(`  * ${text}`)
  }

  detail(text: string): void {
    if (this.verbose) this.write(`      | ${text}`)
  }

  finished(report: RunReport): void {
    this.write('')
    if (report.dryRun && report.plan.length > 0) {
      this.write('Plan (nothing was changed):')
      report.plan.forEach((step, index) => this.write(`  ${index + 1}. ${step}`))
      this.write('')
    }
    const mark = report.status === 'succeeded' ? '✓' : '✗'
    const line = `${mark} ${report.headline} Total ${formatDuration(report.durationMs)}, exit code ${report.exitCode}.`
    if (report.status !== 'rollback-failed') {
      this.write(line)
      return
    }
    const bar = '!'.repeat(72)
    this.write(bar)
    this.write(`ROLLBACK FAILED. ${line}`)
    this.write(bar)
  }
}

/** Collects nothing itself: the report has every phase, and --json prints it once at the end. */
export class JsonReporter implements Reporter {
  constructor(
    private readonly write: Write,
    private readonly writeError: Write,
    private readonly verbose: boolean,
  ) {}

  phaseStarted(): void {}
  checkFinished(): void {}
  phaseFinished(): void {}
  note(): void {}

  detail(text: string): void {
    // Standard output carries only the JSON document, so verbose lines go to standard error.
    if (this.verbose) this.writeError(text)
  }

  finished(report: RunReport): void {
    this.write(JSON.stringify(report, (key, value: unknown) => (key === 'durationMs' && typeof value === 'number' ? Math.round(value) : value), 2))
  }
}

/** Formats the installed releases for `contracts rollback --list`, newest first, two lines each. */
export function formatReleaseList(target: string, releases: readonly ReleaseListing[]): string[] {
  if (releases.length === 0) return [`No releases are installed in ${target}.`]
  const lines = [`Releases in ${target}, newest first:`]
  for (const entry of releases) {
    const marks = [entry.current ? 'current' : '', entry.rollbackPoint ? 'rollback point' : '', entry.running ? `running pid ${entry.running.pid} on port ${entry.running.port}` : '']
      .filter(Boolean)
      .join(', ')
    const specs = entry.specs.map((spec) => `${spec.title} ${spec.version}`).join('; ') || 'no manifest'
    const git = entry.git ? ` git ${entry.git.commit.slice(0, 12)}${entry.git.dirty ? '+changes' : ''}` : ''
    lines.push(`  ${entry.release}  ${entry.backupId}${marks ? `  [${marks}]` : ''}`)
    lines.push(`      built ${entry.builtAt ?? 'unknown'}${git}${entry.lastOutcome ? `, last: ${entry.lastOutcome}` : ''}; ${specs}`)
  }
  return lines
}
