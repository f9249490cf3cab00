// The line a kept copy carries when the API did not answer: "Offline — last updated …", in the reader's language.
import { formatDateTime, useLang, useT } from '../kit/i18n.ts';
import { pm } from './pass-messages.ts';

export function OfflineLine(props: { offline: boolean; savedAt: number | undefined; hasCopy: boolean }) {
  const t = useT(pm);
  const lang = useLang();
  if (!props.offline) return null;
  return (
    <p class="notice offline-line" role="status">
      {props.hasCopy && props.savedAt !== undefined
        ? t('offlineSince', { time: formatDateTime(new Date(props.savedAt).toISOString(), lang) })
        : t('offlineNothing')}
    </p>
  );
}
