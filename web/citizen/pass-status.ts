// The status to show for a pass that may be a kept copy: an approved pass whose window has ended is expired,
// whether or not the API has said so yet (a phone offline since yesterday must not show it as valid).
import type { Pass, PassStatus } from '../../api/contract/pass.ts';

export function shownStatus(pass: Pick<Pass, 'status' | 'endAt'>, now = Date.now()): PassStatus {
  return pass.status === 'APPROVED' && Date.parse(pass.endAt) <= now ? 'EXPIRED' : pass.status;
}
