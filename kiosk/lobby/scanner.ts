// A USB barcode scanner types like a keyboard, only faster: catch its codes before any field sees them.
//
// Timing alone cannot tell the scanner from a person. On a busy kiosk the page stalls for 100 ms and more between two
// of the scanner's keys, and a burst cut at such a gap loses its start ("We could not read this badge"). So a scan is
// recognised by what it says and by the Enter that ends it, whatever the gaps:
// 1. Outside a text field, every code character is the scanner's: a person has nothing to type there. Enter ends it.
// 2. In a field, a code that begins in its own way (a badge's "FY1.", an invite link's "https://") is held from its
//    first key, so the field never sees it. If the text stops looking like one (a person typing "Fang"), the held
//    characters go to the field after all, in order, and typing goes on.
// 3. In a field, a code a person could also type (a bare invite code) is typing, unless it came at scanner speed right
//    before the Enter: then it is taken back out of the field.
// Enter that ends a scan never reaches the page, so it neither submits a form nor presses a focused button.

/** What codes look like, from scans.ts: the lobby knows its badges and invitations, this file knows keyboards. */
export interface ScanShapes {
  /** How codes that no person types begin, e.g. "FY1.": held from the first key. */
  leads: readonly string[];
  /** A whole code a person might also type, e.g. an invite code: taken from a field only at scanner speed. */
  typeable: RegExp;
}

const MIN_LENGTH = 4; // shorter bursts outside a field are stray keys, not codes
const MAX_LENGTH = 200; // badges are at most 160 characters; anything longer is not ours
const STALL_MS = 1500; // no scanner pauses this long inside a code, even on a loaded machine; a person who stopped gets their keys back
const KEY_MS = 25; // a scanner's time per key with room to spare (they send one every 2–10 ms)
const JANK_MS = 300; // and the page may stall once or twice meanwhile
const REMEMBERED = 24; // keys kept of what went into fields, for taking a typeable code back out
const CODE_CHAR = /^[\x21-\x7e]$/; // printable ASCII without the space: every code is made of these
const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta']); // come between a scanner's keys
const TEXT_INPUTS = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number']);

type Editable = HTMLInputElement | HTMLTextAreaElement;
const isEditable = (el: EventTarget | null): el is Editable =>
  el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_INPUTS.has(el.type));

interface Snapshot { value: string; start: number | null; end: number | null }
const snapshotOf = (field: Editable): Snapshot => ({ value: field.value, ...selectionOf(field) });

function selectionOf(field: Editable): { start: number | null; end: number | null } {
  try { return { start: field.selectionStart, end: field.selectionEnd }; } catch { return { start: null, end: null }; }
}

