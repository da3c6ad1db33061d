/**
 * Export job records in the case table (docs/DATA_MODEL.md): one item per job,
 * `AUDIT_EXPORT#<jobId> / JOB`, read and written by key only. Every change of
 * status is conditional on the status it leaves and on the run it belongs to,
 * so two runs of one job, or a run and a read that declares it interrupted,
 * can never both win.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { EXPORT_JOB_RECORD_DAYS, type ExportJob, type ExportJobFailure, type ExportJobPort } from '../domain/auditExportJob';
import type { ExportManifest } from '../domain/auditExport';
import { keys } from './keys';

const RECORD_ATTRIBUTES = new Set(['pk', 'sk', 'type', 'expiresAt']);

function isConditionalFailure(error: unknown): boolean {
  return (error as Error).name === 'ConditionalCheckFailedException';
}

export class ExportJobStore implements ExportJobPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createJob(job: ExportJob, replaceable: { createdBefore: string }): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.auditExportJob(job.jobId), type: 'audit-export-job', ...job, expiresAt: Math.floor(new Date(job.createdAt).getTime() / 1000) + EXPORT_JOB_RECORD_DAYS * 86400 },
          // The same rule as existingJobOutcome's `replace`: a job past the idempotency window, or a failed run of this same request.
          ConditionExpression: 'attribute_not_exists(pk) OR createdAt < :createdBefore OR (#status = :failed AND requestHash = :requestHash)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':createdBefore': replaceable.createdBefore, ':failed': 'failed', ':requestHash': job.requestHash },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async getJob(jobId: string): Promise<ExportJob | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.auditExportJob(jobId), ConsistentRead: true }));
    if (!result.Item) return undefined;
    return Object.fromEntries(Object.entries(result.Item).filter(([name]) => !RECORD_ATTRIBUTES.has(name))) as unknown as ExportJob;
  }

  /** Takes a queued job for one run; false if another run has it, or it is no longer this run's. */
  async claimJob(job: Pick<ExportJob, 'jobId' | 'runId'>, startedAt: string, runDeadline: string): Promise<boolean> {
    return this.transition(job, 'queued', 'SET #status = :next, startedAt = :startedAt, runDeadline = :runDeadline', { ':next': 'running', ':startedAt': startedAt, ':runDeadline': runDeadline });
  }

  async completeJob(job: Pick<ExportJob, 'jobId' | 'runId'>, result: { finishedAt: string; manifest: ExportManifest; fileBytes: number }): Promise<boolean> {
    return this.transition(job, 'running', 'SET #status = :next, finishedAt = :finishedAt, manifest = :manifest, fileBytes = :fileBytes', {
      ':next': 'done',
      ':finishedAt': result.finishedAt,
      ':manifest': result.manifest,
      ':fileBytes': result.fileBytes,
    });
  }

  async failJob(job: Pick<ExportJob, 'jobId' | 'runId'>, from: 'queued' | 'running', failure: ExportJobFailure, finishedAt: string): Promise<boolean> {
    return this.transition(job, from, 'SET #status = :next, finishedAt = :finishedAt, failure = :failure', { ':next': 'failed', ':finishedAt': finishedAt, ':failure': failure });
  }

  private async transition(job: Pick<ExportJob, 'jobId' | 'runId'>, from: ExportJob['status'], update: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.auditExportJob(job.jobId),
          UpdateExpression: update,
          ConditionExpression: '#status = :from AND runId = :runId',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...values, ':from': from, ':runId': job.runId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }
}
