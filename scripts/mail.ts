/**
 * `npm run mail -- drop file.eml [--to address]`: hands a saved email to the
 * running local platform's SMTP listener (SMTP_PORT, default 2525), as a mail
 * server would: envelope sender and recipients from the message's own From,
 * To and Cc (or `--to`). The listener stores it in the inbound-mail bucket and
 * files it as a complaint, a reply or a refusal (docs/EMAIL_INTAKE.md).
 *
 * `npm run mail -- file-older`: once, after deploying the raw-message index: finds the case of each raw
 * message filed before messages were kept under their case and moves it there (functions/platform/olderRawMessages.ts).
 * It uses the deployed table and bucket: CASE_TABLE_NAME, INBOUND_MAIL_BUCKET, PUBLIC_BASE_URL and the AWS credentials
 * of the environment (locally AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_DYNAMODB point at the emulators).
 */
import { readFileSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import PostalMime from 'postal-mime';

const usage = 'Usage: npm run mail -- drop <file.eml> [--to <address>]   (SMTP_PORT, default 2525)\n       npm run mail -- file-older';

async function main() {
  const [command, file, ...rest] = process.argv.slice(2);
  if (command === 'file-older') {
    const { fileOlderRawMessages } = await import('../functions/platform/olderRawMessages');
    const result = await fileOlderRawMessages();
    console.log(`filed under their case: ${result.filed.length}; no case found (left for the 90-day rule): ${result.unmatched.length}${result.unmatched.length ? ` (${result.unmatched.join(', ')})` : ''}`);
    return;
  }
  if (command !== 'drop' || !file) {
    console.error(usage);
    process.exit(2);
  }
  const toIndex = rest.indexOf('--to');
  const explicitTo = toIndex >= 0 ? rest[toIndex + 1] : undefined;
  if (toIndex >= 0 && !explicitTo) {
    console.error(usage);
    process.exit(2);
  }
  const raw = readFileSync(file);
  const parsed = await PostalMime.parse(raw);
  const addresses = (list: typeof parsed.to) => (list ?? []).flatMap((a) => (a.group ? a.group : [a])).map((m) => m.address ?? '').filter(Boolean);
  const to = explicitTo ? [explicitTo] : [...addresses(parsed.to), ...addresses(parsed.cc)];
  if (to.length === 0) {
    console.error(`${file} has no To or Cc address; give one with --to`);
    process.exit(2);
  }
  const from = parsed.from && !parsed.from.group ? parsed.from.address ?? '' : '';
  const port = Number(process.env.SMTP_PORT || 2525);
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const info = await transport.sendMail({ envelope: { from, to }, raw });
  console.log(`dropped ${file} (${raw.byteLength} bytes) to ${to.join(', ')}: ${info.response}`);
}

main().catch((error: Error) => {
  console.error(`Cannot drop the message: ${error.message}`);
  process.exit(1);
});
