/**
 * Debian's Chromium for the browser tests (never a downloaded browser).
 * Under CI a missing Chromium fails the run; elsewhere the browser tests are
 * skipped with a warning saying how to install it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const chromiumPath = findChromium();
if (!chromiumPath && process.env.CI) {
  throw new Error('chromium is required for the browser tests under CI but was not found on PATH (apt-get install -y chromium)');
}

export const CHROMIUM_SKIP_REASON = 'skipped: chromium not found on PATH (install it with `apt-get update && apt-get install -y chromium`)';

/** Headless, and quiet on a closed network: no background fetches Chromium would otherwise retry. */
export const CHROMIUM_LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
