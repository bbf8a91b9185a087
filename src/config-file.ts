import { existsSync } from 'node:fs'

import { ConfigError, loadConfig, type ContractsConfig } from '../templates/runtime/config.js'
import { ContractsError } from './errors.js'

export const DEFAULT_CONFIG_FILE = 'config/contracts.yaml'

/**
 * The config as generation sees it: the file alone, without environment overrides, so the
 * output does not depend on the shell it runs in.
 */
export function readGenerateConfig(file: string | undefined): ContractsConfig {
  const chosen = file ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined)
  try {
    return loadConfig(chosen, {})
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ContractsError('CONTRACTS_CONFIG_INVALID', error.message, { location: { file: chosen ?? DEFAULT_CONFIG_FILE } })
    }
    throw error
  }
}
