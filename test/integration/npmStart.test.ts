/**
 * `npm start` as a user runs it: starts everything, prints where things are,
 * keeps data on disk across a restart, and stops every child process on
 * Ctrl-C (SIGINT).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports';
import { aComplaint } from '../support/localPlatform';

const dataDir = mkdtempSync(join(tmpdir(), 'complaints-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function npmStart(ports: Record<string, number>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', ...args], {
    env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), DATA_DIR: dataDir, LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 600 && !output.includes('Press Ctrl-C to stop.'); i += 1) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!output.includes('Press Ctrl-C to stop.')) throw new Error(`npm start did not come up:\n${output}`);
  return { child, exited, output: () => output };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('runs the platform, keeps complaints across a restart, and stops its children on Ctrl-C', async () => {
    const ports = { PORT: await freePort(), MAILBOX_PORT: await freePort(), DYNAMODB_PORT: await freePort(), STEPFUNCTIONS_PORT: await freePort(), S3_PORT: await freePort() };
    const first = await npmStart(ports);
    expect(first.output()).toContain(`http://localhost:${ports.PORT}/`);
    expect(first.output()).toContain(`http://127.0.0.1:${ports.MAILBOX_PORT}/`);
    expect(first.output()).toContain(dataDir);

    const created = (await (await fetch(`http://127.0.0.1:${ports.PORT}/api/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(aComplaint()) })).json()) as { id: string; trackingUrl: string };
    expect(created.id).toBeTruthy();
    const javaPid = (JSON.parse(readFileSync(join(dataDir, 'dynamodb-local.pid'), 'utf8')) as { pid: number }).pid;
    expect(alive(javaPid)).toBe(true);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(alive(javaPid)).toBe(false);
    expect(existsSync(join(dataDir, 'dynamodb-local.pid'))).toBe(false);

    const second = await npmStart(ports);
    const view = await fetch(created.trackingUrl.replace('/track/', '/api/v1/complaints/'));
    expect(view.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // --reset wipes the data folder.
    const third = await npmStart(ports, ['--reset']);
    expect((await fetch(created.trackingUrl.replace('/track/', '/api/v1/complaints/'))).status).toBe(404);
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
  }, 120_000);
});
