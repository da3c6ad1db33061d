/** Start-up checks: fail at once with a one-line fix rather than halfway through. */
import { spawnSync } from 'node:child_process';

export class MissingPrerequisiteError extends Error {
  override readonly name = 'MissingPrerequisiteError';
}

const JAVA_FIX =
  'Install Java 17 or newer for DynamoDB Local: `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu), `brew install openjdk@17` (macOS), or set JAVA_HOME.';

export function javaCommand(): string {
  return process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
}

/** Returns Java's major version, or throws with the fix if Java is missing or older than 17. */
export function checkJava(): number {
  const result = spawnSync(javaCommand(), ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new MissingPrerequisiteError(`Java was not found. ${JAVA_FIX}`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) throw new MissingPrerequisiteError(`Java ${major || '(unknown version)'} is too old. ${JAVA_FIX}`);
  return major;
}

export function checkNode(): void {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new MissingPrerequisiteError(`Node.js ${process.versions.node} is too old; install Node.js 20.19 or newer (https://nodejs.org).`);
  }
}
