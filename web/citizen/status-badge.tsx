// A pass status as a coloured, translated badge.

import type { PassStatus } from '../../api/contract/pass.ts';
import { useT } from '../kit/i18n.ts';
import { m } from './messages.ts';

export function StatusBadge({ status }: { status: PassStatus }) {
  const t = useT(m);
  return <span class={`status status-${status}`}>{t(`status_${status}`)}</span>;
}
