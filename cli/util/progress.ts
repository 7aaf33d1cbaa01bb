/** Progress on stderr: a live bar on a terminal, a line every few seconds otherwise (CI logs, pipes). */
import cliProgress from 'cli-progress';
import { note } from './options.js';

/** A progress display for one long step. */
export interface Progress {
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  label: string;
  total: number;
  /** Extra text after the counts, a cli-progress format fragment such as `{cached} cached`. */
  suffix?: string;
  /** Starting values of the suffix's fields (`{ cached: 0 }`), so the first frame shows numbers, not `{cached}`. */
  initial?: Record<string, string | number>;
  /** No output at all (`--quiet`). */
  silent?: boolean;
}

/**
 * A duration as the bar shows it ("7s", "3m55s", "1h05m"), above 10 s rounded to `roundTo` seconds (minutes past an
 * hour) before it is split, so 238 s reads "4m00s": cli-progress's own formatTime splits first and printed "03m60s".
 * An ETA cli-progress could not compute ("INF", "NULL") reads "--".
 */
export function formatEta(t: number | string, roundTo = 1): string {
  const seconds = typeof t === 'number' ? t : Number(t);
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const pad = (v: number): string => String(v).padStart(2, '0');
  if (seconds <= 10) return `${Math.round(seconds)}s`;
  const s = roundTo * Math.round(seconds / roundTo);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  const minutes = roundTo * Math.round(seconds / 60 / roundTo);
  return `${Math.floor(minutes / 60)}h${pad(minutes % 60)}m`;
}

/** A bar showing done / total, rate and ETA. */
export function createProgress(options: ProgressOptions): Progress {
  if (options.silent || options.total === 0) return { update: () => undefined, stop: () => undefined };
  const tty = Boolean(process.stderr.isTTY);
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${options.label.padEnd(10)} {bar} {value}/{total} | {speed}/s | ETA {eta_formatted}${options.suffix ? ` | ${options.suffix}` : ''}`,
      noTTYOutput: !tty,
      notTTYSchedule: 5000,
      hideCursor: tty,
      etaBuffer: 200,
      formatTime: (t, _options, roundTo) => formatEta(t, roundTo),
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(options.total, 0, { speed: '0', ...options.initial });
  let last = 0;
  let stopped = false;
  return {
    update(done, extra = {}) {
      last = done;
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { speed: seconds > 0 ? (done / seconds).toFixed(0) : '0', ...extra });
    },
    /** Ends the bar and its redraw timer (which would keep the process alive); later calls do nothing. */
    stop() {
      if (stopped) return;
      stopped = true;
      const seconds = (Date.now() - started) / 1000;
      bar.update(last, { speed: seconds > 0 ? (last / seconds).toFixed(0) : '0' });
      bar.stop();
    },
  };
}

/** The hooks through which the library (run/, workers/) reports to the CLI: notes on stderr, progress bars unless `quiet`. */
export function cliHooks(quiet?: boolean): {
  note: (message: string) => void;
  progress: (request: Omit<ProgressOptions, 'silent'>) => Progress;
} {
  return { note, progress: (request) => createProgress({ ...request, silent: quiet }) };
}
