// A region's Route 53 health check through @aws-sdk/client-route-53: the same calls locally (the edge) and on AWS.
import {
  GetHealthCheckCommand,
  GetHealthCheckStatusCommand,
  type HealthCheck,
  ListHealthChecksCommand,
  Route53Client,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';

export interface RegionCheck {
  regionId: string;
  id: string;
  fqdn: string;
  inverted: boolean;
  disabled: boolean;
  intervalSeconds: number;
  failureThreshold: number;
}

/** Locally the edge plays Route 53 and ignores credentials; on AWS the SDK's default chain applies. */
export function route53Client(endpoint: string | undefined, local: boolean): Route53Client {
  return new Route53Client({
    region: 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 3,
  });
}

const view = (regionId: string, check: HealthCheck): RegionCheck => ({
  regionId,
  id: check.Id ?? '',
  fqdn: check.HealthCheckConfig?.FullyQualifiedDomainName ?? '',
  inverted: check.HealthCheckConfig?.Inverted ?? false,
  disabled: check.HealthCheckConfig?.Disabled ?? false,
  intervalSeconds: check.HealthCheckConfig?.RequestInterval ?? 30,
  failureThreshold: check.HealthCheckConfig?.FailureThreshold ?? 3,
});

/** Does this check probe that region? Its domain name carries the region id (api-<region>.<domain> on AWS). */
export function checkMatches(fqdn: string, regionId: string, domain?: string): boolean {
  const labels = fqdn.toLowerCase().split('.');
  const hit = labels.some((label) => label === regionId || label.endsWith(`-${regionId}`));
  return hit && (!domain || fqdn.toLowerCase().endsWith(domain.toLowerCase()));
}

export class HealthChecks {
  constructor(
    private readonly client: Route53Client,
    /** With dryRun every call is printed, and the ones that change something are not sent. */
    private readonly options: { dryRun: boolean; print?: (line: string) => void },
  ) {}

  /** A dry run prints every call; a real drill only the ones that change something. */
  private say(command: string, input: unknown, sent: boolean) {
    if (!this.options.dryRun && !command.startsWith('Update')) return;
    const note = !this.options.dryRun ? '' : sent ? '   (read-only: sent)' : '   (dry run: not sent)';
    this.options.print?.(`route53 ${command} ${JSON.stringify(input)}${note}`);
  }

  private listing: Promise<HealthCheck[]> | undefined;

  /** Every check, paging through ListHealthChecks; listed once per drill (regions are looked up together). */
  list(): Promise<HealthCheck[]> {
    this.listing ??= this.listAll().catch((error) => {
      this.listing = undefined;
      throw error;
    });
    return this.listing;
  }

  private async listAll(): Promise<HealthCheck[]> {
    const all: HealthCheck[] = [];
    let marker: string | undefined;
    do {
      const input = { MaxItems: 100, ...(marker ? { Marker: marker } : {}) };
      this.say('ListHealthChecks', input, true);
      const page = await this.client.send(new ListHealthChecksCommand(input));
      all.push(...(page.HealthChecks ?? []));
      marker = page.IsTruncated ? page.NextMarker : undefined;
    } while (marker);
    return all;
  }

  /** The region's check: by id (a stack output) or by the domain name it probes. */
  async find(regionId: string, options: { id?: string; domain?: string } = {}): Promise<RegionCheck> {
    if (options.id) {
      this.say('GetHealthCheck', { HealthCheckId: options.id }, true);
      const out = await this.client.send(new GetHealthCheckCommand({ HealthCheckId: options.id }));
      if (!out.HealthCheck) throw new Error(`no health check ${options.id}`);
      return view(regionId, out.HealthCheck);
    }
    const matches = (await this.list()).filter((check) =>
      checkMatches(check.HealthCheckConfig?.FullyQualifiedDomainName ?? '', regionId, options.domain),
    );
    if (matches.length !== 1)
      throw new Error(
        `${matches.length === 0 ? 'no' : 'more than one'} health check probes a domain name with ${regionId}` +
          `${options.domain ? ` under ${options.domain}` : ''}; pass --health-check-id`,
      );
    return view(regionId, matches[0] as HealthCheck);
  }

  async get(regionId: string, id: string): Promise<RegionCheck> {
    return this.find(regionId, { id });
  }

  /** What the checkers report now: healthy when most observations say Success (as Route 53 decides). */
  async healthy(id: string): Promise<boolean> {
    this.say('GetHealthCheckStatus', { HealthCheckId: id }, true);
    const out = await this.client.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }));
    const observations = out.HealthCheckObservations ?? [];
    const ok = observations.filter((o) => o.StatusReport?.Status?.startsWith('Success')).length;
    return observations.length > 0 && ok * 2 > observations.length;
  }

  /** Drains (true) or restores (false) a region. Never Disabled: a disabled check counts as healthy. */
  async setInverted(id: string, inverted: boolean): Promise<void> {
    const input = { HealthCheckId: id, Inverted: inverted };
    this.say('UpdateHealthCheck', input, !this.options.dryRun);
    if (this.options.dryRun) return;
    await this.client.send(new UpdateHealthCheckCommand(input));
  }

  close(): void {
    this.client.destroy();
  }
}
