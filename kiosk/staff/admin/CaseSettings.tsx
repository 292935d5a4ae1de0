// The cases' (事务) calendar: working hours and days, holidays and make-up working days (调休), a paid service's own
// hours, and the quality department complaints are copied to (品质管理部). Saved on its own: only these fields are sent.
import { useEffect, useId, useState } from 'preact/hooks';
import type { SiteSettings } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT, type StaffKey } from '../i18n.ts';
import { failure, msg, say as sayMessage, type FieldLabels, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { patchSettings } from './site-calls.ts';
import { listDepartments } from './notification-calls.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAYS: Array<[number, StaffKey]> = [[1, 'caseMon'], [2, 'caseTue'], [3, 'caseWed'], [4, 'caseThu'], [5, 'caseFri'], [6, 'caseSat'], [7, 'caseSun']];
const BOX = { width: '48px', height: '48px', margin: 0, flex: 'none' };
const LABELS: FieldLabels = {
  'workingHours.open': 'caseWorkOpen', 'workingHours.close': 'caseWorkClose', workdays: 'caseWorkdays', holidays: 'caseHolidays',
  makeUpWorkdays: 'caseMakeUp', 'paidServiceHours.open': 'casePaidOpen', 'paidServiceHours.close': 'casePaidClose', qualityDepartment: 'caseQuality',
};

interface Draft { open: string; close: string; workdays: number[]; holidays: string; makeUp: string; paidOpen: string; paidClose: string; quality: string }

const draftOf = (s: SiteSettings): Draft => ({
  open: s.workingHours?.open ?? '09:00', close: s.workingHours?.close ?? '18:00', workdays: s.workdays ?? [1, 2, 3, 4, 5],
  holidays: (s.holidays ?? []).join('\n'), makeUp: (s.makeUpWorkdays ?? []).join('\n'),
  paidOpen: s.paidServiceHours?.open ?? '', paidClose: s.paidServiceHours?.close ?? '', quality: s.qualityDepartment ?? '',
});

/** Days typed one a line (or separated by spaces or commas), sorted, each once. */
const daysOf = (text: string) => [...new Set(text.split(/[\s,，、]+/).filter(Boolean))].sort();

/** What differs from the settings as loaded, in the API's shape (null: back to the default). */
function changeOf(d: Draft, s: SiteSettings): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  const before = draftOf(s);
  if (d.open !== before.open || d.close !== before.close) c.workingHours = { open: d.open, close: d.close };
  if (d.workdays.join() !== before.workdays.join()) c.workdays = d.workdays;
  if (daysOf(d.holidays).join() !== daysOf(before.holidays).join()) c.holidays = daysOf(d.holidays);
  if (daysOf(d.makeUp).join() !== daysOf(before.makeUp).join()) c.makeUpWorkdays = daysOf(d.makeUp);
  if (d.paidOpen !== before.paidOpen || d.paidClose !== before.paidClose) c.paidServiceHours = d.paidOpen || d.paidClose ? { open: d.paidOpen, close: d.paidClose } : null;
  if (d.quality !== before.quality) c.qualityDepartment = d.quality || null;
  return c;
}

