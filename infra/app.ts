#!/usr/bin/env node
/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy -c senderDomain=…` (see docs/DEPLOY.md).
 * The stack is environment-agnostic (no account or region lookups): it synthesizes offline
 * and deploys to whatever account and region the CLI's credentials point at.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ComplaintPlatformStack } from './complaintPlatformStack';

const app = new App();
const stack = new ComplaintPlatformStack(app, 'ComplaintPlatform');
Tags.of(stack).add('application', 'complaint-platform');

// cdk-nag (AWS Solutions rules) runs at synthesis: an unacknowledged finding fails `cdk synth`.
// Acknowledgements, each with its reason, are in infra/nagSuppressions.ts.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

app.synth();
