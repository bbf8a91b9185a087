/** Reports an unknown command as CONTRACTS_USAGE, naming the closest command there is. */

import type { Hook } from '@oclif/core'

import { ContractsError, describeError } from '../errors.js'

const hook: Hook.CommandNotFound = async function (options) {
  const names = options.config.commands.filter((command) => !command.hidden).map((command) => command.id)
  const closest = names
    .map((name) => ({ name, distance: editDistance(options.id, name) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))[0]
  const suggestions = closest && closest.distance <= 3 ? [`Did you mean \`contracts ${closest.name}\`?`] : []
  suggestions.push(`Run \`contracts --help\` for the commands: ${names.sort().join(', ')}.`)
  const error = new ContractsError('CONTRACTS_USAGE', `Unknown command ${JSON.stringify(options.id)}`, { suggestions })
  process.stderr.write(`${describeError(error)}\n`)
  this.exit(error.exit)
}

/** Returns the Levenshtein distance of two names, for "did you mean". */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length] as number
}

export default hook
