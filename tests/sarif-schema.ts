// The SARIF 2.1.0 schema as a validator, for the tests of the sarif format (formatters, config).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { expect } from 'vitest';

/**
 * A validator for the SARIF 2.1.0 schema as published on schemastore (sarif-2.1.0-rtm.5.json,
 * JSON Schema draft-04), read from the copy inside @microsoft/jest-sarif. `unicodeRegExp: false`:
 * one pattern in the published schema (`language`) has a stray `]` that only non-Unicode regular
 * expressions accept.
 */
export function sarifValidator() {
  const jestSarif = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/package.json');
  const schemaPath = join(jestSarif, '..', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { title: string };
  expect(schema.title).toContain('2.1.0');
  // Both packages are CommonJS with an `exports.default`, which is what an ES module import sees.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}
