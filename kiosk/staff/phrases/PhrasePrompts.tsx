// The standard phrases (规范用语) as prompts for the desk: each in Chinese and English at once, whatever the page's
// language, under what it is for. The site's words from GET /api/desk-phrases (read once per page); `only` picks
// some by key, in that order (a complaint's form: ['complaint-apology']).
import { useEffect, useState } from 'preact/hooks';
import type { DeskPhrase } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { STAFF } from '../calls.ts';
import { useT, type StaffKey } from '../i18n.ts';
import './phrases.css';

const NAMES: Record<string, StaffKey> = {
  greeting: 'dpNameGreeting', 'visit-greeting': 'dpNameVisitGreeting', holding: 'dpNameHolding', 'kept-waiting': 'dpNameKeptWaiting',
  transfer: 'dpNameTransfer', message: 'dpNameMessage', 'complaint-apology': 'dpNameApology', closing: 'dpNameClosing', farewell: 'dpNameFarewell',
};

let loaded: Promise<DeskPhrase[]> | undefined;
/** One read per page; a failed read is tried again by the next prompt that mounts. */
function load(): Promise<DeskPhrase[]> {
  loaded ??= request<{ phrases: DeskPhrase[] }>(STAFF, 'GET', '/api/desk-phrases').then(({ phrases }) => phrases, () => { loaded = undefined; return []; });
  return loaded;
}

/** After an admin saved new phrases: the next prompt to mount reads them again. */
export function forgetPhrases(): void {
  loaded = undefined;
}

/** untitled: inside a panel that names it already. */
export function PhrasePrompts({ only, untitled = false }: { only?: string[]; untitled?: boolean }) {
  const t = useT();
  const [phrases, setPhrases] = useState<DeskPhrase[]>([]);
  useEffect(() => { let live = true; void load().then((p) => { if (live) setPhrases(p); }); return () => { live = false; }; }, []);
  const shown = only ? only.map((key) => phrases.find((p) => p.key === key)).filter((p): p is DeskPhrase => Boolean(p)) : phrases;
  if (shown.length === 0) return null;
  return (
    <section class="phrase-prompts" aria-label={t('dpPromptsTitle')}>
      {!only && !untitled && <h3 class="phrase-prompts-title">{t('dpPromptsTitle')}</h3>}
      {shown.map((p) => (
        <figure key={p.key} class={`phrase-prompt phrase-prompt-${p.key}`}>
          <figcaption>{NAMES[p.key] ? t(NAMES[p.key]) : p.key}</figcaption>
          <p lang="zh-CN">{p.zh}</p>
          <p lang="en">{p.en}</p>
        </figure>
      ))}
    </section>
  );
}
