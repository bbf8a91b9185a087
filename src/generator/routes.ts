/**
 * Compiles the paths of all operations into the route tree the runtime router walks. The tree
 * is data, not code: spec path segments only ever appear in it as escaped string literals.
 */

import { ContractsError } from '../errors.js'
import type { OperationInfo } from '../spec/operations.js'

interface MutableNode {
  static: Map<string, MutableNode>
  params: Map<string, { pattern?: string; node: MutableNode }>
  methods: Map<string, number>
}

export interface RouteNodeData {
  static?: [string, RouteNodeData][]
  params?: { pattern?: string; node: RouteNodeData }[]
  methods?: [string, number][]
}

function createNode(): MutableNode {
  return { static: new Map(), params: new Map(), methods: new Map() }
}

const VARIABLE = /\{([^{}]+)\}/g

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** A segment such as `{name}.{ext}` becomes `^(.+?)\.(.+?)$`; literal text is escaped. */
function segmentPattern(segment: string): { pattern?: string; key: string } | undefined {
  const names = pathVariables(segment)
  if (names.length === 0) return undefined
  if (names.length === 1 && segment === `{${names[0]}}`) return { key: '{}' }

  const literalParts = segment.split(VARIABLE).filter((_, index) => index % 2 === 0)
  const pattern = '^' + literalParts.map(escapeRegExp).join('([^/]+?)') + '$'
  return { pattern, key: pattern }
}

/** The variable names of a path or segment, in order. */
export function pathVariables(path: string): string[] {
  return [...path.matchAll(VARIABLE)].map((match) => match[1] as string)
}

/** Route key used to detect two operations on the same path shape: `/users/{id}` and `/users/{userId}` collide. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(VARIABLE, '{}')}`
}

export function buildRouteTree(operations: readonly OperationInfo[]): RouteNodeData {
  const root = createNode()

  operations.forEach((operation, index) => {
    if (!operation.path.startsWith('/')) {
      throw new ContractsError('CONTRACTS_SPEC_INVALID', `Path ${JSON.stringify(operation.path)} must start with "/"`, {
        location: operation.spec.locate(operation.pointer),
      })
    }
    let node = root
    for (const segment of operation.path.slice(1).split('/')) {
      const variable = segmentPattern(segment)
      if (!variable) {
        node = node.static.get(segment) ?? setChild(node.static, segment, createNode())
        continue
      }
      let param = node.params.get(variable.key)
      if (!param) {
        param = { pattern: variable.pattern, node: createNode() }
        node.params.set(variable.key, param)
      }
      node = param.node
    }
    node.methods.set(operation.method.toUpperCase(), index)
  })

  return freeze(root)
}

function setChild(map: Map<string, MutableNode>, key: string, node: MutableNode): MutableNode {
  map.set(key, node)
  return node
}

/** Deterministic data: static children sorted; patterned segments before whole-segment variables. */
function freeze(node: MutableNode): RouteNodeData {
  const data: RouteNodeData = {}
  if (node.static.size > 0) {
    data.static = [...node.static.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([segment, child]) => [segment, freeze(child)])
  }
  if (node.params.size > 0) {
    const params = [...node.params.values()].sort((a, b) => {
      if ((a.pattern === undefined) !== (b.pattern === undefined)) return a.pattern === undefined ? 1 : -1
      return (b.pattern?.length ?? 0) - (a.pattern?.length ?? 0) || ((a.pattern ?? '') < (b.pattern ?? '') ? -1 : 1)
    })
    data.params = params.map((param) => ({
      ...(param.pattern === undefined ? {} : { pattern: param.pattern }),
      node: freeze(param.node),
    }))
  }
  if (node.methods.size > 0) data.methods = [...node.methods.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
  return data
}