// Set a value so Preact's onInput sees it, as if the visitor had typed it.
function setFieldValue(field: Editable, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
  setter?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Puts text where the caret is, within the field's maxLength, as typing it would have. */
function typeInto(field: Editable, text: string) {
  if (!field.isConnected) return;
  const { value } = field;
  const { start, end } = selectionOf(field);
  const [from, to] = start === null || end === null ? [value.length, value.length] : [start, end];
  const room = field.maxLength >= 0 ? Math.max(0, field.maxLength - (value.length - (to - from))) : text.length;
  const kept = text.slice(0, room);
  setFieldValue(field, value.slice(0, from) + kept + value.slice(to));
  try { field.setSelectionRange(from + kept.length, from + kept.length); } catch { /* no caret in this type of input */ }
}

/** Calls onScan with each scanned code; returns the function that stops listening. */
export function listenForScans(onScan: (code: string) => void, shapes: ScanShapes, doc: Document = document): () => void {
  // Keys held back from the page: where they were aimed (null: outside any field) and what they say so far.
  let held: { field: Editable | null; text: string; at: number[] } | null = null;
  // Keys that went into fields, newest last, with the field as it was before each.
  let typed: { key: string; at: number; field: Editable; before: Snapshot }[] = [];
  let stallTimer: ReturnType<typeof setTimeout> | undefined;

  const couldBeLead = (text: string) => shapes.leads.some((lead) => lead.startsWith(text) || text.startsWith(lead));
  const hasLead = (text: string) => shapes.leads.some((lead) => text.startsWith(lead));

  /** Not a scan after all: the held keys go to their field (outside a field, nobody wanted them), and are
   *  remembered as typed there, so a typeable code they begin (an invite code starting with F) is still taken back. */
  const release = () => {
    clearTimeout(stallTimer);
    const { field, text, at } = held ?? { field: null, text: '', at: [] };
    held = null;
    if (!field) return;
    [...text].forEach((key, i) => {
      typed = [...typed.slice(-(REMEMBERED - 1)), { key, at: at[i], field, before: snapshotOf(field) }];
      typeInto(field, key);
    });
  };

  const hold = (field: Editable | null, key: string, at: number) => {
    held = held ?? { field, text: '', at: [] };
    held.text += key;
    held.at.push(at);
    clearTimeout(stallTimer);
    stallTimer = setTimeout(release, STALL_MS);
  };

  /** The code a held text ends in, or null when it is no complete code: then the Enter is a person's. */
  const codeOf = ({ field, text }: { field: Editable | null; text: string }): string | null => {
    if (field) return hasLead(text) ? text : null;
    // Outside a field stray keys may come first; a code with its own beginning starts at the last such beginning.
    const from = Math.max(0, ...shapes.leads.map((lead) => text.lastIndexOf(lead)));
    return text.length - from >= MIN_LENGTH ? text.slice(from) : null;
  };

  /** A typeable code that went into a field at scanner speed just now: taken back out of the field. */
  const takeBack = (enterAt: number): string | null => {
    for (let n = typed.length; n >= MIN_LENGTH; n--) {
      const tail = typed.slice(-n);
      const text = tail.map((k) => k.key).join('');
      const fast = enterAt - tail[0].at <= (n + 1) * KEY_MS + JANK_MS;
      if (!fast || !shapes.typeable.test(text) || tail.some((k) => k.field !== tail[0].field)) continue;
      const { field, before } = tail[0];
      setFieldValue(field, before.value);
      if (before.start !== null && before.end !== null) field.setSelectionRange(before.start, before.end);
      return text;
    }
    return null;
  };

  const swallow = (event: KeyboardEvent) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || event.ctrlKey || event.altKey || event.metaKey || MODIFIERS.has(event.key)) return;
    const { key } = event;
    const field = isEditable(event.target) ? event.target : null;

    if (key === 'Enter') {
      const code = held && codeOf(held);
      if (code) {
        clearTimeout(stallTimer);
        held = null;
        typed = [];
        swallow(event);
        return onScan(code);
      }
      release();
      const taken = takeBack(event.timeStamp);
      typed = [];
      if (taken) {
        swallow(event);
        onScan(taken);
      }
      return;
    }

    const codeKey = key.length === 1 && CODE_CHAR.test(key);
    if (held) {
      const next = held.text + key;
      if (codeKey && next.length <= MAX_LENGTH && (!held.field || couldBeLead(next))) {
        swallow(event);
        return hold(held.field, key, event.timeStamp);
      }
      release(); // a space, a Backspace, a Tab or a letter that fits no code: a person is typing
    }
    if (!codeKey) {
      typed = []; // a person is editing: what went into the field before is no scanner's
      return;
    }
    if (!field || couldBeLead(key)) {
      swallow(event);
      return hold(field, key, event.timeStamp);
    }
    typed = [...typed.slice(-(REMEMBERED - 1)), { key, at: event.timeStamp, field, before: snapshotOf(field) }];
  };

  doc.addEventListener('keydown', onKeyDown, true);
  return () => {
    clearTimeout(stallTimer);
    doc.removeEventListener('keydown', onKeyDown, true);
  };
}
