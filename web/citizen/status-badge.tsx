// A pass status as a coloured, translated badge.
import { useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import type { PassStatus } from './pass-types.ts';

export function StatusBadge({ status }: { status: PassStatus }) {
  const t = useT(m);
  return <span class={`status status-${status}`}>{t(`status_${status}`)}</span>;
}
