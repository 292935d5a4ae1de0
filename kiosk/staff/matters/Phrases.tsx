// The standard phrases of the front desk's regulations (来电来访接待管理制度) on the matters page: answering, holding,
// ending a call, the apology that opens every complaint, each in Chinese and English at once. The site's words from
// GET /api/desk-phrases (the regulations' until an admin edits them), shown by the one prompt component.
import { PhrasePrompts } from '../phrases/PhrasePrompts.tsx';
import { useT } from '../i18n.ts';

/** One phrase by its key (a complaint's card: 'complaint-apology'). */
export const PhraseOf = ({ which }: { which: string }) => <PhrasePrompts only={[which]} />;

export function Phrases() {
  const t = useT();
  // Open beside the call form on a desk; one tap away on a phone, where it would push the matters far down.
  return (
    <details class="panel phrases" open={matchMedia('(min-width: 900px)').matches}>
      <summary class="panel-title">{t('phrasesTitle')}</summary>
      <PhrasePrompts untitled />
    </details>
  );
}
