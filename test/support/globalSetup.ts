/**
 * Starts one DynamoDB Local (in memory, shared database) for the whole test
 * run on a free loopback port, for the few files that use a bare table of their own on it
 * (`inject('dynamoDbEndpoint')`). Files that start a platform start a DynamoDB Local of their own
 * (test/support/localPlatform.ts says why). Stopped at teardown.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodbLocal';
import { freePort } from '../../infra/local/ports';
import { checkJava } from '../../infra/local/prerequisites';

export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  checkJava();
  const dynamo = await startDynamoDbLocal({ port: await freePort(), longLived: true });
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}
