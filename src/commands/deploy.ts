import { Flags } from '@oclif/core'

import { BaseCommand } from '../base-command.js'
import { deploy } from '../deploy/deploy.js'
import { JsonReporter, TextReporter } from '../deploy/render.js'

/** Default of --build-timeout: tsc over a large generated server on a slow host takes minutes. */
const BUILD_TIMEOUT_SECONDS = 600

export default class Deploy extends BaseCommand {
  static override summary = 'Build a release of the generated server and put it into service on this host'

  static override description = `Runs seven phases: pre-deployment validation, configuration setup, Redis validation, the release build into TARGET/releases/<UTC time>/, the start behind the TARGET/current symlink, the health gate (/health and one valid and one invalid request per operation, from the spec examples), and the rollback point. A failure in the build, start or health gate restores the release that served before.

Run it from the project folder. Exit codes: 0 deployed; 1 failed, with what served before still serving (or nothing changed); 2 bad flags, config or specs; 3 the automatic rollback failed too. See docs/deploy.md.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --target /opt/genesis --config config/api_contracts_staging.yaml',
    '<%= config.bin %> <%= command.id %> --target /opt/genesis --dry-run --verbose',
    '<%= config.bin %> <%= command.id %> --target /tmp/genesis --port 8123 --json',
  ]

  static override flags = {
    target: Flags.string({ summary: 'Folder that holds the releases, the current symlink, pid files and logs.', default: '/opt/genesis', env: 'CONTRACTS_DEPLOY_TARGET' }),
    config: Flags.string({ summary: 'Server config file copied into the release. Default: config/contracts.yaml when it exists.' }),
    port: Flags.integer({ summary: 'Port the release listens on, instead of server.port of the config.', min: 1, max: 65535 }),
    'dry-run': Flags.boolean({ summary: 'Run the read-only checks and a build into a temporary folder, print the plan, change nothing.' }),
    verbose: Flags.boolean({ summary: 'Print the details of every check and the output of subprocesses.' }),
    force: Flags.boolean({ summary: 'Go on past failed safety checks of phases 1 and 3 (each is printed); the health gate and the automatic rollback still apply.' }),
    json: Flags.boolean({ summary: 'Print one JSON document with every phase, check, duration and outcome.' }),
    'health-timeout': Flags.integer({ summary: 'Seconds to wait for /health to report healthy after the start.', default: 30, min: 1 }),
    keep: Flags.integer({ summary: 'Number of releases to keep in TARGET/releases; older ones are deleted after a successful deploy.', default: 5, min: 1 }),
    'build-timeout': Flags.integer({ summary: 'Seconds the TypeScript build may take.', default: BUILD_TIMEOUT_SECONDS, min: 1 }),
    'spec-dir': Flags.string({ summary: 'Folder with the OpenAPI specs.', default: 'schemas' }),
    out: Flags.string({ summary: 'Folder of the generated server, checked against the specs.', default: 'generated' }),
  }

  public async run(): Promise<void> {
    const { flags } = await this.parse(Deploy)
    const reporter = flags.json
      ? new JsonReporter((text) => this.log(text), (text) => this.logToStderr(text), flags.verbose)
      : new TextReporter((text) => this.log(text), flags.verbose)

    const report = await deploy({
      projectDir: process.cwd(),
      target: flags.target,
      configFile: flags.config,
      port: flags.port,
      healthTimeoutSeconds: flags['health-timeout'],
      keep: flags.keep,
      dryRun: flags['dry-run'],
      force: flags.force,
      environment: process.env,
      specDir: flags['spec-dir'],
      outDir: flags.out,
      buildTimeoutMs: flags['build-timeout'] * 1000,
    }, reporter)

    reporter.finished(report)
    if (report.exitCode !== 0) this.exit(report.exitCode)
  }
}
