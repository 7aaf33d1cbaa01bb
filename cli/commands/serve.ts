/** `kg serve`: serves the explorer (the built Sigma.js app) and its JSON API over a snapshot folder. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_SERVE_OPTIONS } from '../../run/defaults.js';
import { startVizServer } from '../../viz/index.js';
import { note, parseInteger } from '../util/options.js';

interface ServeOptions {
  graph: string;
  port: number;
  host: string;
  limit: number;
}

/** A host name or IP address: letters, digits, dots, hyphens and colons (IPv6). */
function parseHost(value: string): string {
  if (!/^[A-Za-z0-9.\-:]{1,253}$/.test(value))
    throw new InvalidArgumentError(`--host must be a host name or IP address, got "${value}"`);
  return value;
}

/** Adds `kg serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the graph explorer (Sigma.js) and its JSON API over a snapshot made by `kg run`.')
    .option(
      '-g, --graph <dir>',
      'snapshot folder (graph.json, papers.jsonl, manifest.json)',
      DEFAULT_SERVE_OPTIONS.graph,
    )
    .option(
      '-p, --port <n>',
      'port to listen on (0: any free port)',
      parseInteger('--port', 0, 65535),
      DEFAULT_SERVE_OPTIONS.port,
    )
    .option('--host <host>', 'address to bind (0.0.0.0 to share on the network)', parseHost, DEFAULT_SERVE_OPTIONS.host)
    .option(
      '--limit <n>',
      'entities shown first, most papers first (the page has a control to show more)',
      parseInteger('--limit', 1, 10_000_000),
      DEFAULT_SERVE_OPTIONS.limit,
    )
    .addHelpText(
      'after',
      `\nAPI: /api/meta, /api/graph?limit=N&papers=0|1, /api/paper?id=ID, /api/entity?key=entity:KEY, /api/search?q=TEXT&limit=N, /api/trace?key=entity:KEY\n\nExamples:\n  kg serve                          # ${DEFAULT_SERVE_OPTIONS.graph}/ on http://${DEFAULT_SERVE_OPTIONS.host}:${DEFAULT_SERVE_OPTIONS.port}/\n  kg serve --graph acl --port 9000  # another snapshot, another port`,
    )
    .action(async (options: ServeOptions) => {
      const server = await startVizServer({
        dir: options.graph,
        port: options.port,
        host: options.host,
        limit: options.limit,
      });
      const meta = server.index.meta();
      note(
        `serve: ${options.graph}: ${meta.counts.papers} papers, ${meta.counts.entities} entities, ${meta.counts.communities} communities`,
      );
      if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1')
        note('serve: listening beyond this machine; anyone who can reach it can read the snapshot');
      process.stdout.write(`${server.url}\n`);
      note('serve: Ctrl-C to stop');
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
