// Site settings: the kiosk's welcome and language, hours, badges, retention and visit purposes. Only the fields changed
// are sent, so two admins saving different fields at once both keep theirs.
import { useEffect, useState } from 'preact/hooks';
import type { Agreement, PublicSettings, SiteSettings, VisitPurpose } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT } from '../i18n.ts';
import { failure, msg, say as sayMessage, type FieldLabels, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { getSettings, patchSettings } from './site-calls.ts';
import { SecondApprovalBox, SecondApproverPicker } from './SecondApproval.tsx';
import { LogoPanel } from './LogoPanel.tsx';
import { AgreementsPanel } from './AgreementsPanel.tsx';
import { CaseSettings } from './CaseSettings.tsx';
import { DeskPhrasesSettings } from './DeskPhrasesSettings.tsx';
import { SITE_EVENT } from '../Shell.tsx';

interface Draft {
  siteName: string; welcomeZh: string; welcomeEn: string; defaultLang: 'zh-CN' | 'en'; open: string; close: string;
  closingTime: string; badgeHours: string; idleSeconds: string; retentionDays: string; purposes: VisitPurpose[];
  agreements: Agreement[];
  /** The second approver's department, '' for none. */
  secondApprover: string;
}
const LABELS: FieldLabels = {
  siteName: 'siteName', 'welcome.zh': 'welcomeZh', 'welcome.en': 'welcomeEn', 'receptionHours.open': 'receptionOpen',
  'receptionHours.close': 'receptionClose', closingTime: 'closingTime', badgeHours: 'badgeHours', idleSeconds: 'idleSeconds', retentionDays: 'retentionDays',
  secondApprover: 'secondApprover', 'secondApprover.department': 'secondApprover',
};
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A touch target as big as the staff pages' others (48 px). */
const BOX = { width: '48px', height: '48px', margin: 0, flex: 'none' };

const draftOf = (s: SiteSettings): Draft => ({
  siteName: s.siteName, welcomeZh: s.welcome.zh, welcomeEn: s.welcome.en, defaultLang: s.defaultLang,
  open: s.receptionHours?.open ?? '', close: s.receptionHours?.close ?? '', closingTime: s.closingTime ?? '',
  badgeHours: String(s.badgeHours), idleSeconds: String(s.idleSeconds), retentionDays: String(s.retentionDays), purposes: s.purposes,
  agreements: s.agreements ?? [],
  secondApprover: s.secondApprover?.department ?? '',
});

/** What differs from the settings as loaded, in the API's shape. */
function changeOf(d: Draft, s: SiteSettings): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  if (d.siteName.trim() !== s.siteName) c.siteName = d.siteName.trim();
  if (d.welcomeZh.trim() !== s.welcome.zh || d.welcomeEn.trim() !== s.welcome.en) c.welcome = { zh: d.welcomeZh.trim(), en: d.welcomeEn.trim() };
  if (d.defaultLang !== s.defaultLang) c.defaultLang = d.defaultLang;
  if (d.open !== (s.receptionHours?.open ?? '') || d.close !== (s.receptionHours?.close ?? '')) c.receptionHours = d.open || d.close ? { open: d.open, close: d.close } : null;
  if (d.closingTime !== (s.closingTime ?? '')) c.closingTime = d.closingTime;
  for (const key of ['badgeHours', 'idleSeconds', 'retentionDays'] as const) if (d[key] !== String(s[key])) c[key] = Number(d[key]);
  if (JSON.stringify(d.purposes) !== JSON.stringify(s.purposes)) c.purposes = d.purposes.map((p) => ({ ...p, zh: p.zh.trim(), en: p.en.trim() }));
  const trim = (v: { zh: string; en: string }) => ({ zh: v.zh.trim(), en: v.en.trim() });
  if (JSON.stringify(d.agreements) !== JSON.stringify(s.agreements ?? [])) c.agreements = d.agreements.map((a) => ({ id: a.id.trim(), title: trim(a.title), text: trim(a.text) }));
  if (d.secondApprover !== (s.secondApprover?.department ?? '')) c.secondApprover = d.secondApprover ? { department: d.secondApprover } : null;
  return c;
}

