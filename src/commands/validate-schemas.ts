import { Flags } from '@oclif/core'

import { BaseCommand } from '../base-command.js'
import { ContractsError } from '../errors.js'
import { specFilesFromFlags } from '../spec/discover.js'
import { formatReport, outputFormats } from '../validate/format.js'
import { validateSpecFiles } from '../validate/index.js'

export default class ValidateSchemas extends BaseCommand {
  static override summary = 'Check OpenAPI documents against the official meta-schema and the rules generation relies on'

  static override description = `Validates each *.openapi.yaml, *.openapi.yml and *.openapi.json in the spec folder (or the files given with --spec) against the official OpenAPI 3.0 or 3.1 meta-schema, then checks what no meta-schema can: unique operationIds across all files, path variables matched by required path parameters, paths that differ only in variable names, unresolved internal $refs, duplicate parameters, schemas the generated validators cannot compile, and examples that do not match their schemas (a warning). Exits with 1 when any error is found, and with 0 when there are only warnings.`

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --spec api/pets.openapi.yaml --format json',
    '<%= config.bin %> <%= command.id %> --format github',
  ]

  static override flags = {
    'spec-dir': Flags.string({ summary: 'Folder to read specs from.', default: 'schemas' }),
    spec: Flags.string({ summary: 'A spec file to check; repeat for several. Replaces --spec-dir.', multiple: true }),
    format: Flags.option({
      options: outputFormats,
      default: 'text' as const,
      summary: 'Output format: text for people, json for scripts, github for GitHub Actions annotations.',
    })(),
  }

  public async run(): Promise<void> {
    const { flags } = await this.parse(ValidateSchemas)
    const specFiles = await specFilesFromFlags(flags)
    const report = await validateSpecFiles(specFiles)

    for (const line of formatReport(report, flags.format)) this.log(line)
    if (report.errorCount === 0) return

    const invalidFiles = report.files.filter((file) => file.errors > 0).length
    throw new ContractsError('CONTRACTS_SPEC_RULES', `${report.errorCount} error${report.errorCount === 1 ? '' : 's'} in ${invalidFiles} file${invalidFiles === 1 ? '' : 's'}`, {
      suggestions: ['Fix the errors listed above; warnings alone do not fail the check.'],
    })
  }
}
