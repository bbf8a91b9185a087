/**
 * The one registry of errors the CLI and the generator raise. Each code is stable:
 * scripts and docs refer to it, so a code is never reused for another meaning.
 */

export interface SourceLocation {
  file: string
  line?: number
  column?: number
  /** JSON pointer of the offending node inside the document. */
  pointer?: string
}

interface ErrorDefinition {
  /** Process exit code the CLI uses for this error. */
  exit: number
  title: string
}

export const errorCodes = {
  CONTRACTS_USAGE: { exit: 2, title: 'Invalid command-line usage' },
  CONTRACTS_NO_SPECS: { exit: 2, title: 'No OpenAPI documents found' },
  CONTRACTS_SPEC_READ: { exit: 2, title: 'OpenAPI document cannot be read' },
  CONTRACTS_SPEC_PARSE: { exit: 2, title: 'OpenAPI document is not valid YAML or JSON' },
  CONTRACTS_SPEC_VERSION: { exit: 2, title: 'Unsupported OpenAPI version' },
  CONTRACTS_SPEC_INVALID: { exit: 2, title: 'OpenAPI document is invalid' },
  CONTRACTS_REF_UNRESOLVED: { exit: 2, title: 'A $ref cannot be resolved' },
  CONTRACTS_ROUTE_CONFLICT: { exit: 2, title: 'Two operations claim the same route' },
  CONTRACTS_OPERATION_ID_CONFLICT: { exit: 2, title: 'Two operations share one operationId' },
  CONTRACTS_SCHEMA_COMPILE: { exit: 2, title: 'A schema cannot be compiled' },
  CONTRACTS_TYPES: { exit: 2, title: 'TypeScript types cannot be generated' },
  CONTRACTS_CONFIG_INVALID: { exit: 2, title: 'The server config file is invalid' },
  CONTRACTS_OUTPUT_WRITE: { exit: 2, title: 'The output folder cannot be written' },
  CONTRACTS_OUTPUT_STALE: { exit: 1, title: 'Generated files are out of date' },
  CONTRACTS_SPEC_RULES: { exit: 1, title: 'OpenAPI documents break validation rules' },
  CONTRACTS_DEPLOY_FAILED: { exit: 1, title: 'The deployment failed; what served before still serves' },
  CONTRACTS_DEPLOY_LOCKED: { exit: 1, title: 'Another deploy or rollback is running on the target' },
  CONTRACTS_DEPLOY_STATE: { exit: 1, title: 'The deploy state file of the target is invalid' },
  CONTRACTS_RELEASE_NOT_FOUND: { exit: 2, title: 'The requested release is not installed in the target' },
  CONTRACTS_ROLLBACK_FAILED: { exit: 3, title: 'Restoring the previous release failed' },
} as const satisfies Record<string, ErrorDefinition>

export type ErrorCode = keyof typeof errorCodes

export interface ContractsErrorOptions {
  location?: SourceLocation
  /** What the user can do about it, one sentence each. */
  suggestions?: string[]
  cause?: unknown
}

export class ContractsError extends Error {
  readonly code: ErrorCode
  readonly exit: number
  readonly location?: SourceLocation
  readonly suggestions: string[]

  constructor(code: ErrorCode, message: string, options: ContractsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ContractsError'
    this.code = code
    this.exit = errorCodes[code].exit
    this.location = options.location
    this.suggestions = options.suggestions ?? []
  }
}

/** Formats a location as `file:line:col`, the form editors and CI annotations link to. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file
  if (location.line !== undefined) {
    text += `:${location.line}`
    if (location.column !== undefined) text += `:${location.column}`
  }
  return text
}

/** Renders an error for a terminal: location, message, code and the suggested fixes. */
export function describeError(error: ContractsError): string {
  const where = error.location ? `${formatLocation(error.location)}  ` : ''
  const pointer = error.location?.pointer ? ` (at ${error.location.pointer || '/'})` : ''
  const lines = [`${where}${error.message}${pointer} [${error.code}]`]
  for (const suggestion of error.suggestions) lines.push(`  Try this: ${suggestion}`)
  return lines.join('\n')
}
