// Reference data for clients: districts with thanas, reasons, id types, genders, trip types.
import { Hono } from 'hono';
import { REFERENCE } from '../domain/reference.ts';

const body = JSON.stringify(REFERENCE);

export const referenceRoutes = () =>
  new Hono().get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=86400, stale-while-revalidate=604800');
    c.header('Content-Type', 'application/json; charset=UTF-8');
    return c.body(body);
  });
