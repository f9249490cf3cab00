// Latency routing order: nearest region first for the client's location, Dhaka when it does not say.
import { describe, expect, it } from 'vitest';
import { REGIONS } from '../../../regions/catalogue.ts';
import {
  DEFAULT_CLIENT_LOCATION,
  greatCircleKm,
  latencyOrder,
  parseClientLocation,
  routeOrder,
} from '../../../regions/edge/geo-latency.ts';

const active = REGIONS.filter((r) => ['ap-south-1', 'ap-southeast-1', 'ap-south-2'].includes(r.id));
const ids = (location: string | undefined) =>
  latencyOrder(active, parseClientLocation(location)).map((r) => r.id);

describe('latency order', () => {
  it('sends a client near Mumbai to ap-south-1 first', () => {
    expect(ids('19.07,72.87')[0]).toBe('ap-south-1');
  });

  it('sends a client near Singapore to ap-southeast-1 first', () => {
    expect(ids('1.35,103.82')).toEqual(['ap-southeast-1', 'ap-south-2', 'ap-south-1']);
  });

  it('treats a client without a location as being in Dhaka, nearest Hyderabad', () => {
    expect(ids(undefined)).toEqual(['ap-south-2', 'ap-south-1', 'ap-southeast-1']);
    expect(ids(undefined)).toEqual(ids('23.81,90.41'));
  });

  it('falls back to Dhaka for malformed or out-of-range locations', () => {
    for (const bad of ['', 'x,y', '91,0', '0,181', '1,2,3', '12', ' , 4'])
      expect(parseClientLocation(bad)).toEqual(DEFAULT_CLIENT_LOCATION);
    expect(parseClientLocation(' 1.5 , -2.25 ')).toEqual({ lat: 1.5, lon: -2.25 });
  });

  it('estimates more latency for farther regions', () => {
    const order = latencyOrder(active, { lat: 19.07, lon: 72.87 });
    const ms = order.map((r) => r.estimatedMs);
    expect([...ms].sort((a, b) => a - b)).toEqual(ms);
    expect(ms[0]).toBeLessThan(10);
  });

  it('breaks distance ties by region id so every edge picks the same order', () => {
    const twins = [
      { id: 'b', lat: 0, lon: 10 },
      { id: 'a', lat: 0, lon: -10 },
    ];
    expect(latencyOrder(twins, { lat: 0, lon: 0 }).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('measures great-circle distance (Mumbai–Singapore is about 3,900 km)', () => {
    expect(greatCircleKm({ lat: 19.08, lon: 72.88 }, { lat: 1.35, lon: 103.82 })).toBeCloseTo(3_910, -2);
  });

  it('skips regions that are not routable but keeps the latency order of the rest', () => {
    const order = latencyOrder(active, DEFAULT_CLIENT_LOCATION);
    expect(routeOrder(order, new Set(['ap-southeast-1', 'ap-south-1']))).toEqual([
      'ap-south-1',
      'ap-southeast-1',
    ]);
  });
});