export function CaseSettings({ settings }: { settings: SiteSettings }) {
  const t = useT();
  const qualityId = useId();
  const [saved, setSaved] = useState(settings);
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [wrong, setWrong] = useState<Partial<Record<keyof Draft, Message>>>({});
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [departments, setDepartments] = useState<string[]>([]);
  useEffect(() => { listDepartments().then((list) => setDepartments(list.map((d) => d.name)), () => setDepartments([])); }, []);
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => { setDraft((d) => ({ ...d, [key]: value })); setWrong((w) => ({ ...w, [key]: undefined })); setDone(null); };
  const toggleDay = (day: number, on: boolean) => set('workdays')((on ? [...draft.workdays, day] : draft.workdays.filter((x) => x !== day)).sort());

  const [save, busy] = useAction(async () => {
    const found: typeof wrong = {};
    for (const key of ['open', 'close'] as const) if (!TIME.test(draft[key])) found[key] = msg('errTimeFormat');
    for (const key of ['paidOpen', 'paidClose'] as const) if ((draft.paidOpen || draft.paidClose) && !TIME.test(draft[key])) found[key] = msg('errTimeFormat');
    if (draft.workdays.length === 0) found.workdays = msg('caseWorkdaysNone');
    for (const key of ['holidays', 'makeUp'] as const) {
      const bad = daysOf(draft[key]).find((d) => !DAY.test(d));
      if (bad) found[key] = msg('caseDayFormat', { day: bad.slice(0, 20) });
    }
    setWrong(found);
    if (Object.keys(found).length) return;
    const change = changeOf(draft, saved);
    if (!Object.keys(change).length) return setDone(msg('settingsNothing'));
    try {
      const next = await patchSettings(change);
      setSaved(next);
      setDraft(draftOf(next));
      setProblem(null);
      setDone(msg('caseSettingsSaved'));
    } catch (error) {
      setProblem(failure(error, LABELS));
    }
  });

  const say = (key: keyof Draft) => sayMessage(t, wrong[key]);
  const options = draft.quality && !departments.includes(draft.quality) ? [draft.quality, ...departments] : departments;
  const daysField = (key: 'holidays' | 'makeUp', label: StaffKey, hint: StaffKey) => {
    const error = say(key);
    return (
      <label class={`field${error ? ' field-invalid' : ''}`} style={{ display: 'block' }}>
        <span class="field-label">{t(label)} <span class="field-optional">({t('optional')})</span></span>
        <span class="field-hint" style={{ display: 'block', marginBottom: '0.5rem' }}>{t(hint)}</span>
        <textarea class="field-input case-days" rows={3} value={draft[key]} placeholder="2026-10-01" onInput={(e) => set(key)((e.target as HTMLTextAreaElement).value)} />
        {error && <span class="field-error" role="alert" style={{ display: 'block' }}>{error}</span>}
      </label>
    );
  };
  return (
    <Panel title={t('caseSettingsTitle')} class="case-settings">
      <p class="muted">{t('caseSettingsIntro')}</p>
      <Field label={t('caseWorkOpen')} value={draft.open} onInput={set('open')} error={say('open')} inputMode="numeric" maxLength={8} />
      <Field label={t('caseWorkClose')} value={draft.close} onInput={set('close')} error={say('close')} inputMode="numeric" maxLength={8} />
      <fieldset class="field case-workdays" style={{ border: 0, padding: 0, margin: '0 0 1.25rem' }}>
        <legend class="field-label">{t('caseWorkdays')}</legend>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
          {WEEKDAYS.map(([day, key]) => (
            <label key={day} style={{ display: 'flex', alignItems: 'center', gap: '0.5rem', minHeight: '48px' }}>
              <input type="checkbox" style={BOX} checked={draft.workdays.includes(day)} onChange={(e) => toggleDay(day, (e.target as HTMLInputElement).checked)} /> {t(key)}
            </label>
          ))}
        </div>
        {say('workdays') && <p class="field-error" role="alert">{say('workdays')}</p>}
      </fieldset>
      {daysField('holidays', 'caseHolidays', 'caseHolidaysHint')}
      {daysField('makeUp', 'caseMakeUp', 'caseMakeUpHint')}
      <Field label={t('casePaidOpen')} value={draft.paidOpen} onInput={set('paidOpen')} hint={t('casePaidHint')} error={say('paidOpen')} optional={t('optional')} inputMode="numeric" maxLength={8} />
      <Field label={t('casePaidClose')} value={draft.paidClose} onInput={set('paidClose')} error={say('paidClose')} optional={t('optional')} inputMode="numeric" maxLength={8} />
      <div class="field">
        <label class="field-label" for={qualityId}>{t('caseQuality')}</label>
        <p class="field-hint" id={`${qualityId}-hint`}>{t('caseQualityHint')}</p>
        <select id={qualityId} class="field-input case-quality" aria-describedby={`${qualityId}-hint`} value={draft.quality} onChange={(e) => set('quality')((e.target as HTMLSelectElement).value)}>
          <option value="">{t('caseQualityNone')}</option>
          {options.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </div>
      <Outcome problem={problem} done={done} />
      <Button busy={busy} onClick={() => save()}>{t('caseSettingsSave')}</Button>
    </Panel>
  );
}
