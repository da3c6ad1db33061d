import type { ExecutionCheckpoint, ExecutionJournal, ExecutionRecord } from '../../infra/local/executionJournal';

/** The execution journal without a database, for workflow tests that need no restart. */
export class InMemoryExecutionJournal implements ExecutionJournal {
  readonly records = new Map<string, ExecutionRecord>();
  async create(record: ExecutionRecord) {
    if (this.records.has(record.name)) return false;
    this.records.set(record.name, structuredClone(record));
    return true;
  }
  async get(name: string) {
    return structuredClone(this.records.get(name));
  }
  async checkpoint(name: string, checkpoint: ExecutionCheckpoint) {
    const record = this.records.get(name);
    if (record?.status === 'RUNNING') record.checkpoint = checkpoint;
  }
  async finish(name: string, outcome: Partial<ExecutionRecord>) {
    Object.assign(this.records.get(name)!, outcome, { stopDate: new Date().toISOString() });
  }
  async listRunning() {
    return [...this.records.values()].filter((r) => r.status === 'RUNNING');
  }
}
