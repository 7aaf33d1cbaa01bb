/**
 * Preloaded by `npm run bench` into the processes it starts (`NODE_OPTIONS=--import …/rss-probe.js`): when a process
 * exits, it writes its peak resident memory to `$KG_BENCH_RSS_DIR/<pid>.json`, so the bench learns the peak RSS of
 * `kg run` and of each `kg worker` that `kg run` starts, without touching their code.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

/** One record per process. */
export interface RssRecord {
  pid: number;
  ppid: number;
  /** The command line after `node`: `[…/kg.js, 'run', …]`. */
  argv: string[];
  /** Peak resident set size in bytes (getrusage ru_maxrss). */
  maxRss: number;
}

const dir = process.env.KG_BENCH_RSS_DIR;
if (dir && isMainThread) {
  process.once('exit', () => {
    const record: RssRecord = {
      pid: process.pid,
      ppid: process.ppid,
      argv: process.argv.slice(1),
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
    writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(record));
  });
}
