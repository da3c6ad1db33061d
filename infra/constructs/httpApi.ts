/**
 * The public HTTP API: one route per entry of `httpRoutes` (infra/catalog.ts),
 * each integrated with its Lambda function, on a throttled `$default` stage
 * with access logging.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { httpRoutes, type LambdaFunctionName } from '../catalog';

export interface HttpApiProps {
  /** Steady-state requests per second over the whole API. */
  rateLimit?: number;
  burstLimit?: number;
}

export class PlatformHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly routes: apigwv2.HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: HttpApiProps = {}) {
    super(scope, id);
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
          }),
        ),
      },
    });
  }

  /** Add the catalog's routes; each function gets one integration however many routes it serves. */
  addCatalogRoutes(functions: Record<LambdaFunctionName, lambda.IFunction>): void {
    const integrations = new Map<LambdaFunctionName, HttpLambdaIntegration>();
    for (const route of httpRoutes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.function}Integration`, functions[route.function], {
          payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(route.function, integration);
      }
      this.routes.push(
        ...this.api.addRoutes({ path: route.path, methods: [apigwv2.HttpMethod[route.method]], integration }),
      );
    }
  }

  /** The base URL of the `$default` stage, without a trailing slash. */
  get endpoint(): string {
    return this.api.apiEndpoint;
  }
}
