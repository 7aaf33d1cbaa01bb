/** kg's own version, read from package.json (found from the source or the built file) so snapshots record which build made them. */
import { existsSync, readFileSync } from 'node:fs';

function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    const url = new URL(relative, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'kg' && pkg.version) return pkg.version;
  }
  return '0.0.0';
}

/** The version in package.json. */
export const KG_VERSION: string = readVersion();
