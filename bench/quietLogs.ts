/**
 * Imported first by bench/run.ts: handlers' loggers read LOG_LEVEL when their module is first evaluated, and the
 * bench's static imports (intake.ts) load it, so the level must be set before any of them. The cost section sets
 * its own level in its own process (bench/costRun.ts): log bytes are part of the cost.
 */
process.env.LOG_LEVEL = 'SILENT';
