/**
 * Runs the cost bench (bench/cost.ts) in a process of its own: the meter
 * wraps this process's SDK clients, Lambda host and stdout, and handlers keep
 * their clients for the life of the process, as in a Lambda container.
 * Prints the result as JSON on the last line of stdout.
 * Usage: tsx bench/costRun.ts <complaints on the common path> <on each other path> <concurrency>
 */
import { startBenchPlatform, runBenchProcess } from './benchPlatform';
import { runCostBench } from './cost';

/** Deadlines of ten working days pass in about half a minute, so the escalation path escalates while it waits. */
const TIME_SCALE = 40_000;

async function main() {
  const [common = '12', others = '6', concurrency = '4'] = process.argv.slice(2);
  // Logs at the production level: their bytes are part of the cost. The meter counts them and keeps them off the terminal.
  process.env.LOG_LEVEL = 'INFO';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // The follow-up 0.01 day after the response; two weeks to rate it (about 30 s compressed).
  process.env.GROUP_SETTINGS = JSON.stringify({ followUpAfterDays: 0.01, feedbackWindowDays: 14 });
  const { Meter } = await import('../infra/local/metering');
  const meter = new Meter({ quiet: true }).install();
  // Scheduled tasks cost the same whatever the volume (reported as fixed costs), so they stay off here.
  const { platform, transitions, runtimeErrors } = await startBenchPlatform({ timeScale: TIME_SCALE, scheduledTasks: false });
  try {
    const result = await runCostBench(platform, meter, {
      complaints: { common: Number(common), escalation: Number(others), compensation: Number(others), stage2: Number(others) },
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
