/** `kg services up|down|status`: a real local Neo4j (from Maven Central artifacts) and Redis for development and CI. */
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_REDIS_URL, probeRedis } from '../../workers/index.js';
import { parseInteger } from '../util/options.js';
import { DEFAULT_SERVICES_OPTIONS } from '../../run/defaults.js';
import { boltAnswers, neo4jDown, neo4jPaths, neo4jUp, redisUp } from '../util/services.js';

/** `--heap`: a size java's -Xmx accepts, from 256m to 64g. */
function parseHeap(value: string): string {
  const m = /^(\d+)([mg])$/i.exec(value);
  const mb = m ? Number(m[1]) * (m[2]!.toLowerCase() === 'g' ? 1024 : 1) : NaN;
  if (!(mb >= 256 && mb <= 65536))
    throw new InvalidArgumentError(`--heap must be a size like 512m or 2g, from 256m to 64g, got "${value}"`);
  return value.toLowerCase();
}

/** Adds `kg services`. */
export function registerServices(program: Command): void {
  const services = program
    .command('services')
    .description(
      'Start, stop or inspect local services for development: Neo4j 5 (Bolt on 127.0.0.1, from Maven Central) and Redis.',
    )
    .addHelpText('after', '\nUsers get the same services from docker-compose.yml (docker compose up -d redis neo4j).');
  services
    .command('up')
    .description(
      'start Neo4j (data in .kg/neo4j) and, if none answers and redis-server is installed, Redis; waits until both answer',
    )
    .option('--port <n>', 'Bolt port', parseInteger('--port', 1, 65535), DEFAULT_SERVICES_OPTIONS.port)
    .option(
      '--timeout <seconds>',
      'how long to wait for Neo4j',
      parseInteger('--timeout', 5, 3600),
      DEFAULT_SERVICES_OPTIONS.timeout,
    )
    .option(
      '--heap <size>',
      'Java heap of Neo4j, as java -Xmx takes it (512m, 2g, 4g)',
      parseHeap,
      DEFAULT_SERVICES_OPTIONS.heap,
    )
    .action(async (options: { port: number; timeout: number; heap: string }) => {
      const redis = await redisUp();
      process.stdout.write(
        `redis: ${redis === 'not-installed' ? 'not running, and redis-server is not installed' : `${redis} at ${DEFAULT_REDIS_URL}`}\n`,
      );
      const neo = await neo4jUp({ port: options.port, timeoutMs: options.timeout * 1000, heap: options.heap });
      process.stdout.write(
        `neo4j: ${neo.started ? 'started' : 'running'} at ${neo.uri} (auth disabled; set NEO4J_URI=${neo.uri})\n`,
      );
    })
    .exitOverride();
  services
    .command('down')
    .description(
      'stop the Neo4j that `kg services up` started (Redis is left running); with --port, only the one on that Bolt port',
    )
    .option('--port <n>', 'Bolt port (the one given to kg services up)', parseInteger('--port', 1, 65535))
    .action(async (options: { port?: number }) => {
      const down = await neo4jDown(undefined, { port: options.port });
      const on = (port: number | undefined): string => (port === undefined ? '' : ` on port ${port}`);
      if (down.stopped) process.stdout.write(`neo4j: stopped${on(down.running?.port)}\n`);
      else if (down.running === undefined)
        process.stdout.write(`neo4j: none started by kg services${on(options.port)}\n`);
      else {
        const hint =
          down.running.port === undefined ? 'kg services down' : `kg services down --port ${down.running.port}`;
        process.stdout.write(
          `neo4j: none started by kg services${on(options.port)}; the one it started (pid ${down.running.pid}) runs${on(down.running.port)}: ${hint}\n`,
        );
      }
    })
    .exitOverride();
  services
    .command('status')
    .description(`say what answers: Neo4j on the Bolt port and Redis on ${new URL(DEFAULT_REDIS_URL).host}`)
    .option('--port <n>', 'Bolt port', parseInteger('--port', 1, 65535), DEFAULT_SERVICES_OPTIONS.port)
    .action(async (options: { port: number }) => {
      const uri = `bolt://127.0.0.1:${options.port}`;
      const neo = await boltAnswers(uri);
      let redis = 'not answering';
      try {
        redis = `Redis ${(await probeRedis(DEFAULT_REDIS_URL, 1000)).version} answering`;
      } catch {
        // reported as not answering
      }
      process.stdout.write(
        `neo4j: ${neo ? 'answering' : 'not answering'} at ${uri} (log ${neo4jPaths().log})\nredis: ${redis} at ${DEFAULT_REDIS_URL}\n`,
      );
    })
    .exitOverride();
}
