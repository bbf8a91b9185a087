import { errorCodes } from '../errors.js'

/**
 * The data a deploy or rollback produces: phases made of checks, each with a status and a
 * duration. Renderers (render.ts) turn it into text or JSON; nothing here prints.
 */

/**
 * `forced`: failed, but --force let the run go on. `planned`: a change a dry run would make.
 * `skipped`: not applicable here (for example no Redis configured).
 */
export type CheckStatus = 'passed' | 'warning' | 'failed' | 'forced' | 'skipped' | 'planned'

export interface CheckResult {
  title: string
  status: CheckStatus
  /** One line for the normal output. */
  summary: string
  /** Lines shown with --verbose, and always for a failed check. */
  details: string[]
  /** Fix for a failure or warning, as one sentence. */
  suggestion?: string
  durationMs: number
}

export type PhaseStatus = 'passed' | 'warning' | 'failed' | 'skipped' | 'planned'

export interface PhaseResult {
  /** 1-based position in the run; the rollback section uses 0. */
  number: number
  title: string
  status: PhaseStatus
  durationMs: number
  checks: CheckResult[]
}

/** Exit codes of `contracts deploy` and `contracts rollback`, documented in docs/deploy.md. */
export const EXIT = {
  success: 0,
  /** The deployment did not happen or was rolled back: what served before still serves. */
  failed: errorCodes.CONTRACTS_DEPLOY_FAILED.exit,
  /** Bad flags, an invalid config file or invalid specs. */
  usage: errorCodes.CONTRACTS_USAGE.exit,
  /** Restoring the previous release failed: the service may be down. */
  rollbackFailed: errorCodes.CONTRACTS_ROLLBACK_FAILED.exit,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export type RunStatus = 'succeeded' | 'failed' | 'rolled-back' | 'rollback-failed'

export interface RunReport {
  command: 'deploy' | 'rollback'
  target: string
  dryRun: boolean
  force: boolean
  status: RunStatus
  exitCode: ExitCode
  durationMs: number
  /** Sentence that describes the outcome and names what serves now. */
  headline: string
  /** The release this run installed or switched to. */
  release?: string
  /** The release serving when the run ended, if any. */
  serving?: { release: string; url: string; pid?: number }
  rollbackPoint?: { id: string; release: string }
  phases: PhaseResult[]
  /** Changes a dry run would make, in order. */
  plan: string[]
  notes: string[]
}

/** Receives the run as it happens, so text output can stream while JSON waits for the end. */
export interface Reporter {
  phaseStarted(number: number, total: number, title: string): void
  checkFinished(check: CheckResult): void
  phaseFinished(phase: PhaseResult, total: number): void
  /** A sentence about a decision the run made, for example stopping the old release first. */
  note(text: string): void
  /** Output of a subprocess or other detail, shown only with --verbose. */
  detail(text: string): void
  finished(report: RunReport): void
}
