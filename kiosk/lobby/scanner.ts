// A USB barcode scanner types like a keyboard, only faster: catch its bursts before any field sees them.
const MAX_GAP_MS = 50; // scanners send a key every few ms; people rarely type two keys this close
const MIN_LENGTH = 4;
const FLUSH_MS = 120;

type Editable = HTMLInputElement | HTMLTextAreaElement;
const isEditable = (el: EventTarget | null): el is Editable =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

// Set a value so Preact's onInput sees it, as if the visitor had typed it.
function setFieldValue(field: Editable, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
  setter?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Calls onScan with each scanned code; returns the function that stops listening. */
export function listenForScans(onScan: (code: string) => void, doc: Document = document): () => void {
  let buffer = '';
  let lastAt = 0;
  let burst = false;
  let firstKeyField: { field: Editable; valueBefore: string } | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  // A burst that ended without Enter was a fast typist after all: give the field its characters back.
  const flush = () => {
    if (burst && firstKeyField && doc.activeElement === firstKeyField.field) {
      const { field } = firstKeyField;
      setFieldValue(field, field.value + buffer);
    }
    buffer = '';
    burst = false;
    firstKeyField = null;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
    const now = performance.now();
    const fast = now - lastAt < MAX_GAP_MS;
    clearTimeout(flushTimer);
    if (event.key === 'Enter') {
      if (burst && now - lastAt < FLUSH_MS && buffer.length >= MIN_LENGTH) {
        event.preventDefault();
        event.stopImmediatePropagation();
        const code = buffer;
        buffer = '';
        burst = false;
        firstKeyField = null;
        onScan(code);
      } else flush();
      lastAt = 0;
      return;
    }
    if (event.key.length !== 1) return; // Shift and other modifiers come between a scanner's characters
    lastAt = now;
    if (!fast) {
      flush();
      buffer = event.key;
      const field = isEditable(event.target) ? event.target : null;
      firstKeyField = field ? { field, valueBefore: field.value } : null;
    } else {
      buffer += event.key;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (!burst && firstKeyField) {
        // The first character went into the field before we knew it was a scan: take it back.
        setFieldValue(firstKeyField.field, firstKeyField.valueBefore);
      }
      burst = true;
    }
    flushTimer = setTimeout(flush, FLUSH_MS);
  };

  doc.addEventListener('keydown', onKeyDown, true);
  return () => {
    clearTimeout(flushTimer);
    doc.removeEventListener('keydown', onKeyDown, true);
  };
}
