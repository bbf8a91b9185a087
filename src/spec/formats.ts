import { fullFormats } from 'ajv-formats/dist/formats.js'

/**
 * Formats the generated validators check: ajv-formats in full mode, which also covers the
 * OpenAPI formats int32, int64, float, double, byte, binary and password.
 */
export const knownFormats: ReadonlySet<string> = new Set(Object.keys(fullFormats))
