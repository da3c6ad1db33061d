/**
 * The HTTP API locally: turns each request into an API Gateway HTTP API (v2)
 * event for the route's handler — the same routes and handlers the CDK stack
 * deploys (infra/catalog.ts) — and writes the handler's result back. On
 * `auth: 'staff'` routes it stands in for the API's JWT authorizer
 * (infra/local/jwtAuthorizer.ts): a request without a valid token gets API
 * Gateway's 401 and reaches no handler; otherwise the verified claims go into
 * the event as API Gateway puts them.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type HttpRoute, httpRoutes, streamingRoutes } from '../catalog';
import { AUTHORIZER_REFUSAL_BODY, type ApiGatewayJwtContext, type JwtAuthorizer } from './jwtAuthorizer';
import type { LambdaHost } from './lambdaHost';
import { LocalResponseStream } from './lambdaStreaming';

/** API Gateway refuses payloads over 10 MB before any Lambda runs; so do we. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

interface CompiledRoute {
  route: HttpRoute;
  pattern: RegExp;
  parameterNames: string[];
}

function compile(route: HttpRoute): CompiledRoute {
  const parameterNames: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a: string, b: string) => {
    parameterNames.push(a ?? b);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), parameterNames };
}

/** Routes that exist only locally, standing in for an AWS service (e.g. the issuer's JWKS, which Cognito publishes in AWS). */
export type LocalOnlyRoutes = Record<
  string,
  (body: string, request: { query: URLSearchParams; headers: IncomingHttpHeaders }) => APIGatewayProxyStructuredResultV2 | Promise<APIGatewayProxyStructuredResultV2>
>;

