/**
 * Matches request paths against the route tree the generator compiled from the spec paths.
 * Concrete segments win over templated ones (`/users/me` before `/users/{id}`); the first path
 * that matches decides, and a method it lacks is a 405, not a search for another path.
 */

import type { RouteNodeData } from './types.js'

interface RouteNode {
  static: Map<string, RouteNode>
  params: RouteParam[]
  methods: Map<string, number> | undefined
  allow: string
}

interface RouteParam {
  pattern: RegExp | undefined
  node: RouteNode
}

export type RouteMatch =
  /** `values` are the raw path variables in order; the operation's `pathVariables` names them. */
  | { kind: 'found'; operation: number; values: string[] }
  /** `operation` is one of the path's operations, which names its route template. */
  | { kind: 'method-not-allowed'; allow: string; operation: number }
  | { kind: 'not-found' }

const NOT_FOUND: RouteMatch = { kind: 'not-found' }

function build(data: RouteNodeData): RouteNode {
  const methods = data.methods ? new Map(data.methods) : undefined
  return {
    static: new Map((data.static ?? []).map(([segment, child]) => [segment, build(child)])),
    params: (data.params ?? []).map((param) => ({
      pattern: param.pattern === undefined ? undefined : new RegExp(param.pattern, 'su'),
      node: build(param.node),
    })),
    methods,
    allow: methods ? [...methods.keys()].sort().join(', ') : '',
  }
}

export class Router {
  private readonly root: RouteNode

  constructor(tree: RouteNodeData) {
    this.root = build(tree)
  }

  /** `rawPath` is the path as sent, still percent-encoded; parameter values are returned raw. */
  match(method: string, rawPath: string): RouteMatch {
    if (rawPath.charCodeAt(0) !== 47 /* "/" */) return NOT_FOUND
    const segments = rawPath.slice(1).split('/')
    const values: string[] = []
    const node = this.walk(this.root, segments, 0, values)
    if (node === undefined || node.methods === undefined) return NOT_FOUND

    const operation = node.methods.get(method)
    if (operation === undefined) return { kind: 'method-not-allowed', allow: node.allow, operation: node.methods.values().next().value as number }

    return { kind: 'found', operation, values }
  }

  private walk(node: RouteNode, segments: string[], index: number, values: string[]): RouteNode | undefined {
    if (index === segments.length) return node.methods ? node : undefined
    const raw = segments[index] as string

    const child = node.static.get(decodeSegment(raw))
    if (child) {
      const found = this.walk(child, segments, index + 1, values)
      if (found) return found
    }

    for (const param of node.params) {
      if (raw === '') continue
      let captured: string[]
      if (param.pattern) {
        const match = param.pattern.exec(raw)
        if (!match) continue
        captured = match.slice(1)
      } else {
        captured = [raw]
      }
      const mark = values.length
      values.push(...captured)
      const found = this.walk(param.node, segments, index + 1, values)
      if (found) return found
      values.length = mark
    }

    return undefined
  }
}

/** Static segments compare decoded, so `/agents/%61sk` is `/agents/ask`; malformed escapes never match. */
function decodeSegment(raw: string): string {
  if (!raw.includes('%')) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    return '\u0000invalid'
  }
}
