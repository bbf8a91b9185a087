/**
 * Published example specs: each must generate, and the output must pass `tsc --noEmit` under
 * strict. The six OpenAPI 3.0 examples of the OpenAPI Initiative come from
 * `$CONTRACTS_SHARED_DIR/specs/oai-examples-3.0`, and they are skipped without it. The 3.1
 * examples ship in the devDependencies @readme/oas-examples and @scalar/galaxy. At most two
 * tsc processes run at once, because the test machines have two cores.
 */

import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { oaiExamplesDir, repoRoot } from '../helpers/paths.js'
import { generateProject, removeTempProjects, runTsc, type GeneratedProject, type TscResult } from '../helpers/project.js'

const TSC_CONCURRENCY = 2
// Queued specs wait for a free tsc slot, so a test's time includes the wait.
const SPEC_TIMEOUT_MS = 600_000

const OAI_EXAMPLES = ['petstore.yaml', 'petstore-expanded.yaml', 'uspto.yaml', 'api-with-examples.yaml', 'callback-example.yaml', 'link-example.yaml']
const oaiDir = oaiExamplesDir()
const oaiAvailable = oaiDir !== undefined && existsSync(oaiDir)

const readmeDir = path.join(repoRoot, 'node_modules', '@readme', 'oas-examples', '3.1', 'json')
const readmeExamples = readdirSync(readmeDir).filter((name) => name.endsWith('.json')).sort()
const galaxySpec = path.join(repoRoot, 'node_modules', '@scalar', 'galaxy', 'dist', 'latest.yaml')

/** Runs at most `size` tasks at a time, in call order. */
function createLimiter(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async (task) => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve))
    running += 1
    try {
      return await task()
    } finally {
      running -= 1
      waiting.shift()?.()
    }
  }
}

const limitTsc = createLimiter(TSC_CONCURRENCY)

interface SpecRun {
  generated: Promise<GeneratedProject>
  tsc: Promise<TscResult>
}

const runs = new Map<string, SpecRun>()

/** Generation and type check of one spec, started once and shared by its tests. */
function specRun(file: string): SpecRun {
  let run = runs.get(file)
  if (!run) {
    const generated = generateProject({ specs: [file] })
    const tsc = generated.then((project) => limitTsc(() => runTsc(project.dir, ['--noEmit'])))
    // The generate test reports a failure; this keeps the tsc promise from an unhandled rejection.
    tsc.catch(() => undefined)
    run = { generated, tsc }
    runs.set(file, run)
  }
  return run
}

/**
 * Specs whose generated code tsc does not accept yet. `it.fails` keeps each visible: the test
 * turns red as soon as the spec type-checks, so the entry can go.
 */
const KNOWN_TSC_FAILURES = new Set<string>([])

function defineSpecTests(file: string): void {
  it('generates', async () => {
    const project = await specRun(file).generated
    expect(project.result.files.length).toBeGreaterThan(0)
  }, SPEC_TIMEOUT_MS)

  const tscTest = KNOWN_TSC_FAILURES.has(path.basename(file)) ? it.fails : it
  tscTest('passes tsc --noEmit under strict', async () => {
    const tsc = await specRun(file).tsc
    expect(tsc.output).toBe('')
    expect(tsc.exitCode).toBe(0)
  }, SPEC_TIMEOUT_MS)
}

afterAll(removeTempProjects)

describe.skipIf(!oaiAvailable).concurrent('OpenAPI 3.0 examples in CONTRACTS_SHARED_DIR (skipped when CONTRACTS_SHARED_DIR is unset or lacks specs/oai-examples-3.0)', () => {
  describe.each(OAI_EXAMPLES)('%s', (name) => {
    defineSpecTests(path.join(oaiDir ?? '', name))
  })
})

describe.concurrent('OpenAPI 3.1 examples of @readme/oas-examples', () => {
  it('include several specs', () => {
    expect(readmeExamples.length).toBeGreaterThan(5)
  })

  describe.each(readmeExamples)('%s', (name) => {
    defineSpecTests(path.join(readmeDir, name))
  })
})

describe.concurrent('OpenAPI 3.1 example of @scalar/galaxy', () => {
  describe('latest.yaml', () => {
    defineSpecTests(galaxySpec)
  })
})
