// Test runner settings. Four projects, told apart by what a test file reads (see TESTING.md):
// - unit: pure and quick: no process, service, browser or gold set, no whole corpus (`npm run test:unit`);
// - corpus: pure code that builds the seeds graph (test/utils/graph.ts) or extracts megabytes (`// tier: corpus`);
// - integration: spawns kg, talks to Redis, drives Chromium or reads the gold sets (global setup prepares them);
// - neo4j: needs Neo4j (global setup starts one of its own unless NEO4J_URI is set).
// Integration tests spawn processes and talk to services, so every test gets time.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const ROOT = path.dirname(new URL(import.meta.url).pathname);

function testFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

const NEEDS_NEO4J = /utils\/neo4j\.js/;
const BUILDS_CORPUS = /utils\/graph\.js|^\/\/ tier: corpus$/m;
const NEEDS_SERVICES =
  /utils\/(redis|cli)\.js|chromium|launchBrowser|KG_EVAL_DATA|evalData|eval-data|acl-anthology|node:child_process|\.\.\/\.\.\/dist\//i;
const files = testFiles('test').sort();
const source = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const neo4j = files.filter((f) => NEEDS_NEO4J.test(source(f)));
const integration = files.filter((f) => !neo4j.includes(f) && NEEDS_SERVICES.test(source(f)));
const corpus = files.filter((f) => !neo4j.includes(f) && !integration.includes(f) && BUILDS_CORPUS.test(source(f)));
const unit = files.filter((f) => !neo4j.includes(f) && !integration.includes(f) && !corpus.includes(f));

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: unit } },
      { extends: true, test: { name: 'corpus', include: corpus } },
      { extends: true, test: { name: 'integration', include: integration, globalSetup: ['test/setup/services.ts'] } },
      {
        extends: true,
        test: { name: 'neo4j', include: neo4j, globalSetup: ['test/setup/services.ts', 'test/setup/neo4j.ts'] },
      },
    ],
  },
});
