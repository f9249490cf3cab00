// Reads QR codes from a playing <video>: the native BarcodeDetector when it lists qr_code, else `qr/decode.js`,
// imported only now so the page's first load stays small.

interface NativeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

export type FrameReader = (video: HTMLVideoElement) => Promise<string | undefined>;

/** Frames are scaled down to this width for the JS decoder: fast enough on a phone, plenty for a screen QR. */
const MAX_WIDTH = 640;

async function nativeReader(): Promise<FrameReader | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return undefined;
  } catch {
    return undefined;
  }
  const detector = new Detector({ formats: ['qr_code'] });
  return async (video) => (await detector.detect(video))[0]?.rawValue;
}

async function scriptReader(): Promise<FrameReader> {
  const { default: decodeQR } = await import('qr/decode.js');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
  return async (video) => {
    if (!video.videoWidth) return undefined;
    const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    try {
      return decodeQR({ width, height, data });
    } catch {
      return undefined; // no code in this frame
    }
  };
}

export async function createFrameReader(): Promise<FrameReader> {
  return (await nativeReader()) ?? scriptReader();
}
