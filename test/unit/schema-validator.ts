/** The PageReport JSON Schema from docs/, compiled once with Ajv (draft 2020-12). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const schema: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'page-report.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
export const validateReport = ajv.compile(schema as object);

export function reportErrors(report: unknown): string[] {
  return validateReport(report) ? [] : (validateReport.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
