// "Agreement signed" on a visit's card (host and desk): the visitor signed the agreement their purpose requires.
import type { Visit } from '../../server/protocol.ts';
import { useLang, useT } from './i18n.ts';

export function AgreementTag({ visit }: { visit: Pick<Visit, 'agreement'> }) {
  const t = useT();
  const lang = useLang();
  if (!visit.agreement) return null;
  const title = lang === 'en' ? visit.agreement.title.en : visit.agreement.title.zh;
  return <p class="tag tag-agreement" data-agreement={visit.agreement.id}>{t('agreementSigned', { title })}</p>;
}
