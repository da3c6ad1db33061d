/**
 * Which functions the bundle budget applies to (bench/bundles.ts), read from the catalog and the state machine,
 * and how a run is judged (bench/report.ts).
 */
import { describe, expect, it } from 'vitest';
import { type BundleMeasurement, functionRoles, hasBundleBudget } from '../../../bench/bundles';
import { judgeBundles } from '../../../bench/report';
import { type LambdaFunctionName, lambdaFunctions } from '../../../infra/catalog';

const names = Object.keys(lambdaFunctions) as LambdaFunctionName[];

describe('bundle budget classification', () => {
  it('gives every catalog function a role', () => {
    for (const name of names) expect(functionRoles(name).length, name).toBeGreaterThan(0);
  });

  it('exempts exactly the scheduled, asynchronously invoked and operator-run functions that serve no request, step or stream', () => {
    const exempt = names.filter((name) => !hasBundleBudget(name)).sort();
    expect(exempt).toEqual(['anchorEstateChains', 'compileWeeklyReports', 'purgeExpiredRecords', 'receiveInboundEmail', 'reindexCaseSearch', 'retryQueuedEmails', 'runAuditExportJob', 'sendEarlyWarningAlerts']);
  });

  it('keeps the request-path audit functions under the budget, though they use S3', () => {
    expect(functionRoles('evidencePack')).toEqual(['http']);
    expect(hasBundleBudget('evidencePack')).toBe(true);
    expect(hasBundleBudget('auditExportJobs')).toBe(true);
    expect(functionRoles('acknowledgeComplaint')).toContain('workflow-step');
    expect(functionRoles('sendQueuedEmails')).toContain('table-stream');
  });
});

describe('judging bundles', () => {
  const measured = (name: string, bytes: number, loadMs: number, budgeted: boolean): BundleMeasurement => ({
    name, entry: `${name}.ts`, roles: budgeted ? ['http'] : ['batch'], budgeted, bytes, gzipBytes: bytes, loadMs, loadRunsMs: [loadMs], loadCpuMs: loadMs, loadCpuRunsMs: [loadMs], contributors: [],
  });
  const run = (handlers: BundleMeasurement[]) => judgeBundles({ target: 'node24', nodeOptions: [], loadRuns: 1, baseline: measured('baseline', 1000, 100, false), handlers, errors: [] });

  it('judges ratios unrounded: 1.304× misses a 1.3× target though it prints as 1.30×', () => {
    const { verdicts } = run([measured('justOver', 1304, 100, true), measured('atTarget', 1300, 130, true)]);
    expect(verdicts.map((v) => [v.name, v.pass])).toEqual([['justOver', false], ['atTarget', true]]);
  });

  it('reports a batch function over the budget without failing it', () => {
    const [verdict] = run([measured('nightly', 2000, 300, false)]).verdicts;
    expect(verdict).toMatchObject({ budgeted: false, pass: true, sizeRatio: 2 });
  });
});
