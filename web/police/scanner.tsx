// The camera view: starts the back camera, reads frames until a QR code is found, then stops the camera.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import { createFrameReader } from './qr-reader.ts';

const FRAME_MS = 150;

export function Scanner(props: { onCode: (text: string) => void; onCancel: () => void }) {
  const t = useT(m);
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
        const element = video.current;
        if (stopped || !element) return;
        element.srcObject = stream;
        await element.play();
        const read = await createFrameReader();
        while (!stopped) {
          const text = await read(element);
          if (text && !stopped) {
            stopped = true;
            props.onCode(text);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
        }
      } catch (failure) {
        if (!stopped) setError(failure instanceof Error ? failure.name : String(failure));
      }
    })();
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return (
    <section class="scanner" aria-label={t('scan')}>
      {error ? (
        <p class="form-message" role="alert">
          {t('cameraError', { error })}
        </p>
      ) : (
        <p aria-live="polite">{t('scanning')}</p>
      )}
      <video ref={video} class="camera-view" muted playsInline aria-label={t('scanning')} />
      <button type="button" class="wide" onClick={props.onCancel}>
        {t('stopScan')}
      </button>
    </section>
  );
}
