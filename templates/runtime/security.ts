/**
 * Presence and form checks of the security requirements an operation declares: AND within a
 * requirement, OR across requirements. Whether a credential is genuine is for the
 * `verifyCredentials` hook or the handler to decide.
 */

import type { IncomingMessage } from 'node:http'

import { parseCookies, parseQuery } from './parameters.js'
import type { OperationDefinition, SecuritySchemeDefinition } from './types.js'

/** A credential found on the request, by the scheme that declared it. */
export interface Credential {
  scheme: string
  kind: SecuritySchemeDefinition['kind']
  /** The token, the API key, or the `user:password` of basic auth. */
  value: string
}

/** Verifies the credentials of one satisfied requirement; false makes the response a 401. */
export type VerifyCredentials = (credentials: Credential[], operation: OperationDefinition) => boolean | Promise<boolean>

export type SecurityOutcome = { ok: true; credentials: Credential[] } | { ok: false; challenge: string }

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/

function authorization(request: IncomingMessage, scheme: 'bearer' | 'basic'): string | undefined {
  const header = request.headers.authorization
  if (typeof header !== 'string') return undefined
  const space = header.indexOf(' ')
  if (space === -1 || header.slice(0, space).toLowerCase() !== scheme) return undefined
  const value = header.slice(space + 1).trim()
  if (!TOKEN68.test(value)) return undefined
  if (scheme === 'bearer') return value

  const decoded = Buffer.from(value, 'base64').toString('utf8')
  return decoded.includes(':') ? decoded : undefined
}

function apiKey(request: IncomingMessage, scheme: SecuritySchemeDefinition, query: string): string | undefined {
  const name = scheme.parameter ?? ''
  if (scheme.in === 'header') {
    const value = request.headers[name.toLowerCase()]
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  if (scheme.in === 'cookie') return parseCookies(request.headers.cookie).get(name) || undefined
  const pair = parseQuery(query).find(([key]) => key === name)
  return pair && pair[1] !== '' ? decodeURIComponent(pair[1]) : undefined
}

function present(request: IncomingMessage, scheme: SecuritySchemeDefinition, query: string): Credential | undefined {
  let value: string | undefined
  try {
    value = scheme.kind === 'apiKey' ? apiKey(request, scheme, query) : authorization(request, scheme.kind)
  } catch {
    value = undefined
  }
  return value === undefined ? undefined : { scheme: scheme.name, kind: scheme.kind, value }
}

/** The `WWW-Authenticate` value naming every scheme that would have admitted the request. */
function challenge(operation: OperationDefinition): string {
  const seen = new Set<string>()
  const parts: string[] = []
  for (const scheme of operation.security.flat()) {
    if (seen.has(scheme.name)) continue
    seen.add(scheme.name)
    if (scheme.kind === 'bearer') parts.push('Bearer realm="api"')
    else if (scheme.kind === 'basic') parts.push('Basic realm="api", charset="UTF-8"')
    else parts.push(`ApiKey ${scheme.in ?? 'header'}="${(scheme.parameter ?? '').replace(/["\\]/g, '')}"`)
  }
  return parts.join(', ')
}

export async function checkSecurity(request: IncomingMessage, operation: OperationDefinition, query: string, verify?: VerifyCredentials): Promise<SecurityOutcome> {
  const requirements = operation.security
  if (requirements.length === 0) return { ok: true, credentials: [] }

  let anonymous = false
  let refused = false
  for (const requirement of requirements) {
    if (requirement.length === 0) {
      anonymous = true
      continue
    }
    const credentials = requirement.map((scheme) => present(request, scheme, query))
    if (credentials.some((credential) => credential === undefined)) continue
    if (verify && !(await verify(credentials as Credential[], operation))) {
      refused = true
      continue
    }
    return { ok: true, credentials: credentials as Credential[] }
  }

  // A credential that was sent and refused is a 401 even where anonymous calls are allowed.
  return anonymous && !refused ? { ok: true, credentials: [] } : { ok: false, challenge: challenge(operation) }
}
