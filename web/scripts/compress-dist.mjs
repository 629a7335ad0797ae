// After `vite build`: a Brotli (.br) and a gzip (.gz) copy beside each script, style sheet and
// other text file of dist/, for the API to send to browsers that accept them
// (api/RolloutHub.Api/Infrastructure/DashboardHosting.cs). Node's own zlib: no dependency.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'dist');
const text = /\.(js|mjs|css|html|svg|json|txt|map)$/;

let before = 0;
let after = 0;
for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !text.test(entry.name)) continue;
  const file = path.join(entry.parentPath ?? entry.path, entry.name);
  const content = await readFile(file);
  // Below a kilobyte the headers cost more than compression saves.
  if (content.length < 1024) continue;
  const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
  await writeFile(`${file}.br`, br);
  await writeFile(`${file}.gz`, gzipSync(content, { level: 9 }));
  before += content.length;
  after += br.length;
}
console.log(`compress-dist: ${(before / 1024).toFixed(0)} KB of text files, ${(after / 1024).toFixed(0)} KB with Brotli`);
