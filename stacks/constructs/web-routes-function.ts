// CloudFront viewer-request function on the web behaviour: a client-side route (no file extension) is served
// the HTML of the entry that owns it (web/entries.ts); files and the /api/* behaviours are left alone.
import { Function as CloudFrontFunction, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { entryHtml, WEB_ENTRIES, type WebEntry } from '../../web/entries.ts';

/**
 * The function's source (cloudfront-js-2.0, ES5-ish), generated from the entries: longest prefix first,
 * the same mapping as the local edge's `entryForPath`.
 */
export function webRoutesSource(entries: readonly WebEntry[] = WEB_ENTRIES): string {
  const routes = [...entries]
    .sort((a, b) => b.path.length - a.path.length)
    .map((entry) => [entry.path, `/${entryHtml(entry)}`]);
  return `var ROUTES = ${JSON.stringify(routes)};
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (/\\.[A-Za-z0-9]+$/.test(last)) return request;
  for (var i = 0; i < ROUTES.length; i++) {
    var prefix = ROUTES[i][0];
    if (uri.indexOf(prefix) === 0 || uri + '/' === prefix) {
      request.uri = ROUTES[i][1];
      return request;
    }
  }
  return request;
}
`;
}

export class WebRoutesFunction extends Construct {
  readonly fn: CloudFrontFunction;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.fn = new CloudFrontFunction(this, 'Function', {
      comment: 'Client-side routes of the web entries get their entry HTML',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(webRoutesSource()),
    });
  }
}
