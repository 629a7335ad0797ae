// Types of the API from its OpenAPI document: src/lib/api/openapi.json (a committed copy of
// the API's /openapi/v1.json) → src/lib/api/schema.d.ts. `npm run gen:api` writes it;
// src/lib/api/schema.test.ts fails when the two have drifted apart.
//   npm run gen:api                          regenerate from the committed copy
//   npm run gen:api -- --from http://127.0.0.1:5181/openapi/v1.json   refresh the copy first
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const documentPath = path.join(root, 'src/lib/api/openapi.json');
export const schemaPath = path.join(root, 'src/lib/api/schema.d.ts');

export async function generate(documentText) {
  const ast = await openapiTS(JSON.parse(documentText), { silent: true });
  return COMMENT_HEADER + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const from = process.argv.indexOf('--from');
  if (from > 0) {
    const res = await fetch(process.argv[from + 1]);
    if (!res.ok) throw new Error(`${process.argv[from + 1]} answered ${res.status}`);
    await writeFile(documentPath, JSON.stringify(await res.json(), null, 2) + '\n');
  }
  await writeFile(schemaPath, await generate(await readFile(documentPath, 'utf8')));
  console.log(`wrote ${path.relative(root, schemaPath)}`);
}
