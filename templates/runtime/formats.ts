/**
 * The format checks the generated validators call. Validators import this module rather than
 * ajv-formats itself, so the one place that decides format semantics at run time is here.
 */
export { fullFormats as formats } from 'ajv-formats/dist/formats.js'
