// A badge scanned while another visitor is using the kiosk: its visitor is checked out, a short note says so over the
// screen, and the screen comes back as it was: the form, what was typed in it, the field with the focus.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Visit } from '../../server/protocol.ts';
import { useT, type StringKey } from '../ui/i18n.ts';
import { Icon } from '../ui/Icon.tsx';
import { checkOut } from './calls.ts';
import { itemsToday } from './Goodbye.tsx';
import { problemKey } from './problems.ts';

const SHOWN_MS = 4000; // long enough to read a name, short enough not to hold up the visitor at the screen

export type Departure = { visit: Visit } | { problem: StringKey };

/** `leave` checks a badge out in passing; `departure` is the note to show until it times out or is tapped away. */
export function useDepartures(problems: Record<string, StringKey>) {
  const [shown, setShown] = useState<{ n: number; departure: Departure } | null>(null);
  const count = useRef(0);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  const show = (departure: Departure) => setShown({ n: ++count.current, departure });
  const leave = (code: string) => checkOut(code).then(({ visit }) => show({ visit }), (error) => show({ problem: problemKey(error, problems) }));
  return { departure: shown?.departure ?? null, leave, dismiss: () => setShown(null) };
}

export function DepartureNote({ departure, onDismiss }: { departure: Departure; onDismiss: () => void }) {
  const t = useT();
  const visit = 'visit' in departure ? departure.visit : null;
  const items = visit ? itemsToday(visit, t) : [];
  return (
    // A tap closes the note; its mousedown must not take the focus from the field being typed in underneath.
    <div class="departure" onMouseDown={(event) => event.preventDefault()} onClick={onDismiss}>
      <div class={`departure-box departure-${visit ? 'good' : 'stop'}`} role="status">
        <Icon name={visit ? 'good' : 'stop'} size={72} />
        <div>
          <p class="departure-title">{visit ? t('departedTitle') : t('checkoutTitle')}</p>
          {visit ? <p class="departure-name">{visit.visitor.name}</p> : <p class="lead">{t((departure as { problem: StringKey }).problem)}</p>}
          {items.length > 0 && <p class="departure-items">{t('goodbyeItems')} {items.join(t('listSeparator'))}</p>}
        </div>
      </div>
    </div>
  );
}
