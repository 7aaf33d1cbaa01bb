/** Known binary formats by their first bytes ("magic numbers"), so a renamed PDF or a gzip is named, not guessed at. */

/** [what the file is, its signature, and what to do, if anything]; a `null` byte in a signature matches any byte. */
const SIGNATURES: readonly [string, readonly (number | null)[]][] = [
  ['a PDF document: extract its text first', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['gzip-compressed: decompress it first, e.g. gunzip -k FILE', [0x1f, 0x8b]],
  ['a ZIP archive (or .docx/.xlsx): unzip it first', [0x50, 0x4b, 0x03, 0x04]],
  ['a ZIP archive: unzip it first', [0x50, 0x4b, 0x05, 0x06]],
  ['bzip2-compressed: decompress it first, e.g. bunzip2 -k FILE', [0x42, 0x5a, 0x68]],
  ['xz-compressed: decompress it first, e.g. unxz -k FILE', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd-compressed: decompress it first, e.g. zstd -d FILE', [0x28, 0xb5, 0x2f, 0xfd]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['an executable (ELF)', [0x7f, 0x45, 0x4c, 0x46]],
  [
    'an SQLite database',
    [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00],
  ],
  ['a Microsoft Office document (.doc/.xls): save it as text first', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
];

/** What a binary file is, by its signature; undefined for anything else (text, or binary we do not know by name). */
export function binaryKind(bytes: Uint8Array): string | undefined {
  for (const [what, signature] of SIGNATURES) {
    if (bytes.length >= signature.length && signature.every((b, i) => b === null || bytes[i] === b)) return what;
  }
  return undefined;
}
