// GET /api/v1/openapi.json: the published contract, built once per container from the route schemas.
import { Hono } from 'hono';
import { openApiDocument } from '../openapi/document.ts';

export const openApiRoutes = () => {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return new Hono().get('/', (c) => {
    document ??= openApiDocument();
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(document);
  });
};
