/**
 * Who a request comes from, for rate-limit buckets and idempotency scopes: a hash of the
 * credential it carries, else its IP address. Forwarding headers count only when the peer is
 * a configured trusted proxy, and IPv6 clients are grouped by prefix, because one host
 * usually holds a whole /64 or more and could otherwise rotate addresses.
 */

import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { BlockList, isIP } from 'node:net'

export interface IdentityOptions {
  /** CIDR blocks or single addresses of reverse proxies whose forwarding headers are believed. */
  trustedProxies: readonly string[]
  ipv6PrefixLength: number
  /** Lower-case names of headers that carry API keys, from the spec's security schemes. */
  apiKeyHeaders: readonly string[]
}

export interface ClientIdentity {
  /** Stable, opaque id: `k:<hash>` for credentials, `ip:<address or prefix>` otherwise. */
  id: string
  /** The address the request came from after trusted proxies, for logs. */
  address: string
}

export class IdentityResolver {
  private readonly trusted = new BlockList()
  private readonly hasTrusted: boolean

  constructor(private readonly options: IdentityOptions) {
    for (const entry of options.trustedProxies) addToBlockList(this.trusted, entry)
    this.hasTrusted = options.trustedProxies.length > 0
  }

  resolve(request: IncomingMessage): ClientIdentity {
    const address = this.clientAddress(request)
    const credential = this.credential(request)
    if (credential !== undefined) return { id: `k:${hashCredential(credential)}`, address }
    return { id: `ip:${groupAddress(address, this.options.ipv6PrefixLength)}`, address }
  }

  /** True when the direct peer is a trusted proxy. */
  isTrustedPeer(request: IncomingMessage): boolean {
    const peer = normalizeAddress(request.socket.remoteAddress ?? '')
    return this.hasTrusted && this.isTrusted(peer)
  }

  private credential(request: IncomingMessage): string | undefined {
    const authorization = request.headers.authorization
    if (typeof authorization === 'string' && authorization.trim() !== '') return authorization.trim()
    for (const name of this.options.apiKeyHeaders) {
      const value = request.headers[name]
      if (typeof value === 'string' && value !== '') return `${name}:${value}`
    }
    return undefined
  }

  /**
   * The right-most address that is not a trusted proxy. Walking from the right stops a client
   * from choosing its identity by sending its own X-Forwarded-For.
   */
  clientAddress(request: IncomingMessage): string {
    const peer = normalizeAddress(request.socket.remoteAddress ?? '')
    if (!this.hasTrusted || !this.isTrusted(peer)) return peer

    const chain = forwardedChain(request)
    for (let index = chain.length - 1; index >= 0; index -= 1) {
      const hop = chain[index] as string
      if (isIP(hop) === 0) return peer
      if (!this.isTrusted(hop)) return hop
    }
    return chain[0] ?? peer
  }

  private isTrusted(address: string): boolean {
    const family = isIP(address)
    if (family === 0) return false
    return this.trusted.check(address, family === 4 ? 'ipv4' : 'ipv6')
  }
}

function addToBlockList(list: BlockList, entry: string): void {
  const [address = '', prefixText] = entry.split('/')
  const family = isIP(address)
  if (family === 0) throw new Error(`Invalid trusted proxy ${JSON.stringify(entry)}: use an IP address or CIDR block such as 10.0.0.0/8`)
  const type = family === 4 ? 'ipv4' : 'ipv6'
  if (prefixText === undefined) {
    list.addAddress(address, type)
    return
  }
  const prefix = Number(prefixText)
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
    throw new Error(`Invalid prefix length in trusted proxy ${JSON.stringify(entry)}`)
  }
  list.addSubnet(address, prefix, type)
}

/** Addresses from `Forwarded: for=` (RFC 7239) or else `X-Forwarded-For`, in hop order. */
function forwardedChain(request: IncomingMessage): string[] {
  const forwarded = request.headers.forwarded
  if (typeof forwarded === 'string' && forwarded !== '') {
    const hops: string[] = []
    for (const element of forwarded.split(',')) {
      const match = /(?:^|;)\s*for=("?)\[?([^\]";]+)\]?(?::\d+)?\1/i.exec(element.trim())
      hops.push(match ? normalizeAddress(match[2] as string) : '')
    }
    return hops
  }
  const header = request.headers['x-forwarded-for']
  const text = Array.isArray(header) ? header.join(',') : header ?? ''
  return text.split(',').map((hop) => normalizeAddress(hop.trim())).filter((hop) => hop !== '')
}

/** `::ffff:1.2.3.4` is the IPv4 client 1.2.3.4. */
function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
}

/** IPv4 addresses stay whole; IPv6 addresses become their first `prefixLength` bits. */
export function groupAddress(address: string, prefixLength: number): string {
  if (isIP(address) !== 6) return address
  const bits = ipv6ToBigInt(address)
  if (bits === undefined) return address
  const mask = prefixLength >= 128 ? (1n << 128n) - 1n : ((1n << BigInt(prefixLength)) - 1n) << BigInt(128 - prefixLength)
  return `${(bits & mask).toString(16)}/${prefixLength}`
}

function ipv6ToBigInt(address: string): bigint | undefined {
  const withoutZone = address.split('%')[0] as string
  const [head = '', tail] = withoutZone.split('::')
  const parse = (part: string) => (part === '' ? [] : part.split(':'))
  const headGroups = parse(head)
  const tailGroups = tail === undefined ? [] : parse(tail)

  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const last = tailGroups.length > 0 ? tailGroups : headGroups
  const lastGroup = last[last.length - 1]
  if (lastGroup !== undefined && lastGroup.includes('.')) {
    const octets = lastGroup.split('.').map(Number)
    last.splice(last.length - 1, 1, (((octets[0] ?? 0) << 8) | (octets[1] ?? 0)).toString(16), (((octets[2] ?? 0) << 8) | (octets[3] ?? 0)).toString(16))
  }

  const missing = 8 - headGroups.length - tailGroups.length
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups]
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16) || 0), 0n)
}

export function hashCredential(credential: string): string {
  return createHash('sha256').update(credential).digest('hex').slice(0, 32)
}
