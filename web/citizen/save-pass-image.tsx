// The "Save as image" button of an approved pass: draws it (web/citizen/pass-image.ts) in the page's language.
import type { Pass } from '../../api/contract/pass.ts';
import { formatDateTime, useLang, useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import { pm } from './pass-messages.ts';

export function SavePassImage(props: {
  pass: Pass;
  qr: string;
  holder: string | undefined;
  status: string;
  /** What to tell the person afterwards ('' while saving). */
  onResult: (sentence: string) => void;
}) {
  const t = useT(m);
  const tp = useT(pm);
  const lang = useLang();
  const { pass } = props;
  const save = async () => {
    props.onResult('');
    try {
      // Loaded on first use (and precached by the service worker, so it works offline).
      const { drawPassImage, savePassImage } = await import('./pass-image.ts');
      const rows: [string, string][] = [
        ...(props.holder ? [[t('holder'), props.holder] as [string, string]] : []),
        [t('route'), `${pass.fromLocation} → ${pass.toLocation}`],
        [t('validFrom'), formatDateTime(pass.startAt, lang)],
        [t('validUntil'), formatDateTime(pass.endAt, lang)],
        [tp('passNumber'), pass.id],
      ];
      const canvas = drawPassImage(props.qr, {
        title: tp('imageTitle'),
        status: props.status,
        rows,
        caption: t('qrTitle'),
      });
      const how = await savePassImage(canvas, `movement-pass-${pass.id}.png`);
      if (how === 'downloaded') props.onResult(tp('imageSaved'));
    } catch {
      props.onResult(tp('imageFailed'));
    }
  };
  return (
    <button type="button" onClick={save} title={tp('saveImageHint')}>
      {tp('saveImage')}
    </button>
  );
}
