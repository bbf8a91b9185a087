import { Command } from '@oclif/core'

import { ContractsError, describeError } from './errors.js'

/** Renders ContractsError as `file:line:col  message [CODE]` with its suggestions and exit code. */
export abstract class BaseCommand extends Command {
  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (error instanceof ContractsError) {
      this.logToStderr(describeError(error))
      this.exit(error.exit)
    }
    return super.catch(error)
  }
}
