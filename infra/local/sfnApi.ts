/**
 * The Step Functions API (AWS JSON 1.0 protocol) on a loopback port, backed
 * by the in-process interpreter. Handlers call it with the ordinary
 * `@aws-sdk/client-sfn`, pointed here by `AWS_ENDPOINT_URL_SFN`.
 */
import { createServer, type Server } from 'node:http';
import { LocalStepFunctions, LocalStepFunctionsError } from './localStepFunctions';
import type { ExecutionRecord } from './executionJournal';

const epochSeconds = (iso: string) => new Date(iso).getTime() / 1000;

function describe(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: epochSeconds(record.startDate),
    ...(record.stopDate ? { stopDate: epochSeconds(record.stopDate) } : {}),
    input: record.input,
    ...(record.output !== undefined ? { output: record.output } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
  };
}

type Operation = (sfn: LocalStepFunctions, body: Record<string, string | undefined>) => Promise<unknown> | unknown;

const operations: Record<string, Operation> = {
  StartExecution: async (sfn, body) => {
    const record = await sfn.startExecution({ stateMachineArn: body.stateMachineArn ?? '', name: body.name, input: body.input });
    return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
  },
  DescribeExecution: async (sfn, body) => describe(await sfn.describeExecution(body.executionArn ?? '')),
  SendTaskSuccess: (sfn, body) => (sfn.sendTaskSuccess(body.taskToken ?? '', body.output ?? 'null'), {}),
  SendTaskFailure: (sfn, body) => (sfn.sendTaskFailure(body.taskToken ?? '', body.error, body.cause), {}),
  SendTaskHeartbeat: (sfn, body) => (sfn.sendTaskHeartbeat(body.taskToken ?? ''), {}),
};

export async function startStepFunctionsApi(sfn: LocalStepFunctions, port: number): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(body));
      };
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
      if (!operation) return reply(400, { __type: 'UnknownOperationException', message: `${target} is not supported by the local runtime` });
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>;
        reply(200, await operation(sfn, body));
      } catch (error) {
        if (error instanceof LocalStepFunctionsError) return reply(400, { __type: error.type, message: error.message });
        reply(500, { __type: 'InternalFailure', message: (error as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
