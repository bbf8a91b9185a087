import { Flags } from '@oclif/core'

import { BaseCommand } from '../base-command.js'
import { formatReleaseList, JsonReporter, TextReporter } from '../deploy/render.js'
import { listReleases, rollback } from '../deploy/rollback.js'

export default class Rollback extends BaseCommand {
  static override summary = 'Put an earlier release back into service, behind the same health gate as a deploy'

  static override description = `Without --to, returns to the rollback point that the last deploy recorded. --to takes a release id (20250314T092653Z) or a backup id (api_contracts_staging_20250314T092653Z). When the chosen release fails the health gate, the release that was serving is restored.

Exit codes: 0 rolled back; 1 failed, with what served before still serving; 2 bad flags or unknown release; 3 restoring the previous release failed too. See docs/deploy.md.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --target /opt/genesis',
    '<%= config.bin %> <%= command.id %> --target /opt/genesis --list',
    '<%= config.bin %> <%= command.id %> --target /opt/genesis --to api_contracts_staging_20250314T092653Z',
  ]

  static override flags = {
    to: Flags.string({ summary: 'Release id or backup id to return to. Default: the recorded rollback point.' }),
    target: Flags.string({ summary: 'Folder that holds the releases.', default: '/opt/genesis', env: 'CONTRACTS_DEPLOY_TARGET' }),
    list: Flags.boolean({ summary: 'List the installed releases and change nothing.' }),
    'dry-run': Flags.boolean({ summary: 'Check the chosen release and print the plan, change nothing.' }),
    port: Flags.integer({ summary: 'Port to serve on. Default: the port of the release serving now.', min: 1, max: 65535 }),
    force: Flags.boolean({ summary: 'Go on past a busy port, and accept /health reporting degraded (Redis unreachable).' }),
    verbose: Flags.boolean({ summary: 'Print the details of every check and the release log.' }),
    json: Flags.boolean({ summary: 'Print one JSON document.' }),
    'health-timeout': Flags.integer({ summary: 'Seconds to wait for /health to report healthy after the start.', default: 30, min: 1 }),
  }

  public async run(): Promise<void> {
    const { flags } = await this.parse(Rollback)
    if (flags.list) {
      const { layout, releases } = await listReleases(flags.target)
      if (flags.json) this.log(JSON.stringify({ target: layout.root, releases }, null, 2))
      else for (const line of formatReleaseList(layout.root, releases)) this.log(line)
      return
    }

    const reporter = flags.json
      ? new JsonReporter((text) => this.log(text), (text) => this.logToStderr(text), flags.verbose)
      : new TextReporter((text) => this.log(text), flags.verbose)
    const report = await rollback({
      target: flags.target,
      to: flags.to,
      port: flags.port,
      healthTimeoutSeconds: flags['health-timeout'],
      dryRun: flags['dry-run'],
      force: flags.force,
      environment: process.env,
    }, reporter)

    reporter.finished(report)
    if (report.exitCode !== 0) this.exit(report.exitCode)
  }
}
