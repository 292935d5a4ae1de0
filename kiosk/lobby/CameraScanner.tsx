// Reads a QR code from the camera: BarcodeDetector where the browser has it, else jsQR on video frames.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../ui/i18n.ts';

type Decode = (video: HTMLVideoElement) => Promise<string | null>;
const FRAME_MS = 200;

interface BarcodeDetectorLike { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

type JsQR = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'dontInvert' }) => { data: string } | null;

// Loaded only when a camera is used: it is more JS than the rest of the lobby. A CommonJS module, so its
// default export is the function at run time while the types see it one level down.
async function loadJsQR(): Promise<JsQR> {
  const module: { default: unknown } = await import('jsqr');
  const inner = module.default as JsQR & { default?: JsQR };
  return inner.default ?? inner;
}

async function makeDecoder(): Promise<Decode> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Detector && (await Detector.getSupportedFormats()).includes('qr_code')) {
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const jsQR = await loadJsQR();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    if (!video.videoWidth) return null;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const report = useRef(onCode);
  report.current = onCode;

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    (async () => {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
      if (stopped) return stream.getTracks().forEach((track) => track.stop());
      video.current!.srcObject = stream;
      await video.current!.play();
      const decode = await makeDecoder();
      const look = async () => {
        if (stopped) return;
        const code = await decode(video.current!).catch(() => null);
        if (code && !stopped) report.current(code);
        else timer = setTimeout(look, FRAME_MS);
      };
      look();
    })().catch(() => setFailed(true));
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  if (failed) return <p class="field-error" role="alert">{t('cameraUnavailable')}</p>;
  return (
    <figure class="camera">
      <video ref={video} class="camera-video" muted playsInline />
      <figcaption class="field-hint">{t('cameraHint')}</figcaption>
    </figure>
  );
}
