/**
 * The complaint lifecycle: a Standard state machine whose definition is the
 * ASL of workflows/complaintLifecycle.ts, deployed unchanged, with each
 * `${<fn>Arn}` placeholder filled in by CloudFormation (DefinitionSubstitutions).
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { lambdaFunctions, type LambdaFunctionName } from '../catalog';
import { COMPLAINT_LIFECYCLE_NAME, complaintLifecycleDefinition, lifecycleFunctionNames } from '../../workflows/complaintLifecycle';

export interface LifecycleWorkflowProps {
  functions: Record<LambdaFunctionName, lambda.IFunction>;
}

export class LifecycleWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly stateMachineName: string;

  constructor(scope: Construct, id: string, props: LifecycleWorkflowProps) {
    super(scope, id);
    const names = lifecycleFunctionNames();
    for (const name of names) {
      // A task function that could start the lifecycle would need the state machine's ARN while the
      // state machine needs the function's ARN: a CloudFormation dependency cycle.
      if ((lambdaFunctions[name].access as { startLifecycle?: boolean }).startLifecycle) {
        throw new Error(`${name} is a task of ${COMPLAINT_LIFECYCLE_NAME} and cannot also start it (dependency cycle)`);
      }
    }
    const taskFunctions = names.map((name) => props.functions[name]);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      // The /aws/vendedlogs/ prefix keeps the CloudWatch Logs resource policy small (AWS advice for Step Functions).
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-${COMPLAINT_LIFECYCLE_NAME}`,
      retention: logs.RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stateMachineName = `${Stack.of(this).stackName}-${COMPLAINT_LIFECYCLE_NAME}`;
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: this.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify(complaintLifecycleDefinition())),
      definitionSubstitutions: Object.fromEntries(names.map((name) => [`${name}Arn`, props.functions[name].functionArn])),
      // Every event is logged, but never the execution data: inputs and outputs may carry personal data.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });

    // Invoke on the unqualified function ARNs the definition uses, and nothing else. (`grantInvoke`
    // would also allow every version and alias, `<arn>:*`, which the workflow never calls.)
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: taskFunctions.map((fn) => fn.functionArn) }),
    );
  }
}
