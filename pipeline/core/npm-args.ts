/**
 * Options that npm kept for itself. `npm run train --check`, without the `--` that hands what follows to the script,
 * gives the script no `--check`: npm reads it as one of its own settings and passes it on only as the environment
 * variable `npm_config_check`. The script would then quietly do its default work (train and write the shipped files,
 * in that example), so the scripts that npm runs check for it and say how to call them.
 */

/** The environment variable npm sets for a setting `name` it was given on its command line. */
const npmVariable = (name: string): string => `npm_config_${name.replace(/-/g, '_')}`;

/**
 * Of a script's long options, those npm took for itself: set as npm settings in the environment of a script that npm
 * runs (`npm_lifecycle_event` is set), but not among the script's own arguments. Empty outside npm.
 */
export function swallowedByNpm(
  options: readonly string[],
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (env.npm_lifecycle_event === undefined) return [];
  return options.filter(
    (name) =>
      env[npmVariable(name)] !== undefined && !argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)),
  );
}

/** What to tell the user about the options npm took from `npm run SCRIPT`. */
export function swallowedMessage(script: string, swallowed: readonly string[]): string {
  const flags = swallowed.map((name) => `--${name}`).join(' ');
  return `npm kept ${flags} for itself and did not pass ${swallowed.length === 1 ? 'it' : 'them'} on; put "--" before the script's options: npm run ${script} -- ${flags} …`;
}
