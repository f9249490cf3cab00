// AWS Lambda entry of the delivery-receipt handler (SNS subscription of the configuration set's event topic).
import type { SNSEvent } from 'aws-lambda';
import { createDb } from '../store/db.ts';
import { recordDeliveries } from './delivery-events.ts';
import { emfSmsMetrics } from './sms-metrics.ts';

const region = process.env.MP_REGION ?? process.env.AWS_REGION ?? 'ap-south-1';
const db = createDb({ region, table: process.env.MP_TABLE_NAME ?? 'movement-pass' });
const metrics = emfSmsMetrics(region);

export const handler = async (event: SNSEvent): Promise<void> => {
  await recordDeliveries(event, db, metrics);
};
