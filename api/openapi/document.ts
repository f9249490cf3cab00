// The OpenAPI 3.1 document: every operation of operations.ts with its auth, parameters, request body (JSON Schema
// converted by zod 4 from the schemas the routes validate with), success and error answers in the one error shape.
import { toJSONSchema } from 'zod/v4/core';
import { OPERATIONS, type Operation } from './operations.ts';

type Json = Record<string, unknown>;

/** Input side (what a client sends); refinements zod cannot express stay in the prose of the error answers. */
const jsonSchema = (schema: NonNullable<Operation['body']>, io: 'input' | 'output' = 'input'): Json => {
  const { $schema, ...rest } = toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', examples: ['VALIDATION_FAILED'] },
        message: { type: 'string' },
        details: {
          type: 'array',
          description: 'one entry per field at fault (400); empty otherwise',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function queryParameters(schema: Operation['query']) {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema) as { properties?: Json; required?: string[] };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: property,
  }));
}

function operationObject(op: Operation) {
  const responses: Record<string, unknown> = {
    [op.success[0]]: {
      description: op.success[1],
      content: {
        'application/json': { schema: op.response ? jsonSchema(op.response, 'output') : { type: 'object' } },
      },
    },
    400: errorAnswer('VALIDATION_FAILED (details name each field at fault), MALFORMED_JSON'),
    413: errorAnswer('PAYLOAD_TOO_LARGE (bodies over 100 KB)'),
    500: errorAnswer('INTERNAL (never a stack trace)'),
  };
  if (op.path.startsWith('/api/')) responses[403] = errorAnswer('FORBIDDEN');
  if (op.roles) responses[401] = errorAnswer('UNAUTHORIZED: missing, invalid, expired or retired token');
  for (const [status, description] of Object.entries(op.errors)) responses[status] = errorAnswer(description);
  const parameters = [
    ...(op.pathParams ?? []).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...queryParameters(op.query),
    ...(op.headers ?? []).map((h) => ({
      name: h.name,
      in: 'header',
      required: false,
      description: h.description,
      schema: { type: 'string' },
    })),
  ];
  return {
    summary: op.summary,
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(op.roles ? { security: [{ bearer: [] }], 'x-roles': op.roles } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
      : {}),
    responses,
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Movement Pass API',
      version: '1',
      description:
        'Citizens register and apply for movement passes; officers decide; police verify; managers read aggregates. ' +
        'Every error is {"error": {"code", "message", "details": [{"path", "message"}]}}.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT (ES256)',
          description:
            'From POST /api/v1/identity/login|register (citizen) or /api/v1/staff/login (staff); `x-roles` lists who may call',
        },
      },
    },
  };
}
