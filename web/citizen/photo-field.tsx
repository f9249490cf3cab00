// Optional photo: take one with the camera or pick a file; shown resized (≤ 64 KB JPEG) before it is sent.
import { useState } from 'preact/hooks';
import { Field } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import { PhotoError, photoDataUrl } from './photo.ts';

export function PhotoField(props: {
  value: string;
  onValue: (dataUrl: string) => void;
  error?: string | undefined;
}) {
  const t = useT(m);
  const [problem, setProblem] = useState<string>();
  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setProblem(undefined);
    try {
      props.onValue(await photoDataUrl(file));
    } catch (error) {
      props.onValue('');
      setProblem(
        error instanceof PhotoError && error.kind === 'tooBig' ? t('photoTooBig') : t('photoUnreadable'),
      );
    }
    input.value = '';
  };
  return (
    <Field name="photo" label={t('photo')} hint={t('photoHint')} error={problem ?? props.error}>
      {(attrs) => (
        <div class="photo">
          <input
            {...attrs}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => onFile(e.currentTarget)}
          />
          {/* capture opens the camera on phones (a plain picker elsewhere); some phones offer only one of the two */}
          <label class="camera button">
            {t('takePhoto')}
            <input
              type="file"
              accept="image/*"
              capture="user"
              class="visually-hidden"
              onChange={(e) => onFile(e.currentTarget)}
            />
          </label>
          {props.value && (
            <div class="row">
              <img src={props.value} alt={t('photoPreview')} class="photo-preview" width={96} />
              <button type="button" onClick={() => props.onValue('')}>
                {t('removePhoto')}
              </button>
            </div>
          )}
        </div>
      )}
    </Field>
  );
}
