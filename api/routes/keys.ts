// The public pass-signing keys (JWKS): every key of the ring, so tokens signed before a rotation still verify.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';

export const keysRoutes = (deps: AppDeps) => {
  const body = JSON.stringify({ keys: deps.passKeys.publicJwks });
  return new Hono().get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=86400, stale-while-revalidate=604800');
    c.header('Content-Type', 'application/jwk-set+json; charset=UTF-8');
    return c.body(body);
  });
};
