// Latency routing as Route 53 does it, estimated from geography: client location → regions, nearest first.

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Where clients are assumed to be when they do not say (Dhaka). */
export const DEFAULT_CLIENT_LOCATION: GeoPoint = { lat: 23.81, lon: 90.41 };

const EARTH_RADIUS_KM = 6371;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Haversine distance. */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Round trip estimate: light in fibre covers ~200 km/ms, real paths are ~1.5× the great circle,
 * plus a few ms of fixed cost. Only the order matters for routing; the figure is for the status page.
 */
export function estimatedRttMs(km: number): number {
  return Math.round(5 + (2 * 1.5 * km) / 200);
}

/** Parses `X-Client-Location: lat,lon`; anything missing or malformed means the default location. */
export function parseClientLocation(header: string | undefined | null): GeoPoint {
  if (!header) return DEFAULT_CLIENT_LOCATION;
  const parts = header.split(',').map((part) => part.trim());
  if (parts.length !== 2 || parts.some((part) => part === '')) return DEFAULT_CLIENT_LOCATION;
  const [lat, lon] = parts.map(Number) as [number, number];
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return DEFAULT_CLIENT_LOCATION;
  return { lat, lon };
}

export interface RankedRegion {
  id: string;
  estimatedMs: number;
}

/** Every region, lowest estimated latency first; ties broken by id so the order is deterministic. */
export function latencyOrder(
  regions: readonly (GeoPoint & { id: string })[],
  client: GeoPoint,
): RankedRegion[] {
  return regions
    .map((region) => ({ id: region.id, km: greatCircleKm(client, region) }))
    .sort((a, b) => a.km - b.km || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id, km }) => ({ id, estimatedMs: estimatedRttMs(km) }));
}

/** The regions to try for one request: the latency order restricted to the routable ones. */
export function routeOrder(order: readonly RankedRegion[], routable: ReadonlySet<string>): string[] {
  return order.filter((region) => routable.has(region.id)).map((region) => region.id);
}
