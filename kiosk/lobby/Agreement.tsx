// An agreement the visitor's purpose requires (an NDA, safety rules): its text in the visitor's language, a tick for
// "I have read and agree" and a signature drawn with a finger; Next passes the signature on as a PNG data URL.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useContext } from 'preact/hooks';
import type { Agreement as AgreementText } from '../../server/protocol.ts';
import { Button } from '../ui/Button.tsx';
import { LangContext } from '../ui/i18n.ts';
import { Screen } from '../ui/Screen.tsx';

/** The canvas's own pixels (CSS scales it to the screen): small enough that the PNG stays a few kB. */
const PAD = { width: 900, height: 300 };

/** The server takes a signature of up to 96 k characters: a dense scribble is sent at half size rather than refused. */
const MAX_URL = 90_000;
function signatureUrl(pad: HTMLCanvasElement): string {
  const full = pad.toDataURL('image/png');
  if (full.length <= MAX_URL) return full;
  const half = Object.assign(document.createElement('canvas'), { width: PAD.width / 2, height: PAD.height / 2 });
  half.getContext('2d')!.drawImage(pad, 0, 0, half.width, half.height);
  return half.toDataURL('image/png');
}

export function Agreement({ agreement, onBack, onSigned }: {
  agreement: AgreementText; onBack: () => void; onSigned: (signature: string) => void;
}) {
  const { lang, t } = useContext(LangContext);
  const pick = (v: { zh: string; en: string }) => (lang === 'en' ? v.en : v.zh);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [signed, setSigned] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    g.lineWidth = 5; g.lineCap = 'round'; g.lineJoin = 'round'; g.strokeStyle = '#111';
  }, []);

  /** Where the pointer is in the canvas's own pixels. */
  const at = (e: PointerEvent) => {
    const box = canvas.current!.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * PAD.width, y: ((e.clientY - box.top) / box.height) * PAD.height };
  };
  const down = (e: PointerEvent) => {
    e.preventDefault();
    canvas.current!.setPointerCapture?.(e.pointerId);
    drawing.current = at(e);
    const g = canvas.current!.getContext('2d')!;
    g.beginPath(); g.arc(drawing.current.x, drawing.current.y, 2.5, 0, Math.PI * 2); g.fillStyle = '#111'; g.fill();
  };
  const move = (e: PointerEvent) => {
    if (!drawing.current) return;
    const next = at(e);
    const g = canvas.current!.getContext('2d')!;
    g.beginPath(); g.moveTo(drawing.current.x, drawing.current.y); g.lineTo(next.x, next.y); g.stroke();
    // A dot is not a signature: it takes a stroke of some length.
    if (Math.hypot(next.x - drawing.current.x, next.y - drawing.current.y) > 0) setSigned(true);
    drawing.current = next;
  };
  const up = () => { drawing.current = null; };
  const clear = () => {
    canvas.current!.getContext('2d')!.clearRect(0, 0, PAD.width, PAD.height);
    setSigned(false);
  };
  const next = () => {
    setTried(true);
    if (!agreed || !signed) return;
    onSigned(signatureUrl(canvas.current!));
  };
  const problem = !tried ? '' : !agreed ? t('agreementNeedTick') : !signed ? t('agreementNeedSign') : '';

  return (
    <Screen
      name="agreement" title={pick(agreement.title)} step={t('agreementStep')}
      actions={<>
        <Button kind="secondary" onClick={onBack}>{t('back')}</Button>
        <Button onClick={next}>{t('next')}</Button>
      </>}
    >
      <div class="agreement-text" tabIndex={0}>{pick(agreement.text).split('\n').map((line, i) => <p key={i}>{line}</p>)}</div>
      <label class={`agreement-tick${tried && !agreed ? ' agreement-missing' : ''}`}>
        <input type="checkbox" checked={agreed} onChange={(e) => setAgreed((e.target as HTMLInputElement).checked)} />
        <span>{t('agreementRead')}</span>
      </label>
      <p class="field-label" id="agreement-sign-label">{t('agreementSignHere')}</p>
      <canvas
        ref={canvas} class={`signature-pad${tried && !signed ? ' agreement-missing' : ''}`} width={PAD.width} height={PAD.height}
        aria-labelledby="agreement-sign-label" role="img"
        onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up} onPointerLeave={up}
      />
      <div class="signature-tools">
        <Button kind="quiet" onClick={clear} disabled={!signed}>{t('agreementClear')}</Button>
      </div>
      <p class="form-problem" role="alert">{problem}</p>
    </Screen>
  );
}
