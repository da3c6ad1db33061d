/**
 * The local SES endpoint and mailbox (`aws-ses-v2-local`): handlers send
 * through the ordinary SES v2 client pointed here; a person reads what
 * residents received in its web viewer, tests read its JSON at `/store`.
 *
 * The emulator keeps what it received in memory only. In front of it sits a
 * small HTTP layer of ours (on the mailbox port; the emulator on a private
 * one) that, for every email the emulator accepts, writes a *receipt* — the
 * email with its SES tags — to `mailbox/received.jsonl` in the data folder,
 * flushed to disk, before the sender gets its answer. So the mailbox survives a
 * restart or a crash, and it can answer the outbox's question "did you receive
 * this sending attempt?" (`/store?tag=case:…&tag=notification:…&tag=attempt:…`):
 * the local mail service receipt check (functions/platform/mailReceipts.ts).
 * The same layer refuses a share of sends when faults are injected (the soak).
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import sesEmulatorModule from 'aws-ses-v2-local';
import { freePort } from './ports';

// The package is CommonJS with `exports.default`; under ESM the function sits one level down.
const startSesEmulator = ((sesEmulatorModule as unknown as { default?: typeof sesEmulatorModule }).default ?? sesEmulatorModule) as typeof sesEmulatorModule;

export interface MailboxHandle {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface MailboxEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** Epoch seconds, as the emulator records it. */
  at: number;
  /** The SES message tags the sender set (`case`, `notification`, `attempt`). */
  tags?: Record<string, string>;
  /** Reply-To addresses (a case's reply address on emails to the complainant), as the emulator records them. */
  replyTo?: string[];
  /** Attachments (the Monday report's XLSX), content in base64. */
  attachments?: { fileName: string; contentType: string; content: string }[];
  /** The message headers the sender added (SES v2 Simple content `Headers`: `Auto-Submitted`, our loop marker). */
  headers?: { name: string; value: string }[];
}

/** What the mailbox received, kept across restarts of the mailbox (an outage) and, with a data folder, of the runtime. */
export class ReceivedMail {
  readonly emails: MailboxEmail[] = [];
  private readonly file: string | undefined;

  constructor(dataDir?: string) {
    if (!dataDir) return;
    mkdirSync(join(dataDir, 'mailbox'), { recursive: true });
    this.file = join(dataDir, 'mailbox', 'received.jsonl');
    if (!existsSync(this.file)) return;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        this.emails.push(JSON.parse(line) as MailboxEmail);
      } catch {
        // A line cut short by a crash mid-write: that email's sender never got an answer either.
      }
    }
  }

  /** Recorded on disk (flushed) before the sender is answered. */
  add(email: MailboxEmail): void {
    if (this.file) {
      const fd = openSync(this.file, 'a');
      try {
        appendFileSync(fd, `${JSON.stringify(email)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    this.emails.push(email);
  }

  clear(): void {
    this.emails.length = 0;
    if (this.file) writeFileSync(this.file, '');
  }
}

/** The SES v2 SendEmail request, as far as the receipt needs it. */
interface SendEmailRequest {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: { Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string }; Html?: { Data?: string } }; Attachments?: { FileName: string; ContentType?: string; RawContent: string }[]; Headers?: { Name: string; Value: string }[] } };
  EmailTags?: { Name: string; Value: string }[];
  ReplyToAddresses?: string[];
}

const SEND_EMAIL_PATH = '/v2/email/outbound-emails';

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function forward(target: number, request: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, host: `127.0.0.1:${target}`, 'content-length': String(body.length) };
    const upstream = httpRequest({ host: '127.0.0.1', port: target, method: request.method, path: request.url, headers }, (response) => {
      readBody(response).then((answer) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: answer }), reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function matchesTags(email: MailboxEmail, wanted: string[]): boolean {
  return wanted.every((pair) => {
    const at = pair.indexOf(':');
    return at > 0 && email.tags?.[pair.slice(0, at)] === pair.slice(at + 1);
  });
}

export async function startMailbox(options: { port: number; received?: ReceivedMail; refuseSend?: () => boolean }): Promise<MailboxHandle> {
  const received = options.received ?? new ReceivedMail();
  const emulatorPort = await freePort();
  const emulator = (await startSesEmulator({ host: '127.0.0.1', port: emulatorPort })) as unknown as Server;

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const front = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://mailbox');
      const body = await readBody(request);
      if (request.method === 'GET' && url.pathname === '/store') {
        const since = url.searchParams.get('since');
        const tags = url.searchParams.getAll('tag');
        const emails = received.emails.filter((email) => (since === null || email.at >= Number(since)) && matchesTags(email, tags));
        answer(response, 200, { templates: {}, emails });
        return;
      }
      if (request.method === 'POST' && url.pathname === '/clear-store') received.clear();
      if (request.method === 'POST' && url.pathname === SEND_EMAIL_PATH && options.refuseSend?.()) {
        // As SES answers when it cannot take the message: the sender retries later.
        response.writeHead(503, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailable' });
        response.end(JSON.stringify({ message: 'Service Unavailable (injected fault)' }));
        return;
      }
      const upstream = await forward(emulatorPort, request, body);
      if (request.method === 'POST' && url.pathname === SEND_EMAIL_PATH && upstream.status === 200) {
        const sent = JSON.parse(body.toString('utf8')) as SendEmailRequest;
        const { MessageId } = JSON.parse(upstream.body.toString('utf8')) as { MessageId: string };
        received.add({
          messageId: MessageId,
          from: sent.FromEmailAddress ?? '',
          destination: { to: sent.Destination?.ToAddresses ?? [], cc: sent.Destination?.CcAddresses ?? [], bcc: sent.Destination?.BccAddresses ?? [] },
          subject: sent.Content?.Simple?.Subject?.Data ?? '',
          body: { text: sent.Content?.Simple?.Body?.Text?.Data, html: sent.Content?.Simple?.Body?.Html?.Data },
          at: Math.floor(Date.now() / 1000),
          tags: Object.fromEntries((sent.EmailTags ?? []).map((tag) => [tag.Name, tag.Value])),
          replyTo: sent.ReplyToAddresses ?? [],
          ...(sent.Content?.Simple?.Attachments?.length
            ? { attachments: sent.Content.Simple.Attachments.map((a) => ({ fileName: a.FileName, contentType: a.ContentType ?? 'application/octet-stream', content: a.RawContent })) }
            : {}),
          ...(sent.Content?.Simple?.Headers?.length ? { headers: sent.Content.Simple.Headers.map((h) => ({ name: h.Name, value: h.Value })) } : {}),
        });
      }
      const headers = Object.fromEntries(Object.entries(upstream.headers).filter(([name]) => !['transfer-encoding', 'connection', 'content-length', 'keep-alive'].includes(name)));
      response.writeHead(upstream.status, { ...headers, 'content-length': String(upstream.body.length) });
      response.end(upstream.body);
    })().catch((error: Error) => {
      if (!response.headersSent) answer(response, 502, { message: `mailbox: ${error.message}` });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, '127.0.0.1', resolve);
  });
  const close = (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    port: options.port,
    // The front first: a send answered after this point is recorded before the emulator goes.
    stop: async () => {
      await close(front);
      await close(emulator);
    },
  };
}

export async function readMailbox(endpoint: string): Promise<MailboxEmail[]> {
  const response = await fetch(`${endpoint}/store`);
  const store = (await response.json()) as { emails: MailboxEmail[] };
  return store.emails;
}
