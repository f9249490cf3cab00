// Shapes of GET /reviews and GET /reviews/passes/{id}.

export type PassStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'REVOKED' | 'EXPIRED';

export interface QueuedPass {
  id: string;
  fromLocation: string;
  toLocation: string;
  district: number;
  thana: number;
  startAt: string;
  endAt: string;
  durationHours: number;
  reason: string;
  tripType: string;
  createdAt: string;
  waitingSeconds: number;
}

export interface QueuePage {
  district: number;
  passes: QueuedPass[];
  nextCursor: string | null;
}

export interface ReviewedPass extends Omit<QueuedPass, 'waitingSeconds'> {
  status: PassStatus;
  vehicle: { number: string; selfDriven: boolean; driverName: string | null } | null;
  decisions: { id: string; decision: string; note: string; decidedAt: string }[];
  applicant: {
    name: string;
    gender: string;
    dateOfBirth: string;
    idType: string;
    idNumber: string;
    mobilePhone: string;
    photo: string | null;
  } | null;
}
