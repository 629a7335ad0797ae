// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script, shared with `npm run gen:api`
import { documentPath } from '../../../scripts/gen-api.mjs';
import { can, capabilities, pagesFor } from './access';

const me = (...granted: string[]) => ({ capabilities: granted });

describe('access', () => {
  it('names only capabilities the API answers in GET /me (its policy names, as its OpenAPI document lists them)', async () => {
    const document = JSON.parse(await readFile(documentPath, 'utf8'));
    const description: string = document.paths['/api/v1/me'].get.description;
    for (const capability of capabilities) expect(description, capability).toContain(`\`${capability}\``);
  });

  it('shows the pages whose capability GET /me gives, and no other', () => {
    expect(pagesFor(me('read:dashboards', 'read:management')).map((p) => p.id)).toEqual(['overview', 'departments', 'waves', 'useCases', 'budget']);
    expect(pagesFor(me('read:dashboards', 'read:training-needs', 'write:imports')).map((p) => p.id)).toEqual([
      'overview',
      'departments',
      'waves',
      'useCases',
      'hr',
    ]);
    expect(pagesFor(me()).map((p) => p.id)).toEqual([]);
  });

  it('shows a form only with the capability its endpoint needs', () => {
    expect(can.recordGateReview(me('write:gate-reviews'))).toBe(true);
    expect(can.recordGateReview(me('read:dashboards', 'read:management'))).toBe(false);
    expect(can.logUsage(me('write:usage'))).toBe(true);
  });
});
