/** The programmatic API of contracts. */

export { generate, type GeneratedFile, type GenerateResult } from './generator/index.js'
export { compareOutput, writeOutput, type OutputDifference } from './generator/output.js'
export { findSpecFiles } from './spec/discover.js'
export { loadSpec, parseSpec, type SpecDocument } from './spec/document.js'
export { ContractsError, errorCodes, type ErrorCode, type SourceLocation } from './errors.js'
export type { Diagnostic } from './diagnostics.js'
