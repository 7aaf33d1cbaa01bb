/** The command line of a bench script: `--flag value` pairs and bare flags. */
const args = process.argv.slice(2);

/** The value after `flag`, else `fallback`. */
export function flagValue(flag: string, fallback: string): string {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

/** True when the bare flag was given. */
export const hasFlag = (flag: string): boolean => args.includes(flag);
