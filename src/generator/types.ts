/** TypeScript types for a spec, written by openapi-typescript. */

import openapiTS, { astToString } from 'openapi-typescript'

import { ContractsError } from '../errors.js'
import type { SpecDocument } from '../spec/document.js'

export async function generateTypes(spec: SpecDocument): Promise<string> {
  try {
    // A deep copy, because openapi-typescript may annotate the document it is given.
    const nodes = await openapiTS(structuredClone(spec.root) as unknown as Parameters<typeof openapiTS>[0], {
      silent: true,
      alphabetize: false,
    })
    return astToString(nodes)
  } catch (error) {
    throw new ContractsError('CONTRACTS_TYPES', `openapi-typescript failed on ${spec.file}: ${(error as Error).message}`, {
      location: { file: spec.file },
      cause: error,
    })
  }
}
