/**
 * Response validators, loaded after start-up. On large specs they are most of the validator
 * code, and only responses need them, so the server listens before they are parsed.
 */

import type { CompiledValidator } from './types.js'

type ValidatorExports = Record<string, CompiledValidator>

/** One generated module of response validators, imported on the first `load()`. */
export class LazyValidatorModule {
  private exports: ValidatorExports | undefined
  private loading: Promise<void> | undefined

  constructor(private readonly importModule: () => Promise<unknown>) {}

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
  validator(name: string): CompiledValidator {
    const validate = ((data: unknown): boolean => {
      const target = this.exports?.[name]
      if (target === undefined) throw new Error(`Response validator ${name} called before its module was loaded`)
      const valid = target(data)
      validate.errors = target.errors
      return valid
    }) as CompiledValidator
    return validate
  }
}

/** Loads every module; resolves when all are loaded. */
export function loadAll(modules: readonly LazyValidatorModule[]): Promise<void> {
  return Promise.all(modules.map((module) => module.load())).then(() => undefined)
}
