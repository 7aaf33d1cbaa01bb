/** Defaults that several stages and commands share, each defined once here: the CLI's help shows these same values. */

/** The seed of Louvain and of the layout when none is given: fixed, so two runs of one corpus give the same picture. */
export const DEFAULT_SEED = 42;

/** The snapshot folder `kg run` writes, and `kg serve`, `kg mirror` and `kg trace` read, when none is given. */
export const DEFAULT_SNAPSHOT_DIR = 'data';
