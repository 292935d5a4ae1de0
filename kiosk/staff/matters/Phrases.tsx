// The standard phrases of the front desk's regulations (来电来访接待管理制度) as prompts: answering, holding, ending a
// call, the apology that opens every complaint, each in Chinese and English at once, whatever the page's language.
// The site's own words (GET /api/desk-phrases, an admin edits them) when the server has them, else the regulations'.
import { useEffect, useState } from 'preact/hooks';
import type { SiteInfo } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { STAFF } from '../calls.ts';
import { translator, useT, type StaffKey } from '../i18n.ts';

interface Phrase { key: string; zh: string; en: string }

/** The regulations' words, in this page's tables: shown until (or unless) the server answers with the site's. */
const BUILT_IN: Array<[string, StaffKey]> = [
  ['greeting', 'phraseGreetingText'], ['holding', 'phraseHoldingText'], ['closing', 'phraseClosingText'], ['complaint-apology', 'phraseApologyText'],
];
const TITLES: Record<string, StaffKey> = {
  greeting: 'phraseGreeting', holding: 'phraseHolding', 'kept-waiting': 'phraseKeptWaiting', transfer: 'phraseTransfer', message: 'phraseMessage',
  closing: 'phraseClosing', 'complaint-apology': 'phraseApology', 'visit-greeting': 'phraseVisitGreeting', farewell: 'phraseFarewell',
};

let loaded: Promise<Phrase[]> | undefined;
function load(): Promise<Phrase[]> {
  loaded ??= request<{ phrases: Phrase[] }>(STAFF, 'GET', '/api/desk-phrases').then(({ phrases }) => phrases, async () => {
    const site = await request<{ site: SiteInfo }>(STAFF, 'GET', '/api/site').then(({ site: s }) => s.settings.siteName || 'Foyer', () => 'Foyer');
    const [zh, en] = [translator('zh-CN'), translator('en')];
    return BUILT_IN.map(([key, text]) => ({ key, zh: zh(text, { site }), en: en(text, { site }) }));
  });
  return loaded;
}
function usePhrases(): Phrase[] {
  const [phrases, setPhrases] = useState<Phrase[]>([]);
  useEffect(() => { void load().then(setPhrases); }, []);
  return phrases;
}

function PhraseCard({ phrase }: { phrase: Phrase }) {
  const t = useT();
  return (
    <figure class={`phrase phrase-${phrase.key}`}>
      {TITLES[phrase.key] && <figcaption class="phrase-title">{t(TITLES[phrase.key])}</figcaption>}
      <p lang="zh-CN">{phrase.zh}</p>
      <p lang="en">{phrase.en}</p>
    </figure>
  );
}

/** One phrase by its key (a complaint's card: 'complaint-apology'). */
export function PhraseOf({ which }: { which: string }) {
  const phrase = usePhrases().find((p) => p.key === which);
  return phrase ? <PhraseCard phrase={phrase} /> : null;
}

export function Phrases() {
  const t = useT();
  const phrases = usePhrases();
  // Open beside the call form on a desk; one tap away on a phone, where it would push the matters far down.
  return (
    <details class="panel phrases" open={matchMedia('(min-width: 900px)').matches}>
      <summary class="panel-title">{t('phrasesTitle')}</summary>
      {phrases.map((p) => <PhraseCard key={p.key} phrase={p} />)}
    </details>
  );
}