export async function startHttpGateway(options: {
  port: number;
  lambdas: Pick<LambdaHost, 'invoke' | 'invokeStreaming'>;
  /** API Gateway's JWT authorizer of the `auth: 'staff'` routes of `httpRoutes` (streaming routes have none: their function URL has no authorizer). */
  jwtAuthorizer: JwtAuthorizer;
  localOnlyRoutes?: LocalOnlyRoutes;
  log: (entry: Record<string, unknown>) => void;
}): Promise<{ url: string; inFlight(): number; stop(): Promise<void> }> {
  const streaming = new Set(streamingRoutes);
  // Requests being answered: the runtime is not idle (simulated time does not move) while any is.
  let inFlight = 0;
  const routes = [...httpRoutes, ...streamingRoutes].map(compile);
  const server: Server = createServer(async (request, response) => {
    const started = Date.now();
    inFlight += 1;
    response.once('close', () => (inFlight -= 1));
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (result: APIGatewayProxyStructuredResultV2) => {
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(result.headers ?? {})) headers[key] = String(value);
      if (!headers['content-type'] && result.body !== undefined) headers['content-type'] = 'application/json';
      response.writeHead(result.statusCode ?? 200, headers);
      response.end(result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    };
    const gatewayError = (statusCode: number, message: string) =>
      send({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: statusCode === 404 ? 'not_found' : 'request_rejected', message } }) });
    // The rest of an oversized body is discarded as it arrives; the connection closes after the answer.
    const tooLarge = () => {
      response.setHeader('connection', 'close');
      gatewayError(413, 'request body too large');
    };

    const localOnly = options.localOnlyRoutes?.[`${request.method} ${url.pathname}`];
    if (localOnly) {
      let body = '';
      try {
        body = (await readBody(request)).toString('utf8');
      } catch {
        return tooLarge();
      }
      return send(await localOnly(body, { query: url.searchParams, headers: request.headers }));
    }
    const candidates = routes.map((r) => ({ compiled: r, match: r.pattern.exec(url.pathname) })).filter((c) => c.match);
    const found = candidates.find((c) => c.compiled.route.method === request.method);
    if (!found) {
      request.resume();
      return candidates.length > 0 ? gatewayError(405, `${request.method} is not allowed on ${url.pathname}`) : gatewayError(404, `no route for ${url.pathname}`);
    }
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch {
      return tooLarge();
    }
    const { route, parameterNames } = found.compiled;
    let authorizer: ApiGatewayJwtContext | undefined;
    if (route.auth === 'staff' && !streaming.has(route)) {
      let decision: Awaited<ReturnType<JwtAuthorizer['authorize']>>;
      try {
        decision = await options.jwtAuthorizer.authorize(request.headers.authorization);
      } catch (error) {
        // A fault of the stand-in itself, never of the request: answered as API Gateway answers a failing authorizer.
        options.log({ level: 'ERROR', message: 'jwt authorizer failed', path: route.path, error: (error as Error).message });
        return send({ statusCode: 500, body: JSON.stringify({ message: 'Internal Server Error' }) });
      }
      if (!decision.allowed) {
        // API Gateway's own refusal: no handler runs, and none of the platform's headers are added.
        send({ statusCode: 401, headers: { 'content-type': 'application/json', 'www-authenticate': decision.wwwAuthenticate }, body: AUTHORIZER_REFUSAL_BODY });
        options.log({ message: 'http request', method: request.method, path: route.path, status: 401, authorizer: 'refused', authorizerError: decision.reason, ms: Date.now() - started });
        return;
      }
      authorizer = decision.authorizer;
    }
    let event: APIGatewayProxyEventV2;
    try {
      event = toHttpApiEvent(request, url, route, parameterNames, found.match!, body, authorizer);
    } catch {
      // A path parameter that is not valid percent-encoding (`%ff`): refused before any function runs.
      return gatewayError(400, 'malformed request path');
    }
    if (streaming.has(route)) {
      // A response-streaming function (in AWS behind its function URL): the body flows to the client as it is written.
      const stream = new LocalResponseStream(response);
      try {
        await options.lambdas.invokeStreaming(route.function, event, stream, event.requestContext.requestId);
        if (!stream.writableEnded) stream.end();
        options.log({ message: 'http request', method: request.method, path: route.path, status: stream.statusCode, streamed: true, ms: Date.now() - started, requestId: event.requestContext.requestId });
      } catch (error) {
        options.log({ level: 'ERROR', message: 'handler threw', function: route.function, ...describeFailure(error) });
        if (!response.headersSent) send({ statusCode: 500, body: JSON.stringify({ message: 'Internal Server Error' }) });
        else response.destroy();
      }
      return;
    }
    try {
      const result = (await options.lambdas.invoke(route.function, event, event.requestContext.requestId)) as APIGatewayProxyStructuredResultV2;
      send(result);
      options.log({ message: 'http request', method: request.method, path: route.path, status: result.statusCode, ms: Date.now() - started, requestId: event.requestContext.requestId });
    } catch (error) {
      options.log({ level: 'ERROR', message: 'handler threw', function: route.function, ...describeFailure(error) });
      // API Gateway answers an unhandled Lambda error with 500 Internal Server Error.
      send({ statusCode: 500, body: JSON.stringify({ message: 'Internal Server Error' }) });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  server.keepAliveTimeout = 5000;
  return {
    url: `http://localhost:${options.port}`,
    inFlight: () => inFlight,
    // Stops taking requests; requests already received are answered (their connections close once idle), then the rest is cut.
    stop: () => new Promise<void>((resolve) => {
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const cut = setTimeout(() => server.closeAllConnections(), 15_000);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(cut);
        resolve();
      });
      server.closeIdleConnections();
    }),
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_MAX_BODY) {
        // Stop keeping it (the caller answers 413), but drain the rest so the client can read the answer.
        request.removeAllListeners('data');
        request.resume();
        reject(new Error('too large'));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

function toHttpApiEvent(request: IncomingMessage, url: URL, route: HttpRoute, names: string[], match: RegExpExecArray, body: Buffer, authorizer?: ApiGatewayJwtContext): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  const pathParameters = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
  const isText = body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  const requestId = randomUUID();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(names.length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method: request.method ?? 'GET', path: url.pathname, protocol: `HTTP/${request.httpVersion}`, sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      // Only on routes with the JWT authorizer, as in AWS (the v2 event type of @types/aws-lambda leaves it out).
      ...(authorizer ? { authorizer } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

/**
 * What a failed invocation says in the runtime's log: the error's message and where it was thrown (the first
 * frames of the stack), and whether it was the function's timeout (middy aborts a handler that runs past its
 * time with an AbortError). No request data: stacks carry code locations only.
 */
function describeFailure(error: unknown): Record<string, unknown> {
  const failure = error as Error;
  const timedOut = /AbortError/.test(failure.message ?? '') || failure.name === 'TimeoutError';
  return {
    error: failure.message,
    ...(timedOut ? { timedOut: true } : {}),
    ...(failure.stack ? { at: failure.stack.split('\n').slice(1, 4).map((line) => line.trim()) } : {}),
  };
}
