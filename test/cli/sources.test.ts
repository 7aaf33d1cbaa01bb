// Walking the folders given to `kg run` (issue 27, item 11): links are followed safely, a folder is read once, loops,
// dangling links, special files and permission problems are reported, nothing hangs. Links and FIFOs are made here.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FOLDER_DEPTH, readSources } from '../../run/sources.js';
import { tempDir } from '../utils/cli.js';
import { ROOT } from '../utils/papers.js';

const tmp = tempDir('sources');
const root = tmp.dir;
const at = (...parts: string[]): string => path.join(root, ...parts);
const RECORD = '{"id":"a","title":"T","abstract":"A."}\n';
let server: Server | undefined;

beforeAll(async () => {
  mkdirSync(at('loops'));
  writeFileSync(at('loops', 'good.jsonl'), RECORD);
  // Two links to the folder itself: the walk went 2, 4, 8, … ways deep and never ended.
  symlinkSync('.', at('loops', 'self-a'));
  symlinkSync('.', at('loops', 'self-b'));
  mkdirSync(at('loops', 'sub'));
  symlinkSync('..', at('loops', 'sub', 'up'));
  mkdirSync(at('links'));
  writeFileSync(at('links', 'real.jsonl'), RECORD);
  symlinkSync('real.jsonl', at('links', 'again.jsonl'));
  symlinkSync(at('links', 'real.jsonl'), at('links', 'absolute.jsonl'));
  symlinkSync('missing.jsonl', at('links', 'dangling.jsonl'));
  symlinkSync('/dev/null', at('links', 'null.jsonl'));
  symlinkSync('selfref', at('links', 'selfref'));
  mkdirSync(at('twice', 'shared'), { recursive: true });
  writeFileSync(at('twice', 'shared', 'one.jsonl'), RECORD);
  symlinkSync('shared', at('twice', 'via-a'));
  symlinkSync('shared', at('twice', 'via-b'));
  mkdirSync(at('special'));
  execFileSync('mkfifo', [at('special', 'fifo.jsonl')]);
  server = createServer();
  await new Promise<void>((resolve) => server!.listen(at('special', 'socket.jsonl'), resolve));
  let deep = at('deep');
  for (let i = 0; i <= MAX_FOLDER_DEPTH + 2; i++) deep = path.join(deep, `d${i}`);
  mkdirSync(deep, { recursive: true });
  writeFileSync(path.join(deep, 'bottom.jsonl'), RECORD);
  // Sparse: 3 GiB on paper, nothing on disk; read whole, it failed as "cannot read" with Node's message.
  mkdirSync(at('big'));
  execFileSync('truncate', ['-s', '3G', at('big', 'huge.jsonl')]);
  mkdirSync(at('locked'));
  writeFileSync(at('locked', 'secret.jsonl'), RECORD);
  writeFileSync(at('unreadable.jsonl'), RECORD);
  chmodSync(at('unreadable.jsonl'), 0o000);
  chmodSync(at('locked'), 0o000);
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  chmodSync(at('locked'), 0o755);
  tmp.cleanup();
});

const rel = (file: string): string => path.relative(root, file);

/** Root reads everything: as root, the built readSources runs with no capabilities (setpriv) to meet a permission error. */
function readWithoutCapabilities(paths: string[]): { file: string; code: string; reason: string }[] {
  const script = `import { readSources } from ${JSON.stringify(path.join(ROOT, 'dist', 'run', 'sources.js'))}; console.log(JSON.stringify((await readSources(${JSON.stringify(paths)})).rejections));`;
  // Root without its capabilities: file modes then hold for it, and it still reads the clone wherever it lies (a
  // private folder such as mktemp -d's is closed to another user).
  const out = execFileSync(
    'setpriv',
    ['--inh-caps=-all', '--bounding-set=-all', process.execPath, '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as { file: string; code: string; reason: string }[];
}

describe('readSources', () => {
  it('reads a folder with two links to itself once, and reports each loop once', async () => {
    const read = await readSources([at('loops')]);
    expect(read.files.map((f) => rel(f.file))).toEqual(['loops/good.jsonl']);
    expect(read.rejections.map((r) => [rel(r.file), r.code])).toEqual([
      ['loops/self-a', 'link-loop'],
      ['loops/self-b', 'link-loop'],
      ['loops/sub/up', 'link-loop'],
    ]);
    expect(read.rejections[0]!.reason).toMatch(/symbolic link loop/);
  }, 10_000);

  it('reads a file reached through links once, and reports a dangling link and a device', async () => {
    const read = await readSources([at('links')]);
    expect(read.files.map((f) => rel(f.file))).toEqual(['links/absolute.jsonl']);
    expect(read.rejections.map((r) => [rel(r.file), r.code])).toEqual([
      ['links/dangling.jsonl', 'dangling-link'],
      ['links/null.jsonl', 'special-file'],
      ['links/selfref', 'link-loop'],
    ]);
  });

  it('reads a folder reached through two links once, silently (it is no loop)', async () => {
    const read = await readSources([at('twice'), at('twice', 'via-a')]);
    expect(read.files.map((f) => rel(f.file))).toEqual(['twice/shared/one.jsonl']);
    expect(read.rejections).toEqual([]);
  });

  it('skips a FIFO and a socket without opening them (a FIFO would block forever)', async () => {
    const read = await readSources([at('special')]);
    expect(read.files).toEqual([]);
    expect(read.rejections.map((r) => [rel(r.file), r.code, r.reason])).toEqual([
      ['special/fifo.jsonl', 'special-file', 'a named pipe (FIFO), not a file: skipped'],
      ['special/socket.jsonl', 'special-file', 'a socket, not a file: skipped'],
    ]);
  }, 10_000);

  it(`stops ${MAX_FOLDER_DEPTH} folders deep, and says so`, async () => {
    const read = await readSources([at('deep')]);
    expect(read.files).toEqual([]);
    expect(read.rejections).toHaveLength(1);
    expect(read.rejections[0]).toMatchObject({
      code: 'too-deep',
      reason: expect.stringMatching(/nested more than 32 deep/),
    });
  });

  it('reports a file over MAX_FILE_BYTES by its size, without reading it', async () => {
    const read = await readSources([at('big')]);
    expect(read.files).toEqual([]);
    expect(read.rejections.map((r) => [rel(r.file), r.code, r.reason])).toEqual([
      [
        'big/huge.jsonl',
        'file-too-large',
        'file too large: 3,221,225,472 bytes (max 2,147,483,648); split it, e.g. split -l 100000 FILE part-',
      ],
    ]);
  });

  it('reports a path that does not exist', async () => {
    const read = await readSources([at('nowhere')]);
    expect(read.rejections.map((r) => [rel(r.file), r.code, r.reason])).toEqual([
      ['nowhere', 'unreadable', 'cannot read: no such file or folder'],
    ]);
  });

  it('reports an unreadable file and folder (permission denied)', async () => {
    const paths = [at('unreadable.jsonl'), at('locked')];
    const rejections =
      process.getuid?.() === 0 ? readWithoutCapabilities(paths) : (await readSources(paths)).rejections;
    expect(rejections.map((r) => [rel(r.file), r.code, r.reason])).toEqual([
      ['locked', 'unreadable', 'cannot read folder: permission denied'],
      ['unreadable.jsonl', 'unreadable', 'cannot read: permission denied'],
    ]);
  });
});
