// The pass as GET /api/v1/passes and /passes/{id} return it.

export type PassStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'REVOKED' | 'EXPIRED';

export interface Pass {
  id: string;
  status: PassStatus;
  fromLocation: string;
  toLocation: string;
  district: number;
  thana: number;
  startAt: string;
  endAt: string;
  durationHours: number;
  tripType: string;
  reason: string;
  createdAt: string;
  vehicle?: { number: string; selfDriven: boolean; driver?: { name: string; licenseNo: string } };
  decisions: { id: string; decision: string; note: string; decidedAt: string }[];
  qr?: string;
}
