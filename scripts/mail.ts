/**
 * `npm run mail -- drop file.eml [--to address]`: hands a saved email to the
 * running local platform's SMTP listener (SMTP_PORT, default 2525), as a mail
 * server would: envelope sender and recipients from the message's own From,
 * To and Cc (or `--to`). The listener stores it in the inbound-mail bucket and
 * files it as a complaint, a reply or a refusal (docs/EMAIL_INTAKE.md).
 */
import { readFileSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import PostalMime from 'postal-mime';

const usage = 'Usage: npm run mail -- drop <file.eml> [--to <address>]   (SMTP_PORT, default 2525)';

async function main() {
  const [command, file, ...rest] = process.argv.slice(2);
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
