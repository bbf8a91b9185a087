/** Handlers that answer every valid request with the example of the first 2xx response. */

import type { SpecDocument } from '../spec/document.js'
import { resolveObject, type OperationInfo } from '../spec/operations.js'
import { getAt } from '../spec/pointer.js'
import { mediaExample, synthesize } from './synthesize.js'

type Json = Record<string, unknown>

export const MOCK_HEADER = 'X-Contracts-Mock'

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export interface MockResponse {
  status: number
  body?: unknown
  contentType?: string
  headers: Record<string, string>
}

/** The canned response of one operation: its first 2xx (or default) response's example. */
export function cannedResponse(operation: OperationInfo): MockResponse {
  const spec = operation.spec
  const responses = operation.responses
  const success = responses.find((response) => /^2(\d\d|XX)$/i.test(response.status)) ?? responses.find((response) => response.status === 'default')
  const headers = { [MOCK_HEADER]: 'true' }
  if (!success) return { status: 204, headers }

  const status = /^\d+$/.test(success.status) ? Number(success.status) : 200
  const response = resolveObject(spec, getAt(spec.root, success.pointer), success.pointer).value
  const content = isObject(response) && isObject(response.content) ? response.content : {}
  const [mediaType] = Object.keys(content)
  if (mediaType === undefined) return { status, headers }

  const media = content[mediaType] as Json
  const example = mediaExample(spec, media)
  return { status, body: example !== undefined ? example : synthesize(spec as SpecDocument, media.schema), contentType: mediaType, headers }
}

/** A handlers object whose every method returns its operation's canned response. */
export function mockHandlers(operations: readonly { handler: string; info: OperationInfo }[]): object {
  const handlers: Record<string, () => MockResponse> = {}
  for (const operation of operations) {
    const response = cannedResponse(operation.info)
    Object.defineProperty(handlers, operation.handler, { value: () => response, enumerable: true })
  }
  return handlers
}
