/**
 * SES receiving, locally: an SMTP server (`smtp-server`) on 127.0.0.1 that
 * takes mail for the complaints domain, stores each message in the S3
 * emulator's inbound-mail bucket under `incoming/<id>` and then invokes
 * `receiveInboundEmail` with the event SES's receipt rule sends (id, envelope
 * recipients, verdicts), as AWS does: the same handler, the same bucket.
 * Mail clients, `swaks` and `npm run mail -- drop file.eml` send to it.
 *
 * Differences from SES: no TLS, no authentication; SPF, DKIM and DMARC are not
 * evaluated (verdicts are GRAY) and nothing is virus-scanned; a message is
 * accepted (250) once stored, and handled right after.
 */
import { randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import { SMTPServer } from 'smtp-server';
import type { LambdaHost } from './lambdaHost';

/** SES accepts messages up to 40 MB; so does the listener (the handler refuses above 30 MB, with a notice). */
export const SMTP_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface SmtpListener {
  port: number;
  /** Waits until every message received so far has been handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface SmtpListenerOptions {
  port: number;
  mailDomain: string;
  bucket: string;
  s3: { endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  lambdas: LambdaHost;
  log: (entry: Record<string, unknown>) => void;
}

const GRAY = { status: 'GRAY' } as const;

export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const s3 = new S3Client({ endpoint: options.s3.endpoint, region: 'us-east-1', credentials: options.s3.credentials, forcePathStyle: true });
  const running = new Set<Promise<void>>();
  const domain = options.mailDomain.toLowerCase();

  const server = new SMTPServer({
    name: domain,
    banner: 'complaint platform (local SES receiving)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: SMTP_MAX_MESSAGE_BYTES,
    logger: false,
    // Like SES's receipt rule: only the complaints domain is taken; anything else is refused at RCPT.
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().endsWith(`@${domain}`)) return callback();
      callback(Object.assign(new Error(`550 5.1.1 <${address.address}>: not a recipient of ${domain}`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error('552 5.3.4 message exceeds the fixed maximum message size'), { responseCode: 552 }));
        }
        const raw = Buffer.concat(chunks);
        const messageId = `local-${Date.now().toString(36)}-${randomUUID()}`;
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: `incoming/${messageId}`, Body: raw }))
          .then(() => {
            // Stored: the message cannot be lost any more. Accept it, then handle it as SES's Lambda action would.
            callback(null, `queued as ${messageId}`);
            const event = sesEvent(messageId, recipients, session.envelope.mailFrom ? session.envelope.mailFrom.address : '');
            const handled = options.lambdas
              .invoke('receiveInboundEmail', event)
              .then(() => undefined)
              .catch((error: Error) => options.log({ level: 'ERROR', message: 'inbound email handler failed; the message stays under incoming/', messageId, errorName: error.name, error: error.message }))
              .finally(() => running.delete(handled));
            running.add(handled);
          })
          .catch((error: Error) => callback(Object.assign(new Error(`451 4.3.0 could not store the message: ${error.name}`), { responseCode: 451 })));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => options.log({ level: 'ERROR', message: 'SMTP listener error', errorName: error.name }));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      while (running.size > 0) await Promise.allSettled([...running]);
      s3.destroy();
    },
  };
}

/** The event SES's receipt rule gives its Lambda action (the fields the handler reads, and their neighbours). */
function sesEvent(messageId: string, recipients: string[], mailFrom: string): SESEvent {
  const timestamp = new Date().toISOString();
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: { timestamp, source: mailFrom, messageId, destination: recipients, headersTruncated: false, headers: [], commonHeaders: { returnPath: mailFrom, date: timestamp, messageId, from: [], to: recipients } as never },
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients,
            spamVerdict: GRAY,
            virusVerdict: GRAY,
            spfVerdict: GRAY,
            dkimVerdict: GRAY,
            dmarcVerdict: GRAY,
            action: { type: 'Lambda', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:receiveInboundEmail', invocationType: 'Event' },
          },
        },
      },
    ],
  };
}
