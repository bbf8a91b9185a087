/** Renders a validation report as text for people, one JSON document, or GitHub Actions annotations. */

import path from 'node:path'

import { formatDiagnostic, type Diagnostic } from '../diagnostics.js'
import type { FileReport, ValidationReport } from './index.js'

export const outputFormats = ['text', 'json', 'github'] as const
export type OutputFormat = (typeof outputFormats)[number]

/** Returns the lines to print on stdout, in order. */
export function formatReport(report: ValidationReport, format: OutputFormat): string[] {
  if (format === 'json') return [JSON.stringify(toJson(report), null, 2)]

  const describe = format === 'github' ? githubAnnotation : formatDiagnostic
  const lines: string[] = []
  for (const file of report.files) {
    for (const diagnostic of report.diagnostics.filter((item) => item.location.file === file.file)) lines.push(describe(diagnostic))
    lines.push(fileStatus(file))
  }
  lines.push(summary(report))
  return lines
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** `✓ agents_ask.openapi.yaml - Valid (21.3 KB, 7 root keys)` or `✗ … - Invalid: 2 errors, 1 warning`. */
export function fileStatus(file: FileReport): string {
  const name = path.basename(file.file)
  const facts = [
    ...(file.bytes === undefined ? [] : [`${(file.bytes / 1024).toFixed(1)} KB`]),
    ...(file.rootKeys === undefined ? [] : [plural(file.rootKeys, 'root key')]),
  ]
  const details = facts.length === 0 ? '' : ` (${facts.join(', ')})`
  if (file.errors > 0) {
    const warnings = file.warnings === 0 ? '' : `, ${plural(file.warnings, 'warning')}`
    return `✗ ${name} - Invalid: ${plural(file.errors, 'error')}${warnings}${details}`
  }
  const warnings = file.warnings === 0 ? '' : ` with ${plural(file.warnings, 'warning')}`
  return `✓ ${name} - Valid${warnings}${details}`
}

function summary(report: ValidationReport): string {
  const invalid = report.files.filter((file) => file.errors > 0).length
  return `${plural(report.files.length, 'file')} checked: ${report.files.length - invalid} valid, ${invalid} invalid (${plural(report.errorCount, 'error')}, ${plural(report.warningCount, 'warning')})`
}

function toJson(report: ValidationReport): Record<string, unknown> {
  return {
    valid: report.errorCount === 0,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    files: report.files.map((file) => ({ ...file, valid: file.errors === 0 })),
    diagnostics: report.diagnostics.map((item) => ({
      file: item.location.file,
      line: item.location.line,
      column: item.location.column,
      pointer: item.location.pointer,
      severity: item.severity,
      rule: item.rule,
      message: item.message,
    })),
  }
}

/**
 * Formats a workflow command that GitHub Actions turns into an annotation on the file and line.
 * Data and property values are escaped as the runner expects, so a message cannot end the command.
 */
export function githubAnnotation(diagnostic: Diagnostic): string {
  const { file, line, column } = diagnostic.location
  const properties = [`file=${escapeProperty(file)}`]
  if (line !== undefined) properties.push(`line=${line}`)
  if (column !== undefined) properties.push(`col=${column}`)
  return `::${diagnostic.severity} ${properties.join(',')}::${escapeData(`${diagnostic.message}  (${diagnostic.rule})`)}`
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}
