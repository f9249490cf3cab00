// The answer to POST /identity/otp: the code is recorded and its SMS queued; when it should leave, and when to resend.
import { z } from 'zod';

export const otpQueued = z.strictObject({
  sent: z.literal(true),
  expiresInSeconds: z.number().int(),
  /** ISO time the SMS is expected to leave the paced queue (now when the queue is idle). */
  sendAt: z.string(),
  /** ISO time a resend makes sense (the SMS left a while ago); earlier resends answer this same message. */
  resendAfter: z.string(),
  /** The same two moments as seconds from now, so a page counts down without trusting the phone's clock. */
  sendInSeconds: z.number().int().nonnegative(),
  resendInSeconds: z.number().int().nonnegative(),
});

export type OtpQueued = z.infer<typeof otpQueued>;