export function Settings() {
  const t = useT();
  const [saved, setSaved] = useState<SiteSettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [wrong, setWrong] = useState<Partial<Record<keyof Draft, Message>>>({});
  useEffect(() => { getSettings().then((s) => { setSaved(s); setDraft(draftOf(s)); }, (e) => setProblem(failure(e))); }, []);
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => { setDraft((d) => d && { ...d, [key]: value }); setWrong((w) => ({ ...w, [key]: undefined })); setDone(null); };
  const setPurpose = (i: number, part: Partial<VisitPurpose>) => set('purposes')(draft!.purposes.map((p, j) => (j === i ? { ...p, ...part } : p)));

  const [save, busy] = useAction(async () => {
    if (!draft || !saved) return;
    const found: typeof wrong = {};
    for (const key of ['open', 'close', 'closingTime'] as const) if (draft[key] && !TIME.test(draft[key])) found[key] = msg('errTimeFormat');
    for (const key of ['badgeHours', 'idleSeconds', 'retentionDays'] as const) if (!/^\d+$/.test(draft[key])) found[key] = msg('errWholeNumber');
    setWrong(found);
    if (Object.keys(found).length) return;
    const change = changeOf(draft, saved);
    if (!Object.keys(change).length) return setDone(msg('settingsNothing'));
    try {
      const next = await patchSettings(change);
      setSaved(next);
      setDraft(draftOf(next));
      dispatchEvent(new CustomEvent<PublicSettings>(SITE_EVENT, { detail: next })); // the header's site name
      setProblem(null);
      setDone(msg('settingsSaved'));
    } catch (error) {
      setProblem(failure(error, LABELS));
    }
  });

  if (!draft) return <Panel title={t('settingsTitle')}><Outcome problem={problem} done={msg('loading')} /></Panel>;
  const say = (key: keyof Draft) => sayMessage(t, wrong[key]);
  return (
    <form class="staff-grid settings" noValidate onSubmit={(event) => { event.preventDefault(); save(); }}>
      <Panel title={t('settingsSite')}>
        <p class="muted">{t('settingsIntro')}</p>
        <Field label={t('siteName')} value={draft.siteName} onInput={set('siteName')} optional={t('optional')} maxLength={64} />
        <Field label={t('welcomeZh')} value={draft.welcomeZh} onInput={set('welcomeZh')} hint={t('welcomeHint')} optional={t('optional')} maxLength={200} />
        <Field label={t('welcomeEn')} value={draft.welcomeEn} onInput={set('welcomeEn')} optional={t('optional')} maxLength={200} />
        <label class="field">
          <span class="field-label">{t('defaultLang')}</span>
          <select class="field-input" value={draft.defaultLang} onChange={(e) => set('defaultLang')((e.target as HTMLSelectElement).value as Draft['defaultLang'])}>
            <option value="zh-CN">{t('langZh')}</option>
            <option value="en">{t('langEn')}</option>
          </select>
        </label>
      </Panel>
      <Panel title={t('settingsHours')}>
        <Field label={t('receptionOpen')} value={draft.open} onInput={set('open')} hint={t('receptionHint')} error={say('open')} optional={t('optional')} inputMode="numeric" maxLength={8} />
        <Field label={t('receptionClose')} value={draft.close} onInput={set('close')} error={say('close')} optional={t('optional')} inputMode="numeric" maxLength={8} />
        <Field label={t('closingTime')} value={draft.closingTime} onInput={set('closingTime')} hint={t('closingHint')} error={say('closingTime')} optional={t('optional')} inputMode="numeric" maxLength={8} />
        <Field label={t('badgeHours')} value={draft.badgeHours} onInput={set('badgeHours')} error={say('badgeHours')} inputMode="numeric" maxLength={6} />
        <Field label={t('idleSeconds')} value={draft.idleSeconds} onInput={set('idleSeconds')} error={say('idleSeconds')} inputMode="numeric" maxLength={6} />
        <Field label={t('retentionDays')} value={draft.retentionDays} onInput={set('retentionDays')} error={say('retentionDays')} inputMode="numeric" maxLength={8} />
      </Panel>
      <Panel title={t('settingsPurposes')}>
        <p class="muted">{t('purposesHint')}</p>
        <SecondApproverPicker value={draft.secondApprover} onChange={set('secondApprover')} />
        <ul class="rows">
          {draft.purposes.map((p, i) => (
            <li key={i} class="row purpose-row">
              <Field label={t('purposeZh')} value={p.zh} onInput={(v) => setPurpose(i, { zh: v })} maxLength={40} />
              <Field label={t('purposeEn')} value={p.en} onInput={(v) => setPurpose(i, { en: v })} maxLength={60} />
              <label style={{ display: 'flex', alignItems: 'center', gap: '0.5rem', minHeight: '44px' }}>
                <input type="checkbox" style={BOX} checked={p.approval} onChange={(e) => setPurpose(i, { approval: (e.target as HTMLInputElement).checked, ...((e.target as HTMLInputElement).checked ? {} : { secondApproval: undefined }) })} /> {t('purposeApproval')}
              </label>
              {draft.agreements.length > 0 && (
                <label class="field">
                  <span class="field-label">{t('purposeAgreement')}</span>
                  <select class="field-input purpose-agreement" value={p.agreementId ?? ''} onChange={(e) => setPurpose(i, { agreementId: (e.target as HTMLSelectElement).value || undefined })}>
                    <option value="">{t('purposeAgreementNone')}</option>
                    {draft.agreements.map((a) => <option key={a.id} value={a.id}>{a.title.zh || a.id} / {a.title.en || a.id}</option>)}
                  </select>
                </label>
              )}
              <label style={{ display: 'flex', alignItems: 'center', gap: '0.5rem', minHeight: '44px' }}>
                <input type="checkbox" style={BOX} checked={p.escort} onChange={(e) => setPurpose(i, { escort: (e.target as HTMLInputElement).checked })} /> {t('purposeEscort')}
              </label>
              <SecondApprovalBox purpose={p} onChange={(secondApproval) => setPurpose(i, { secondApproval })} />
              <Button kind="quiet" class="row-action" onClick={() => set('purposes')(draft.purposes.filter((_, j) => j !== i))}>{t('purposeRemove')}</Button>
            </li>
          ))}
        </ul>
        <Button kind="secondary" onClick={() => set('purposes')([...draft.purposes, { zh: '', en: '', approval: true, escort: false }])}>{t('purposeAdd')}</Button>
      </Panel>
      <AgreementsPanel agreements={draft.agreements} onChange={set('agreements')} />
      {saved && <CaseSettings settings={saved} />}
      {saved && <DeskPhrasesSettings settings={saved} />}
      <LogoPanel version={saved?.logoVersion} onChanged={(logoVersion) => {
        const next = { ...saved!, logoVersion };
        if (!logoVersion) delete next.logoVersion;
        setSaved(next);
        dispatchEvent(new CustomEvent<PublicSettings>(SITE_EVENT, { detail: next }));
      }} />
      <div>
        <Outcome problem={problem} done={done} />
        <Button type="submit" busy={busy}>{t('settingsSave')}</Button>
      </div>
    </form>
  );
}
