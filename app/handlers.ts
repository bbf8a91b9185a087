/**
 * Demo handlers of the Genesis API: deterministic answers computed from the request alone, no
 * external calls. They show how handler bodies are written against the generated types.
 */

import { createHash } from 'node:crypto'

import type {
  AskAgentRequest,
  AskAgentResponse,
  Handlers,
  OrchestrateTaskRequest,
  OrchestrateTaskResponse,
  RouteRequestRequest,
  RouteRequestResponse,
} from '../generated/index.js'

type Role = 'qa' | 'builder' | 'deploy' | 'security' | 'support'

const ROLES: readonly Role[] = ['qa', 'builder', 'deploy', 'security', 'support']

// Words that point a request at a role, for the demo router.
const ROLE_KEYWORDS: Record<Role, readonly string[]> = {
  qa: ['test', 'bug', 'regression', 'verify'],
  builder: ['build', 'implement', 'code', 'refactor'],
  deploy: ['deploy', 'release', 'rollout', 'staging'],
  security: ['security', 'vulnerability', 'auth', 'secret'],
  support: ['customer', 'ticket', 'help', 'question'],
}

/** A UUID (version 4 layout) derived from the input, so equal requests get equal ids. */
function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex')
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

export interface DemoOptions {
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date
}

export function createHandlers(options: DemoOptions = {}): Handlers {
  const now = options.now ?? (() => new Date())
  return {
    askAgent: (request) => askAgent(request, now()),
    orchestrateTask: (request) => orchestrateTask(request, now()),
    routeRequest: (request) => routeRequest(request, now()),
  }
}

function askAgent(request: AskAgentRequest, now: Date): AskAgentResponse {
  const { role, prompt, max_tokens: maxTokens = 1024, conversation_id: conversationId } = request.body
  const answer = `[${role}] ${prompt.length > 200 ? prompt.slice(0, 200) + '...' : prompt}`
  const completionTokens = Math.min(countWords(answer), maxTokens)

  return {
    status: 200,
    body: {
      id: stableUuid('ask', role, prompt),
      role,
      answer,
      created_at: now.toISOString(),
      usage: { prompt_tokens: countWords(prompt), completion_tokens: completionTokens },
      conversation_id: conversationId ?? null,
      trace_id: null,
      ...(request.query.verbose === true
        ? { diagnostics: { model: 'genesis-demo', latency_ms: 0, finish_reason: completionTokens < countWords(answer) ? 'length' : 'stop' } }
        : {}),
    },
  }
}

function orchestrateTask(request: OrchestrateTaskRequest, now: Date): OrchestrateTaskResponse {
  const { task, priority = 'normal', agents = ['builder', 'qa'], steps, deadline = null, callback_url: callbackUrl } = request.body
  const dryRun = request.query.dry_run === true
  const taskId = stableUuid('task', task, priority)
  const planned = steps ?? agents.map((role) => ({ kind: 'ask' as const, role, prompt: task }))

  const plan = planned.map((step, index) => ({
    step_id: stableUuid(taskId, String(index)),
    position: index + 1,
    kind: step.kind,
    agent: step.kind === 'ask' ? step.role : step.kind === 'review' ? step.reviewer_role : ('deploy' as const),
    summary: step.kind === 'ask' ? `Ask ${step.role}` : step.kind === 'review' ? `Review by ${step.reviewer_role}` : `Deploy to ${step.environment}`,
    status: 'pending' as const,
    depends_on: index === 0 ? [] : [index],
  }))

  return {
    status: 202,
    body: {
      task_id: taskId,
      status: dryRun ? 'planned' : 'queued',
      priority,
      dry_run: dryRun,
      plan,
      callback_url: callbackUrl ?? null,
      deadline,
      created_at: now.toISOString(),
      estimated_completion: dryRun ? null : new Date(now.getTime() + plan.length * 60_000).toISOString(),
    },
  }
}

function scoreRole(role: Role, text: string): number {
  const hits = ROLE_KEYWORDS[role].filter((keyword) => text.includes(keyword)).length
  return Math.round((0.2 + Math.min(hits, 4) * 0.2) * 100) / 100
}

function routeRequest(request: RouteRequestRequest, now: Date): RouteRequestResponse {
  const text = request.body.request.toLowerCase()
  const candidates = request.body.candidates ?? ROLES
  const ranked = candidates
    .map((agent) => ({ agent, confidence: scoreRole(agent, text) }))
    .sort((a, b) => b.confidence - a.confidence || a.agent.localeCompare(b.agent))
  const [best, ...rest] = ranked as [{ agent: Role; confidence: number }, ...{ agent: Role; confidence: number }[]]

  return {
    status: 200,
    body: {
      decision_id: stableUuid('route', text),
      agent: best.agent,
      confidence: best.confidence,
      reason: best.confidence > 0.2 ? `The request mentions ${best.agent} work` : 'No role matched; using the first candidate',
      alternatives: rest.slice(0, 4),
      routed_at: now.toISOString(),
      ...(request.query.explain === true
        ? { explanation: { strategy: best.confidence > 0.2 ? 'capability_match' : 'fallback', scores: ranked.map(({ agent, confidence }) => ({ agent, score: confidence, excluded: false })) } }
        : {}),
    },
  }
}
