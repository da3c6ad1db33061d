/**
 * `npm run token -- <user>` prints a bearer token for a demo user, signed by
 * the local issuer of the data folder `npm start` uses (DATA_DIR, default .data).
 * `npm run token -- --list` lists the demo users with their role and estates.
 */
import { resolve } from 'node:path';
import { demoUsers } from './demoGroup';
import { createLocalIssuer } from './localIssuer';

async function main() {
  const [argument] = process.argv.slice(2);
  if (!argument || argument === '--help') {
    console.error('usage: npm run token -- <userId>   |   npm run token -- --list');
    process.exit(argument ? 0 : 2);
  }
  if (argument === '--list') {
    for (const user of demoUsers) console.log([user.userId.padEnd(22), user.role.padEnd(19), user.estates.padEnd(6), user.departmentId ?? ''].join(' ').trimEnd());
    return;
  }
  const user = demoUsers.find((u) => u.userId === argument);
  if (!user) {
    console.error(`no demo user "${argument}"; npm run token -- --list shows them`);
    process.exit(2);
  }
  const issuer = await createLocalIssuer(resolve(process.env.DATA_DIR || '.data'));
  console.log(await issuer.mint(user));
}

void main();
