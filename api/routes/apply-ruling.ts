// At apply time: the approval rules decide (a `system` decision event) or send the pass to its district's review queue.
import type { AppDeps } from '../deps.ts';
import { evaluateApprovalRules, ruleNote } from '../domain/approval-rules.ts';
import { type DecisionRecord, decisionItem } from '../store/decisions.ts';
import { keys } from '../store/keys.ts';
import type { Pass } from '../store/passes.ts';

export interface ApplyRuling {
  /** The review-queue entry on the pass item (absent when a rule decided). */
  passAttributes?: Record<string, string>;
  /** The rule's decision item, written in the apply transaction. */
  facts?: Record<string, unknown>[];
  decisions: DecisionRecord[];
}

export function applyRuling(deps: AppDeps, pass: Omit<Pass, 'originRegion'>): ApplyRuling {
  const ruling = evaluateApprovalRules(deps.approvalRules, pass);
  if (ruling.outcome === 'REVIEW')
    return { passAttributes: keys.reviewPass(pass.district, pass.id), decisions: [] };
  const record: DecisionRecord = {
    id: deps.newId(),
    passId: pass.id,
    decision: ruling.decision,
    note: ruleNote(ruling.rule),
    decidedBy: 'system',
    decidedAt: pass.createdAt,
    district: pass.district,
    reason: pass.reason,
    rule: ruling.rule.id,
    ...(pass.loadTest ? { loadTest: true } : {}),
  };
  return { facts: [decisionItem(record, false)], decisions: [record] };
}
