/**
 * Knows where schemas live in an OpenAPI 3.0/3.1 document, so that transforms touch schema
 * objects only and never, say, a property that happens to be called `nullable`.
 */

import { toPointer } from './pointer.js'

type Json = Record<string, unknown>

export type SchemaVisitor = (schema: unknown, tokens: readonly string[]) => void

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
export type HttpMethod = (typeof METHODS)[number]
export const httpMethods: readonly HttpMethod[] = METHODS

/** Keywords whose value is a map of name to subschema. */
export const schemaMapKeywords = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const
/** Keywords whose value is an array of subschemas. */
export const schemaArrayKeywords = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const
/** Keywords whose value is one subschema (`items` may also be an array in older drafts). */
export const schemaKeywords = [
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
] as const

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : []
}

/** Calls `visit` for every top-level schema of the document (not for their subschemas). */
export function walkDocumentSchemas(root: Json, visit: SchemaVisitor): void {
  const components = isObject(root.components) ? root.components : {}

  for (const [name, schema] of entries(components.schemas)) visit(schema, ['components', 'schemas', name])
  for (const [name, parameter] of entries(components.parameters)) walkParameter(parameter, ['components', 'parameters', name], visit)
  for (const [name, header] of entries(components.headers)) walkParameter(header, ['components', 'headers', name], visit)
  for (const [name, body] of entries(components.requestBodies)) walkContent(body, ['components', 'requestBodies', name], visit)
  for (const [name, response] of entries(components.responses)) walkResponse(response, ['components', 'responses', name], visit)
  for (const [name, item] of entries(components.pathItems)) walkPathItem(item, ['components', 'pathItems', name], visit)
  for (const [name, callback] of entries(components.callbacks)) walkCallback(callback, ['components', 'callbacks', name], visit)

  for (const [pathKey, item] of entries(root.paths)) walkPathItem(item, ['paths', pathKey], visit)
  for (const [name, item] of entries(root.webhooks)) walkPathItem(item, ['webhooks', name], visit)
}

function walkPathItem(item: unknown, tokens: string[], visit: SchemaVisitor): void {
  if (!isObject(item)) return
  walkParameters(item.parameters, [...tokens, 'parameters'], visit)

  for (const method of METHODS) {
    const operation = item[method]
    if (!isObject(operation)) continue
    const base = [...tokens, method]
    walkParameters(operation.parameters, [...base, 'parameters'], visit)
    walkContent(operation.requestBody, [...base, 'requestBody'], visit)
    for (const [status, response] of entries(operation.responses)) walkResponse(response, [...base, 'responses', status], visit)
    for (const [name, callback] of entries(operation.callbacks)) walkCallback(callback, [...base, 'callbacks', name], visit)
  }
}

function walkCallback(callback: unknown, tokens: string[], visit: SchemaVisitor): void {
  for (const [expression, item] of entries(callback)) walkPathItem(item, [...tokens, expression], visit)
}

function walkParameters(parameters: unknown, tokens: string[], visit: SchemaVisitor): void {
  if (!Array.isArray(parameters)) return
  parameters.forEach((parameter, index) => walkParameter(parameter, [...tokens, String(index)], visit))
}

/** Parameters and headers share the same shape: `schema` or `content`. */
function walkParameter(parameter: unknown, tokens: string[], visit: SchemaVisitor): void {
  if (!isObject(parameter)) return
  if (parameter.schema !== undefined) visit(parameter.schema, [...tokens, 'schema'])
  walkContent(parameter, tokens, visit)
}

function walkResponse(response: unknown, tokens: string[], visit: SchemaVisitor): void {
  if (!isObject(response)) return
  for (const [name, header] of entries(response.headers)) walkParameter(header, [...tokens, 'headers', name], visit)
  walkContent(response, tokens, visit)
}

function walkContent(owner: unknown, tokens: string[], visit: SchemaVisitor): void {
  if (!isObject(owner)) return
  for (const [mediaType, media] of entries(owner.content)) {
    if (!isObject(media)) continue
    const base = [...tokens, 'content', mediaType]
    if (media.schema !== undefined) visit(media.schema, [...base, 'schema'])
    for (const [field, encoding] of entries(media.encoding)) {
      if (!isObject(encoding)) continue
      for (const [name, header] of entries(encoding.headers)) walkParameter(header, [...base, 'encoding', field, 'headers', name], visit)
    }
  }
}

/** Calls `visit` for `schema` and every subschema below it, depth first, with pointer tokens. */
export function walkSubschemas(schema: unknown, tokens: readonly string[], visit: SchemaVisitor): void {
  visit(schema, tokens)
  if (!isObject(schema)) return

  for (const keyword of schemaMapKeywords) {
    for (const [name, sub] of entries(schema[keyword])) walkSubschemas(sub, [...tokens, keyword, name], visit)
  }
  for (const keyword of schemaArrayKeywords) {
    const list = schema[keyword]
    if (Array.isArray(list)) list.forEach((sub, index) => walkSubschemas(sub, [...tokens, keyword, String(index)], visit))
  }
  for (const keyword of schemaKeywords) {
    const sub = schema[keyword]
    if (Array.isArray(sub)) sub.forEach((item, index) => walkSubschemas(item, [...tokens, keyword, String(index)], visit))
    else if (sub !== undefined) walkSubschemas(sub, [...tokens, keyword], visit)
  }
}

export function pointerOf(tokens: readonly string[]): string {
  return toPointer(tokens)
}
