// The shape of GET /api/v1/stats (api/stats/summary.ts) as the dashboard reads it.

export interface MetricRow {
  registrations: number;
  applications: number;
  approved: number;
  rejected: number;
  revoked: number;
  checksValid: number;
  checksInvalid: number;
}

export interface Stats {
  from: string;
  to: string;
  timeZone: string;
  totals: MetricRow & { pending: number };
  byDay: (MetricRow & { day: string })[];
  byHour: (MetricRow & { hour: string })[];
  byDistrict: (MetricRow & { district: number })[];
  byReason: (MetricRow & { reason: string })[];
  byRegion: (MetricRow & { region: string })[];
  decisionsBySource: (MetricRow & { source: string })[];
  checksByResult: { result: string; count: number }[];
}

/** One bar chart's data: a label and a value per bar (also the CSV's rows). */
export interface Series {
  id: string;
  title: string;
  /** The column headers for the text alternative and the CSV. */
  labelHeader: string;
  valueHeader: string;
  bars: { label: string; value: number }[];
}
