// The Content-Security-Policy of every web page, one definition for CloudFront (stacks/constructs/web-distribution.ts)
// and the local edge (regions/edge/web-static.ts). The pages load only their own hashed scripts and styles (no inline
// script; one inline style, the citizen page's stylesheet, allowed by its hash), show data: images (QR codes,
// photos), call only their own origin's API.
import { citizenInlineCss, styleHashSource } from './tools/inline-css.ts';

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // The citizen page inlines its stylesheet so its first screen paints with no stylesheet request.
  'style-src': ["'self'", styleHashSource(citizenInlineCss())],
  // QR codes and applicant photos are data: URLs.
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'manifest-src': ["'self'"],
  // The service workers of the police PWA and of the citizen site.
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');
