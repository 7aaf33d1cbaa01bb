/** Defaults that several stages and commands share, each defined once here: the CLI's help shows these same values. */

/** The seed of Louvain and of the layout when none is given: fixed, so two runs of one corpus give the same picture. */
export const DEFAULT_SEED = 42;
