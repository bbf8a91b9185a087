import { Command } from '@oclif/core'

import { ContractsError, describeError } from './errors.js'

/** Renders ContractsError as `file:line:col  message [CODE]` with its suggestions and exit code. */
export abstract class BaseCommand extends Command {
  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    const known = error instanceof ContractsError ? error : this.usageError(error)
    if (known) {
      this.logToStderr(describeError(known))
      this.exit(known.exit)
    }
    return super.catch(error)
  }

  /** Converts oclif's flag and argument errors, which carry `parse`, into CONTRACTS_USAGE. */
  private usageError(error: Error): ContractsError | undefined {
    if (!('parse' in error)) return undefined
    return new ContractsError('CONTRACTS_USAGE', error.message.split('\n')[0] ?? error.message, {
      suggestions: [`Run \`contracts ${this.id ?? ''} --help\` for the flags it takes.`],
    })
  }
}
