/**
 * Every Lambda function of the platform and every HTTP route, described once.
 * The CDK stack creates a NodejsFunction and an HTTP API route from each
 * entry; the local runtime loads the same handler files and serves the same
 * routes; the bench bundles the same entries.
 */
export interface LambdaSpec {
  /** Path of the handler file from the repository root; it exports `handler`. */
  entry: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** What the function may touch; the stack grants exactly this. */
  access: { caseTable: 'read' | 'read-write'; sendEmail?: boolean; startLifecycle?: boolean };
}

export const lambdaFunctions = {
  listEstates: {
    entry: 'functions/api/listEstates.ts',
    description: 'GET /api/v1/estates: estates a resident can choose',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  createComplaint: {
    entry: 'functions/api/createComplaint.ts',
    description: 'POST /api/v1/complaints: receipt of a complaint',
    timeoutSeconds: 15,
    memoryMb: 512,
    access: { caseTable: 'read-write', startLifecycle: true },
  },
  getComplaintStatus: {
    entry: 'functions/api/getComplaintStatus.ts',
    description: "GET /api/v1/complaints/{id}: the complainant's private view",
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  openApiDocument: {
    entry: 'functions/api/openApiDocument.ts',
    description: 'GET /api/openapi.json: the API contract generated from the zod schemas',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  health: {
    entry: 'functions/api/health.ts',
    description: 'GET /health: liveness of the API and the case store',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  webPages: {
    entry: 'functions/api/webPages.ts',
    description: 'Resident web pages: complaint form and tracking page',
    timeoutSeconds: 5,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  getCase: {
    entry: 'functions/api/getCase.ts',
    description: 'GET /api/v1/cases/{id}: the full case and timeline, for staff',
    timeoutSeconds: 10,
    memoryMb: 256,
    access: { caseTable: 'read' },
  },
  acknowledgeComplaint: {
    entry: 'functions/tasks/acknowledgeComplaint.ts',
    description: 'Workflow task: acknowledge a complaint and email the complainant',
    timeoutSeconds: 30,
    memoryMb: 512,
    access: { caseTable: 'read-write', sendEmail: true },
  },
  parkForAttention: {
    entry: 'functions/tasks/parkForAttention.ts',
    description: 'Workflow task: park a case whose step failed and alert the estate desk',
    timeoutSeconds: 30,
    memoryMb: 256,
    access: { caseTable: 'read-write', sendEmail: true },
  },
} satisfies Record<string, LambdaSpec>;

export type LambdaFunctionName = keyof typeof lambdaFunctions;

export interface HttpRoute {
  method: 'GET' | 'POST';
  /** API Gateway HTTP API path syntax: `{id}` is a path parameter. */
  path: string;
  function: LambdaFunctionName;
  /**
   * `public`: anyone (residents hold a tracking token checked by the handler);
   * `staff`: a bearer JWT is required (the API's JWT authorizer in AWS; the handler verifies it too).
   */
  auth: 'public' | 'staff';
}

export const httpRoutes: HttpRoute[] = [
  { method: 'GET', path: '/', function: 'webPages', auth: 'public' },
  { method: 'GET', path: '/track/{id}', function: 'webPages', auth: 'public' },
  { method: 'GET', path: '/health', function: 'health', auth: 'public' },
  { method: 'GET', path: '/api/openapi.json', function: 'openApiDocument', auth: 'public' },
  { method: 'GET', path: '/api/v1/estates', function: 'listEstates', auth: 'public' },
  { method: 'POST', path: '/api/v1/complaints', function: 'createComplaint', auth: 'public' },
  { method: 'GET', path: '/api/v1/complaints/{id}', function: 'getComplaintStatus', auth: 'public' },
  { method: 'GET', path: '/api/v1/cases/{id}', function: 'getCase', auth: 'staff' },
];
