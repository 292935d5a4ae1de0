// An invitation fills in everything but the ID: show what we know and ask only for that.
import { useState } from 'preact/hooks';
import { Button } from '../ui/Button.tsx';
import { useT, type Lang } from '../ui/i18n.ts';
import { Screen } from '../ui/Screen.tsx';
import { checkIdNumber } from '../ui/checks.ts';
import { focusFirstProblem } from '../ui/focus.ts';
import { IdFields } from './IdFields.tsx';
import type { Draft } from './session.ts';

function formatWindow(start: string, end: string, lang: Lang): string {
  const day = new Intl.DateTimeFormat(lang, { month: 'long', day: 'numeric', weekday: 'short' });
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day.format(new Date(start))} ${time.format(new Date(start))}–${time.format(new Date(end))}`;
}

export function InvitationId({ draft, lang, update, onBack, onNext }: {
  draft: Draft; lang: Lang; update: (patch: Partial<Draft>) => void; onBack: () => void; onNext: () => void;
}) {
  const t = useT();
  const [touched, setTouched] = useState(false);
  const invite = draft.invite!;
  const next = () => {
    setTouched(true);
    if (checkIdNumber(draft.idType, draft.idNumber, true)) return focusFirstProblem();
    onNext();
  };
  const row = (label: string, value: string) => <><dt>{label}</dt><dd>{value}</dd></>;
  return (
    <Screen
      name="invitation-id" title={t('inviteFoundTitle', { name: invite.visitor.name })} onSubmit={next}
      actions={<>
        <Button kind="secondary" onClick={onBack}>{t('back')}</Button>
        <Button type="submit">{t('next')}</Button>
      </>}
    >
      <p class="lead">{t('inviteIdIntro')}</p>
      <div class="form-grid">
        <dl class="summary">
          {row(t('fullName'), invite.visitor.name)}
          {invite.visitor.company && row(t('company'), invite.visitor.company)}
          {row(t('host'), `${invite.host.name} · ${invite.host.department}`)}
          {row(t('purpose'), invite.purpose)}
          {row(t('inviteWhen'), formatWindow(invite.start, invite.end, lang))}
        </dl>
        <div class="form-column">
          <IdFields idType={draft.idType} idNumber={draft.idNumber} finished={touched} onChange={update} onBlur={() => setTouched(true)} />
        </div>
      </div>
    </Screen>
  );
}
