import path from 'node:path'

import { Flags } from '@oclif/core'

import { BaseCommand } from '../base-command.js'
import { formatDiagnostic } from '../diagnostics.js'
import { generate } from '../generator/index.js'
import { compareOutput, writeOutput } from '../generator/output.js'
import { specFilesFromFlags } from '../spec/discover.js'
import { readGenerateConfig } from '../config-file.js'

/** Builds the generate command line that rewrites the output `--check` compared. */
function rerunCommand(flags: { spec?: string[]; 'spec-dir': string; out: string; config?: string }): string {
  const parts = ['contracts generate']
  if (flags.spec) parts.push(...flags.spec.map((file) => `--spec ${file}`))
  else if (flags['spec-dir'] !== 'schemas') parts.push(`--spec-dir ${flags['spec-dir']}`)
  if (flags.out !== 'generated') parts.push(`--out ${flags.out}`)
  if (flags.config) parts.push(`--config ${flags.config}`)
  return parts.join(' ')
}

export default class Generate extends BaseCommand {
  static override summary = 'Generate the typed, validating server from OpenAPI documents'

  static override description = `Reads every *.openapi.yaml, *.openapi.yml and *.openapi.json in the spec folder (or the files given with --spec) and writes TypeScript types, precompiled validators, the router and the server entry into the output folder. Output is deterministic; commit it and run with --check in CI.`

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --spec-dir api/ --out src/generated',
    '<%= config.bin %> <%= command.id %> --check',
  ]

  static override flags = {
    'spec-dir': Flags.string({ summary: 'Folder to read specs from.', default: 'schemas' }),
    spec: Flags.string({ summary: 'A spec file to read; repeat for several. Replaces --spec-dir.', multiple: true }),
    out: Flags.string({ summary: 'Folder to write the generated files to.', default: 'generated' }),
    check: Flags.boolean({ summary: 'Write nothing; exit 1 when the output folder differs from what would be generated.' }),
    config: Flags.string({ summary: 'Server config whose monitoring thresholds go into monitoring/alerts.yaml. Default: config/contracts.yaml when it exists.' }),
    json: Flags.boolean({ summary: 'Print the result as one JSON document.' }),
  }

  public async run(): Promise<unknown> {
    const { flags } = await this.parse(Generate)
    const specFiles = await specFilesFromFlags(flags)
    const result = await generate(specFiles, { config: readGenerateConfig(flags.config) })

    if (!flags.json) for (const diagnostic of result.diagnostics) this.logToStderr(formatDiagnostic(diagnostic, true))

    if (flags.check) {
      const difference = await compareOutput(flags.out, result.files)
      const problems = [
        ...difference.stale.map((file) => `stale    ${path.join(flags.out, file)}`),
        ...difference.missing.map((file) => `missing  ${path.join(flags.out, file)}`),
        ...difference.extra.map((file) => `extra    ${path.join(flags.out, file)}`),
      ]
      if (flags.json) this.log(JSON.stringify({ upToDate: problems.length === 0, ...difference, diagnostics: result.diagnostics }, null, 2))
      if (problems.length > 0) {
        if (!flags.json) {
          this.logToStderr(`${flags.out} is out of date (${problems.length} file${problems.length === 1 ? '' : 's'}) [CONTRACTS_OUTPUT_STALE]:`)
          for (const line of problems) this.logToStderr(`  ${line}`)
          this.logToStderr(`  Try this: run \`${rerunCommand(flags)}\` and commit the result.`)
        }
        this.exit(1)
      }
      if (!flags.json) this.log(`${flags.out} is up to date (${result.files.length} files, ${result.operationCount} operations).`)
      return
    }

    const { written, removed } = await writeOutput(flags.out, result.files)
    if (flags.json) {
      this.log(JSON.stringify({ out: flags.out, files: result.files.length, written, removed, operations: result.operationCount, diagnostics: result.diagnostics }, null, 2))
      return
    }
    this.log(`Generated ${result.operationCount} operations from ${result.specs.length} spec${result.specs.length === 1 ? '' : 's'} into ${flags.out} (${written} written, ${removed} removed, ${result.files.length - written} unchanged).`)
  }
}
