// `kg services up` resolves Neo4j with Maven. Maven 3.8 writes colour resets ("\x1b[0m") even when quiet and in batch
// mode, so its output is kept and shown only when it fails, the colour codes removed and the failure named.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mavenOutputTail, neo4jUp } from '../../cli/util/services.js';
import { tempDir } from '../utils/cli.js';

const tmp = tempDir('services-maven');
afterAll(() => tmp.cleanup());

describe('Maven output of kg services up', () => {
  it('keeps the last lines, without colour codes or blank lines', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `\x1b[1;31m[ERROR]\x1b[m line ${i}\x1b[0m`);
    const tail = mavenOutputTail(`\x1b[0m\x1b[0m\n${lines.join('\n')}\n\n`, 3);
    expect(tail).toBe('[ERROR] line 27\n[ERROR] line 28\n[ERROR] line 29');
    expect(mavenOutputTail('\x1b[0m\x1b[0m\x1b[0m\n')).toBe('');
  });

  it('a failing mvn is named, its output shown plain, and no classpath is left behind', async () => {
    // A stand-in mvn on PATH: the real one would resolve from Maven Central.
    const bin = path.join(tmp.dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const fake = path.join(bin, 'mvn');
    writeFileSync(
      fake,
      '#!/bin/sh\nprintf "\\033[0m\\033[0m\\033[1;31m[ERROR]\\033[m Could not resolve org.neo4j:neo4j:5.26\\n" >&2\nexit 1\n',
    );
    chmodSync(fake, 0o755);
    const base = path.join(tmp.dir, 'neo4j');
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    try {
      await expect(neo4jUp({ port: 1, base })).rejects.toThrow(/mvn could not resolve Neo4j \(exit 1\)/);
    } finally {
      process.env.PATH = savedPath;
      spy.mockRestore();
    }
    const stderr = written.join('');
    expect(stderr).toContain('[ERROR] Could not resolve org.neo4j:neo4j:5.26');
    expect(stderr).not.toContain('\x1b');
    expect(existsSync(path.join(base, 'classpath.txt'))).toBe(false);
  });
});
