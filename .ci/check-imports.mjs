// Layering check run by `npm run check`: no file imports from a folder above it. A folder's own files compose its
// subfolders, so a file in pipeline/extract/tagger may import from its folder, from below it, or from another
// branch (../relations/x.js, ../../../graph/x.js), never from pipeline/extract/*.ts or pipeline/*.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const AREAS = ['pipeline', 'workers', 'graph', 'run', 'viz', 'cli', 'bench', 'test'];
const SKIP = new Set(['node_modules', 'dist', 'fixtures']);
const IMPORT =
  /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const problems = [];
for (const area of AREAS) {
  for (const file of files(path.join(ROOT, area))) {
    const dir = path.dirname(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      const targetDir = path.dirname(path.resolve(dir, spec));
      if (targetDir !== dir && dir.startsWith(targetDir + path.sep)) {
        const line = source.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
        problems.push(`${path.relative(ROOT, file)}:${line}: imports ${spec} from a folder above it`);
      }
    }
  }
}
for (const p of problems) console.error(p);
if (problems.length > 0) {
  console.error(`check-imports: ${problems.length} import(s) from a folder above the importing file`);
  process.exit(1);
}
console.log('check-imports: no file imports from a folder above it');
