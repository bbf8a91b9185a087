import { Flags } from '@oclif/core'

import { BaseCommand } from '../base-command.js'
import { readGenerateConfig } from '../config-file.js'
import { formatDiagnostic } from '../diagnostics.js'
import { ContractsError } from '../errors.js'
import { generate } from '../generator/index.js'
import { mockHandlers, MOCK_HEADER } from '../mock/handlers.js'
import { buildInTemporaryFolder } from '../mock/serve.js'
import { findSpecFiles } from '../spec/discover.js'

export default class Serve extends BaseCommand {
  static override summary = 'Serve the specs with mock responses, to try a contract before writing handlers'

  static override description = `Generates into a temporary folder and starts the server. Every valid request gets the example of its operation's first 2xx response (or a value synthesized from its schema), with the header ${MOCK_HEADER}: true; invalid requests get the same 4xx answers as the real server. Stop it with Ctrl-C.`

  static override examples = ['<%= config.bin %> <%= command.id %> --mock', '<%= config.bin %> <%= command.id %> --mock --spec api.openapi.yaml --port 4010']

  static override flags = {
    mock: Flags.boolean({ summary: 'Answer with examples from the spec (required: serve runs only mocks).' }),
    'spec-dir': Flags.string({ summary: 'Folder to read specs from.', default: 'schemas' }),
    spec: Flags.string({ summary: 'A spec file to read; repeat for several. Replaces --spec-dir.', multiple: true }),
    port: Flags.integer({ summary: 'Port to listen on.', default: 4010, min: 0, max: 65535 }),
    host: Flags.string({ summary: 'Address to listen on.', default: '127.0.0.1' }),
    config: Flags.string({ summary: 'Server config file. Default: config/contracts.yaml when it exists.' }),
  }

  public async run(): Promise<void> {
    const { flags } = await this.parse(Serve)
    if (!flags.mock) {
      throw new ContractsError('CONTRACTS_USAGE', 'contracts serve runs mock servers only', {
        suggestions: ['Add --mock, or run your own handlers with `npm start` or the generated startServer.'],
      })
    }

    const specFiles = flags.spec ?? (await findSpecFiles(flags['spec-dir']))
    const config = readGenerateConfig(flags.config)
    const result = await generate(specFiles, { config })
    for (const diagnostic of result.diagnostics) this.logToStderr(formatDiagnostic(diagnostic, true))

    const build = await buildInTemporaryFolder(result)
    const mockConfig = { ...config, validation: { ...config.validation, responses: 'log' as const } }
    const running = await build.module.startServer(build.module.api, {
      handlers: mockHandlers(result.operations),
      config: mockConfig,
      port: flags.port,
      host: flags.host,
      logger: false,
      onShutdown: () => {
        build.remove().finally(() => process.exit(0))
      },
    })

    this.log(`Mock server for ${result.operationCount} operations listening on ${running.url} (Ctrl-C to stop)`)
    for (const { info } of result.operations) this.log(`  ${info.method.toUpperCase().padEnd(7)} ${info.path}`)
  }
}
