/** `kg eval`: gold sets, the scorer and the runner. */
export * from './gold.js';
export * from './score.js';
export * from './evaluate.js';
export * from './aliases.js';
