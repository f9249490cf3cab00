// The API configuration every in-process bench builds its app from: one region on the bench's table, no OTP or SMS-pace limit.
import { configFromEnv } from '../api/config/env-config.ts';

export interface BenchTable {
  endpoint: string;
  table: string;
  keysDir: string;
}

export const benchConfig = (ctx: BenchTable, extra: Record<string, string> = {}) =>
  configFromEnv({
    MP_REGION: 'ap-south-1',
    MP_DB_ENDPOINT: ctx.endpoint,
    MP_TABLE_NAME: ctx.table,
    MP_KEYS_DIR: ctx.keysDir,
    MP_OTP_IP_LIMIT: '1000000',
    // The benches measure the API, not the SMS pace (test/api/otp-queue.test.ts checks that): every code leaves at once.
    MP_SMS_MPS: '1000000',
    ...extra,
  });
