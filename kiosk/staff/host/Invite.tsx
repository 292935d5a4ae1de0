// Pre-registering a visitor: the invite code, shown large and as a QR code, and a text to copy into a message.
import { useState } from 'preact/hooks';
import type { Appointment, User } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { Field } from '../../ui/Field.tsx';
import { TimeField } from '../../ui/TimeField.tsx';
import { useAction } from '../../ui/useAction.ts';
import { invite } from '../calls.ts';
import { formatTime, localClock, localDay, useLang, useT } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { copyText, formatDay, invitationText } from './invitation.ts';
import { InviteQr } from './InviteQr.tsx';

const LABELS: FieldLabels = {
  'visitor.name': 'visitorName', 'visitor.phone': 'visitorPhone', 'visitor.company': 'company', 'visitor.email': 'visitorEmail',
  purpose: 'purpose', start: 'from', end: 'until',
};

/** From the next quarter hour, for two hours (but not past midnight). */
function defaults() {
  const start = new Date(Math.ceil(Date.now() / 900_000) * 900_000);
  const end = new Date(start.getTime() + 2 * 3600_000);
  return { date: localDay(start), from: localClock(start), until: localDay(end) === localDay(start) ? localClock(end) : '23:59' };
}

export function Invite({ user }: { user: User }) {
  const t = useT();
  const lang = useLang();
  const [form, setForm] = useState(() => ({ name: '', phone: '', company: '', email: '', purpose: '', ...defaults() }));
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, Message>>>({});
  const [problem, setProblem] = useState<Message | null>(null);
  const [made, setMade] = useState<{ appointment: Appointment; mail?: 'sending' | 'off' } | null>(null);
  const edit = (key: keyof typeof form) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setProblem(null);
  };

  const [submit, busy] = useAction(async () => {
    const found: typeof errors = {};
    const need = (key: keyof typeof form, label: Parameters<typeof t>[0]) => { if (!form[key].trim()) found[key] = msg('errRequired', { field: t(label) }); };
    need('name', 'visitorName');
    need('purpose', 'purpose');
    need('date', 'date');
    need('from', 'from');
    need('until', 'until');
    const start = new Date(`${form.date}T${form.from}`);
    const end = new Date(`${form.date}T${form.until}`);
    if (!found.until && !(end > start)) found.until = msg('errEndBeforeStart');
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      setMade(await invite({
        visitor: {
          name: form.name.trim(), ...(form.phone.trim() ? { phone: form.phone.trim() } : {}), ...(form.company.trim() ? { company: form.company.trim() } : {}),
          ...(form.email.trim() ? { email: form.email.trim() } : {}),
        },
        purpose: form.purpose.trim(), start: start.toISOString(), end: end.toISOString(),
      }));
    } catch (error) {
      setProblem(failure(error, LABELS));
    }
  });

  if (made) return <InviteCode appointment={made.appointment} mail={made.mail} host={user.name} onAnother={() => { setMade(null); setForm({ name: '', phone: '', company: '', email: '', purpose: '', ...defaults() }); }} />;
  return (
    <Panel title={t('inviteTitle')}>
      <p class="muted">{t('inviteIntro')}</p>
      <form noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
        <Field label={t('visitorName')} value={form.name} onInput={edit('name')} error={say(t, errors.name)} maxLength={64} />
        <Field label={t('visitorPhone')} inputMode="tel" value={form.phone} onInput={edit('phone')} optional={t('optional')} maxLength={24} />
        <Field label={t('company')} value={form.company} onInput={edit('company')} optional={t('optional')} maxLength={100} />
        <Field label={t('visitorEmail')} type="email" value={form.email} onInput={edit('email')} optional={t('optional')} hint={t('visitorEmailHint')} maxLength={120} />
        <Field label={t('purpose')} value={form.purpose} onInput={edit('purpose')} error={say(t, errors.purpose)} maxLength={200} />
        <div class="field-row">
          <DateField label={t('date')} value={form.date} onInput={edit('date')} lang={lang} error={say(t, errors.date)} />
          <TimeField label={t('from')} value={form.from} onInput={edit('from')} error={say(t, errors.from)} />
          <TimeField label={t('until')} value={form.until} onInput={edit('until')} error={say(t, errors.until)} />
        </div>
        <Outcome problem={problem} />
        <Button type="submit" busy={busy}>{t('createInvite')}</Button>
      </form>
    </Panel>
  );
}

function InviteCode({ appointment, mail, host, onAnother }: { appointment: Appointment; mail?: 'sending' | 'off'; host: string; onAnother: () => void }) {
  const t = useT();
  const lang = useLang();
  const [copied, setCopied] = useState<Message | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [copy, copying] = useAction(async () => {
    const ok = await copyText(invitationText(appointment, host));
    setCopied(ok ? msg('inviteCopied') : null);
    setProblem(ok ? null : msg('copyFailed'));
  });
  return (
    <section class="panel code-panel" aria-labelledby="invite-code-title" aria-live="polite">
      <h2 id="invite-code-title" class="panel-title">{t('inviteCodeFor', { name: appointment.visitor.name })}</h2>
      <p class="big-code" data-testid="invite-code">{appointment.inviteCode}</p>
      <p class="lead">{t('inviteSend', { date: formatDay(appointment.start, lang), start: formatTime(appointment.start, lang), end: formatTime(appointment.end, lang) })}</p>
      <InviteQr code={appointment.inviteCode} label={t('inviteQr', { code: appointment.inviteCode })} />
      <p class="muted">{t('inviteQrHint')}</p>
      {mail && <p class={mail === 'sending' ? 'form-done' : 'form-problem'} data-testid="invite-mail">{t(mail === 'sending' ? 'inviteMailed' : 'inviteMailOff')}</p>}
      <Outcome problem={problem} done={copied} />
      <div class="form-actions code-actions">
        <Button busy={copying} onClick={copy}>{t('copyInvite')}</Button>
        <Button kind="secondary" onClick={onAnother}>{t('inviteAnother')}</Button>
      </div>
    </section>
  );
}
