/** The running of kg: `runPipeline` (sources to snapshot and mirror, what `kg run` does), its defaults, and its edges (sources, report, mirror). */
export { runPipeline, type RunOptions, type RunHooks, type RunResult, type RunSummary } from './pipeline.js';
export * from './defaults.js';
export { readSources, MAX_FOLDER_DEPTH, type ReadSources } from './sources.js';
export { reportIngest, REPORT_FILE, REJECTIONS_SHOWN, REJECTION_LINES_SHOWN, WARNINGS_SHOWN } from './report.js';
export { checkWritableFolder, overwrittenInput, sameFile } from './files.js';
export { collectGarbage, COLLECT_ABOVE } from './memory.js';
export { mirrorToNeo4j, type MirrorToNeo4jOptions } from './mirror.js';
export { KG_VERSION } from './version.js';
