/**
 * Runs the full-lifecycle bench in a process of its own (handlers keep their
 * SDK clients for the life of a process, as in a Lambda container, so each
 * local platform gets a fresh process). Prints the result as JSON on stdout.
 * Usage: tsx bench/lifecycleRun.ts <complaints> <concurrency> [simulated|<time scale>]
 */
import { startBenchPlatform, runBenchProcess } from './benchPlatform';
import { runLifecycleBench } from './lifecycle';

async function main() {
  const [complaints = '40', concurrency = '8', time = 'simulated'] = process.argv.slice(2);
  const TIME_SCALE: number | 'simulated' = time === 'simulated' ? 'simulated' : Number(time);
  process.env.LOG_LEVEL = 'SILENT';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // The follow-up comes 0.01 day (86 s) after the response.
  process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 0.01, feedbackWindowDays: 14 });
  const { platform, transitions, runtimeErrors } = await startBenchPlatform({
    timeScale: TIME_SCALE,
    // Simulated: time moves when every complaint waits for it; no scheduled task (the outbox sweep is for refused emails).
    ...(TIME_SCALE === 'simulated' ? { autoAdvance: 'on-demand' as const, scheduledTasks: false } : {}),
  });
  try {
    const result = await runLifecycleBench(platform, {
      complaints: Number(complaints),
      concurrency: Number(concurrency),
      timeScale: TIME_SCALE,
      transitions,
      log: (line) => process.stderr.write(`[bench] ${line}\n`),
    });
    if (result.errors.length > 0) result.errors.push(...runtimeErrors);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await platform.stop();
  }
}

runBenchProcess(main);
