/**
 * The HTTP API: one route per entry of `httpRoutes` (infra/catalog.ts), each
 * integrated with its Lambda function, on a throttled `$default` stage with
 * access logging. Routes with `auth: 'staff'` carry the Cognito JWT authorizer
 * (it verifies the token and passes its claims; the handlers read them, see
 * functions/platform/auth.ts, and do not verify the token again); public
 * intake has a tighter route throttle, and the handler adds per-IP and
 * per-estate limits API Gateway cannot express (functions/platform/rateLimit.ts).
 */
import { NestedStack, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { httpRoutes, type LambdaFunctionName } from '../catalog';
import type { StaffDirectory } from './staffDirectory';

/** Route-level throttle of public intake (requests per second over all callers); per-IP and per-estate limits are in the handler. */
export const INTAKE_ROUTE_KEY = 'POST /api/v1/complaints';
export const INTAKE_THROTTLE = { rateLimit: 10, burstLimit: 20 };

export interface HttpApiProps {
  /** Steady-state requests per second over the whole API. */
  rateLimit?: number;
  burstLimit?: number;
  /** Throttle of `POST /api/v1/complaints` alone. */
  intakeThrottle?: { rateLimit: number; burstLimit: number };
}

export class PlatformHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly routes: apigwv2.HttpRoute[] = [];
  /**
   * The routes, their Lambda integrations and their per-route invoke permissions (about 160 resources): a nested
   * stack of their own, because CloudFormation allows 500 resources a stack (docs/decisions/api-routes-nested-stack.md).
   */
  routeStack: NestedStack | undefined;
  private readonly intakeThrottle: { rateLimit: number; burstLimit: number };

  constructor(scope: Construct, id: string, props: HttpApiProps = {}) {
    super(scope, id);
    this.intakeThrottle = props.intakeThrottle ?? INTAKE_THROTTLE;
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Complaint platform: resident web pages and the public API',
      // The stage is created below, with throttling and access logs the default stage does not offer.
      createDefaultStage: false,
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // The route key (`GET /track/{id}`), not the path or query: paths carry case ids and
        // tracking links carry a token. No source IP or user agent either (personal data).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            // Why the JWT authorizer refused a token (e.g. it has expired); never the token itself.
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
  }

  /**
   * Add the catalog's routes; each function gets one integration however many routes it serves.
   * Staff routes get the staff directory's JWT authorizer: API Gateway refuses a request without
   * a valid ID token of the pool's app client (401) before any function runs.
   */
  addCatalogRoutes(functions: Record<LambdaFunctionName, lambda.IFunction>, staffDirectory: StaffDirectory): void {
    const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', staffDirectory.userPool, {
      userPoolClients: [staffDirectory.client],
      identitySource: ['$request.header.Authorization'],
    });
    const integrations = new Map<LambdaFunctionName, HttpLambdaIntegration>();
    const routeStack = (this.routeStack = new NestedStack(this, 'Routes', { description: 'Complaint platform: the HTTP API routes, their Lambda integrations and invoke permissions' }));
    for (const route of httpRoutes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.function}Integration`, functions[route.function], {
          payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(route.function, integration);
      }
      const added = [
        new apigwv2.HttpRoute(routeStack, `${route.method}${route.path}`, {
          httpApi: this.api,
          routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
          integration,
          ...(route.auth === 'staff' ? { authorizer } : {}),
        }),
      ];
      this.routes.push(...added);
      if (`${route.method} ${route.path}` === INTAKE_ROUTE_KEY) {
        // Route settings name a route key, which must exist before the stage refers to it.
        const stage = this.stage.node.defaultChild as apigwv2.CfnStage;
        stage.routeSettings = {
          // CloudFormation property names: `routeSettings` is untyped, so CDK does not convert the case.
          [INTAKE_ROUTE_KEY]: { ThrottlingRateLimit: this.intakeThrottle.rateLimit, ThrottlingBurstLimit: this.intakeThrottle.burstLimit },
        };
        for (const r of added) this.stage.node.addDependency(r);
      }
    }
  }

  /** The routes with no authorizer (`auth: 'public'` in the catalog). */
  get publicRoutes(): apigwv2.HttpRoute[] {
    return this.routes.filter((r) => (r.node.defaultChild as apigwv2.CfnRoute).authorizationType === undefined || (r.node.defaultChild as apigwv2.CfnRoute).authorizationType === 'NONE');
  }

  /** The base URL of the `$default` stage, without a trailing slash. */
  get endpoint(): string {
    return this.api.apiEndpoint;
  }
}
