/**
 * Runs phases made of checks: times each one, applies --force to the checks that allow it,
 * turns thrown errors into failed checks and streams every result to the reporter.
 */

import { ContractsError, describeError } from '../errors.js'
import { EXIT, type CheckResult, type CheckStatus, type ExitCode, type PhaseResult, type PhaseStatus, type Reporter } from './report.js'

export interface CheckOutcome {
  status: Exclude<CheckStatus, 'forced'>
  summary: string
  details?: string[]
  suggestion?: string
  /** Exit code when this failure ends the run; EXIT.failed unless set. */
  exitCode?: ExitCode
}

export interface CheckOptions {
  /** With --force, a failure of this check is printed as skipped and the run goes on. */
  forceable?: boolean
}

export class PhaseRunner {
  readonly phases: PhaseResult[] = []
  readonly notes: string[] = []
  readonly plan: string[] = []
  private checks: CheckResult[] = []
  private failureExit: ExitCode = EXIT.success

  constructor(
    readonly reporter: Reporter,
    private readonly options: { force: boolean; total: number },
  ) {}

  /** The exit code that the failed checks so far call for: EXIT.usage wins over EXIT.failed. */
  get exitCode(): ExitCode {
    return this.failureExit
  }

  /** Runs one phase; a thrown error becomes a failed check, so the caller only reads the status. */
  async phase(number: number, title: string, body: () => Promise<void>): Promise<PhaseResult> {
    const started = performance.now()
    this.checks = []
    this.reporter.phaseStarted(number, this.options.total, title)
    try {
      await body()
    } catch (error) {
      this.record(failureFromError(error), 0)
    }
    const result: PhaseResult = { number, title, status: phaseStatus(this.checks), durationMs: performance.now() - started, checks: this.checks }
    this.phases.push(result)
    this.reporter.phaseFinished(result, this.options.total)
    return result
  }

  /** Runs one check inside the current phase and returns its outcome after --force applied. */
  async check(title: string, run: () => Promise<CheckOutcome> | CheckOutcome, options: CheckOptions = {}): Promise<CheckResult> {
    const started = performance.now()
    let outcome: CheckOutcome
    try {
      outcome = await run()
    } catch (error) {
      outcome = failureFromError(error)
    }
    return this.record({ ...outcome, title }, performance.now() - started, options)
  }

  /** Records a change that a dry run would make, as a `planned` check and a plan line. */
  planned(title: string, summary: string, details: string[] = []): void {
    this.plan.push(summary)
    this.record({ status: 'planned', summary, details, title }, 0)
  }

  note(text: string): void {
    this.notes.push(text)
    this.reporter.note(text)
  }

  private record(outcome: CheckOutcome & { title?: string }, durationMs: number, options: CheckOptions = {}): CheckResult {
    let status: CheckStatus = outcome.status
    let summary = outcome.summary
    const details = [...(outcome.details ?? [])]

    if (status === 'failed' && this.options.force && options.forceable) {
      status = 'forced'
      summary = `skipped by --force: ${summary}`
    } else if (status === 'failed') {
      if (this.options.force) details.push('--force cannot skip this check.')
      const exit = outcome.exitCode ?? EXIT.failed
      if (exit > this.failureExit) this.failureExit = exit
    }

    const result: CheckResult = { title: outcome.title ?? 'Check', status, summary, details, suggestion: outcome.suggestion, durationMs }
    this.checks.push(result)
    this.reporter.checkFinished(result)
    return result
  }
}

function phaseStatus(checks: readonly CheckResult[]): PhaseStatus {
  if (checks.some((check) => check.status === 'failed')) return 'failed'
  if (checks.some((check) => check.status === 'warning' || check.status === 'forced')) return 'warning'
  if (checks.length > 0 && checks.every((check) => check.status === 'planned' || check.status === 'skipped')) {
    return checks.some((check) => check.status === 'planned') ? 'planned' : 'skipped'
  }
  return 'passed'
}

/** Turns an error thrown inside a check into a failed outcome that names the error. */
export function failureFromError(error: unknown): CheckOutcome & { title: string } {
  if (error instanceof ContractsError) {
    return {
      title: 'Error',
      status: 'failed',
      summary: describeError(error).split('\n')[0] ?? error.message,
      suggestion: error.suggestions[0],
      exitCode: error.exit === EXIT.usage ? EXIT.usage : EXIT.failed,
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  const stack = error instanceof Error && error.stack ? error.stack.split('\n').slice(1, 6).map((line) => line.trim()) : []
  return { title: 'Unexpected error', status: 'failed', summary: message, details: stack }
}
