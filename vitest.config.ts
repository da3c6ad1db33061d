import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The console's browser modules are Preact TSX (functions/web/browser); unit tests import some of them.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    // Each file runs in its own process: handlers read process.env once, like a Lambda container.
    pool: 'forks',
    // One file at a time: each integration file runs a whole platform (DynamoDB Local's one database, the workflow
    // interpreter, stream pollers) on this 2-core machine; two at once made group-wide listings fail with 500s that
    // never happen alone. About 19 minutes for the whole suite on a fresh clone (each file with its own DynamoDB Local,
    // test/support/localPlatform.ts), and every result means what it says.
    maxWorkers: 1,
    // A guard against hangs, not a speed target: late in a full run the shared emulator is slower than alone.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Lambda runs these handlers on Node 24; the SDK's notice about Node 20 is noise in test output.
    // Handlers' own logs stay quiet unless TEST_LOGS is set: the level must be in place before any module loads the logger.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', LOG_LEVEL: process.env.TEST_LOGS ? 'INFO' : 'SILENT' },
  },
});
