/**
 * Validator modules loaded after start-up: parameters and responses. On large specs they are
 * most of the validator code, so the server listens before they are parsed, and only a request
 * that needs one of them before it is loaded waits.
 */

import type { CompiledValidator } from './types.js'

type ValidatorExports = Record<string, CompiledValidator>

/** A validator from a lazy module, which it names so that callers can wait for that module. */
export interface LazyValidator extends CompiledValidator {
  module: LazyValidatorModule
}

/** One generated validator module, imported on the first `load()`. */
export class LazyValidatorModule {
  private exports: ValidatorExports | undefined
  private loading: Promise<void> | undefined

  constructor(private readonly importModule: () => Promise<unknown>) {}

  get loaded(): boolean {
    return this.exports !== undefined
  }

  load(): Promise<void> {
    this.loading ??= this.importModule().then((module) => {
      this.exports = module as ValidatorExports
    })
    return this.loading
  }

  /**
   * Returns a validator that calls the export `name` once the module is loaded. Calling it
   * earlier is a bug in the caller, which must await `load()` first.
   */
  validator(name: string): LazyValidator {
    const validate = ((data: unknown): boolean => {
      const target = this.exports?.[name]
      if (target === undefined) throw new Error(`Validator ${name} called before its module was loaded`)
      const valid = target(data)
      validate.errors = target.errors
      return valid
    }) as LazyValidator
    validate.module = this
    return validate
  }
}

/** Loads every module; resolves when all are loaded. */
export function loadAll(modules: readonly LazyValidatorModule[]): Promise<void> {
  return Promise.all(modules.map((module) => module.load())).then(() => undefined)
}
