/**
 * `npm run reports -- weekly [--week 2026-W41] [--estate EST01]...`: compiles, archives and mails the weekly
 * report now, with the same code as the Monday schedule (functions/tasks/compileWeeklyReports.ts): what was
 * already archived or mailed is left as it is. Default week: each estate's last week.
 *
 * Against the local platform of `npm start` (DynamoDB Local on DYNAMODB_PORT, the mailbox on MAILBOX_PORT,
 * table CASE_TABLE_NAME or `ComplaintCases`); with `--aws`, against the account and region of the usual AWS
 * environment variables (CASE_TABLE_NAME, STAFF_USER_POOL_ID, SENDER_EMAIL of the deployment).
 * Exit status: 0 done; 1 an estate failed or a mailing was refused; 2 bad usage.
 */
const USAGE = 'usage: npm run reports -- weekly [--week YYYY-Www] [--estate ESTATE_ID]... [--aws]';

async function main(): Promise<number> {
  const [command, ...flags] = process.argv.slice(2);
  const estateIds: string[] = [];
  let week: string | undefined;
  let aws = false;
  for (let i = 0; i < flags.length; i += 1) {
    const flag = flags[i];
    if (flag === '--aws') aws = true;
    else if (flag === '--week' && flags[i + 1]) week = flags[++i];
    else if (flag === '--estate' && flags[i + 1]) estateIds.push(flags[++i]!);
    else {
      console.error(USAGE);
      return 2;
    }
  }
  if (command !== 'weekly') {
    console.error(USAGE);
    return 2;
  }
  if (!aws) {
    process.env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
    process.env.AWS_ENDPOINT_URL_SESV2 ??= `http://127.0.0.1:${process.env.MAILBOX_PORT ?? 8005}`;
    process.env.AWS_REGION ??= 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    process.env.CASE_TABLE_NAME ??= 'ComplaintCases';
    process.env.SENDER_EMAIL ??= 'complaints@demo-group.example';
  }
  process.env.PUBLIC_BASE_URL ??= 'http://localhost:3000';
  if (!process.env.CASE_TABLE_NAME) {
    console.error('set CASE_TABLE_NAME to the case table of the deployment');
    return 2;
  }
  // Imported after the environment is set: the handler's clients read it when first used.
  const { handler } = await import('../../functions/tasks/compileWeeklyReports');
  try {
    const run = await handler({ ...(week ? { week } : {}), ...(estateIds.length ? { estateIds } : {}) });
    console.log(JSON.stringify(run));
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

main().then((code) => process.exit(code));
