/**
 * Compiles validator modules off the main thread. Large specs spend most of their generation
 * time in Ajv, so their body and parameter modules are compiled in workers while the main
 * thread writes the TypeScript types. The output is the same as compiling in process.
 */

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

import { CompileFailure, runCompileJob, type CompileJob, type CompiledModule } from './validators.js'

type WorkerReply = { ok: true; module: CompiledModule } | { ok: false; requestIndex?: number; message: string }

/** Runs `job` in a worker thread; rejects with a CompileFailure for a bad schema. */
export function compileInWorker(job: CompileJob): Promise<CompiledModule> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job })
    worker.once('message', (reply: WorkerReply) => {
      if (reply.ok) resolve(reply.module)
      else reject(reply.requestIndex === undefined ? new Error(reply.message) : new CompileFailure(reply.requestIndex, reply.message))
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The validator compiler worker exited with code ${code}`))
    })
  })
}

/** True when this module runs as compiled JavaScript, which a worker thread can load. */
export function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js')
}

if (!isMainThread && parentPort) {
  let reply: WorkerReply
  try {
    reply = { ok: true, module: runCompileJob(workerData as CompileJob) }
  } catch (error) {
    reply = error instanceof CompileFailure ? { ok: false, requestIndex: error.requestIndex, message: error.message } : { ok: false, message: String((error as Error)?.stack ?? error) }
  }
  parentPort.postMessage(reply)
}
