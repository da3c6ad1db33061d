/**
 * The local SES endpoint and mailbox (`aws-ses-v2-local`): handlers send
 * through the ordinary SES v2 client pointed here; a person reads what
 * residents received in its web viewer, tests read its JSON at `/store`.
 */
import type { Server } from 'node:http';
import sesEmulatorModule from 'aws-ses-v2-local';

// The package is CommonJS with `exports.default`; under ESM the function sits one level down.
const startSesEmulator = ((sesEmulatorModule as unknown as { default?: typeof sesEmulatorModule }).default ?? sesEmulatorModule) as typeof sesEmulatorModule;

export interface MailboxHandle {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startMailbox(options: { port: number }): Promise<MailboxHandle> {
  const server = (await startSesEmulator({ host: '127.0.0.1', port: options.port })) as unknown as Server;
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    port: options.port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export interface MailboxEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export async function readMailbox(endpoint: string): Promise<MailboxEmail[]> {
  const response = await fetch(`${endpoint}/store`);
  const store = (await response.json()) as { emails: MailboxEmail[] };
  return store.emails;
}
