// Refuses API requests that did not come through our proxy when the configuration says the regional endpoint is
// private (in AWS: api-<region>.<domain> called directly gets 403; only CloudFront knows the origin secret).
import { createMiddleware } from 'hono/factory';
import { fromOurProxy, type OriginTrust } from './client-address.ts';
import { forbidden } from './errors.ts';

export const originGuard = (trust: OriginTrust | undefined) =>
  createMiddleware(async (c, next) => {
    if (trust?.required && !fromOurProxy(c, trust))
      throw forbidden('call the API through the public site, not a regional endpoint');
    await next();
  });
