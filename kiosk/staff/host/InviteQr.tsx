// The invite code as a QR code for the kiosk's camera: its text is the code itself, as the lobby's invitation screen reads it.
import { useEffect, useState } from 'preact/hooks';

const QUIET = 4; // modules of white around the code, as scanners expect

interface Matrix { size: number; dark: (x: number, y: number) => boolean }

// Loaded only when an invitation is shown: the encoder is more JS than the rest of the host page needs. A CommonJS
// module, so the functions sit on its default export at run time.
async function encode(text: string): Promise<Matrix> {
  const module = await import('qrcode');
  const { create } = module.default ?? module;
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (x, y) => !!modules.get(y, x) };
}

/** One SVG path of the dark modules, a run of them per row at a time. */
function pathOf({ size, dark }: Matrix): string {
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!dark(x, y)) continue;
      let run = 1;
      while (x + run < size && dark(x + run, y)) run++;
      d += `M${x + QUIET} ${y + QUIET}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return d;
}

export function InviteQr({ code, label }: { code: string; label: string }) {
  const [path, setPath] = useState<{ d: string; side: number } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let gone = false;
    encode(code).then(
      (matrix) => { if (!gone) setPath({ d: pathOf(matrix), side: matrix.size + 2 * QUIET }); },
      () => { if (!gone) setFailed(true); },
    );
    return () => { gone = true; };
  }, [code]);
  // Nothing to show without it: the code above is the same invitation, typed.
  if (failed) return null;
  return (
    <div class="invite-qr" data-testid="invite-qr">
      {path ? (
        <svg role="img" aria-label={label} viewBox={`0 0 ${path.side} ${path.side}`} shape-rendering="crispEdges">
          <rect width={path.side} height={path.side} fill="#fff" />
          <path d={path.d} fill="#000" />
        </svg>
      ) : <span class="invite-qr-loading" aria-hidden="true" />}
    </div>
  );
}
