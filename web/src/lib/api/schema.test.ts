// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script, shared with `npm run gen:api`
import { documentPath, generate, schemaPath } from '../../../scripts/gen-api.mjs';

describe('API types', () => {
  it('schema.d.ts is what openapi-typescript generates from the committed openapi.json (run `npm run gen:api`)', async () => {
    const expected = await generate(await readFile(documentPath, 'utf8'));
    const actual = await readFile(schemaPath, 'utf8');
    expect(actual === expected, 'src/lib/api/schema.d.ts is stale: run `npm run gen:api`').toBe(true);
  });
});
