// A citizen's session answers (register, login, refresh): a 12 h access token and its 30-day, one-use refresh token.
import { z } from 'zod';

export const sessionTokens = z.strictObject({ token: z.string(), refreshToken: z.string() });
export const citizenSession = sessionTokens.extend({ applicantId: z.string() });

export type SessionTokens = z.infer<typeof sessionTokens>;
export type CitizenSession = z.infer<typeof citizenSession>;
