// The desk's words in the admin's settings: the standard phrases (规范用语) and the standard texts after a call
// (标准短信) in Chinese and English, and the SMS bridge the texts go through. Each panel saves its own field only; the
// regulations' wording stands until an admin changes it (saved equal to it, the field goes back to unset).
import { useState } from 'preact/hooks';
import type { SiteSettings } from '../../../server/protocol.ts';
import { DEFAULT_DESK_PHRASES, DEFAULT_SMS_TEMPLATES, SMS_PLACEHOLDERS } from '../../../server/domain/desk-phrases.ts';
import { RequestError } from '../../api.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT, type StaffKey } from '../i18n.ts';
import { failure, msg, say as sayMessage, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { patchSettings } from './site-calls.ts';
import '../phrases/phrases.css';
import { forgetPhrases, PhrasePrompts } from '../phrases/PhrasePrompts.tsx';

interface Entry { id: string; zh: string; en: string }
type Part = 'id' | 'zh' | 'en';
const KEY = /^[a-z][a-z0-9-]{0,31}$/;

/** A list of {key|id, zh, en} as the panels edit it: the id under one name. */
const entriesOf = (list: ReadonlyArray<{ zh: string; en: string } & ({ key: string } | { id: string })>): Entry[] =>
  list.map((e) => ({ id: 'key' in e ? e.key : e.id, zh: e.zh, en: e.en }));
const clean = (list: Entry[]) => list.map((e) => ({ id: e.id.trim(), zh: e.zh.trim(), en: e.en.trim() }));

interface ListSpec {
  field: 'deskPhrases' | 'smsTemplates';
  idName: 'key' | 'id';
  title: StaffKey; intro: StaffKey; row: StaffKey; add: StaffKey; save: StaffKey; saved: StaffKey;
  max: { zh: number; en: number; count: number };
  defaults: Entry[];
  placeholders: boolean;
}

const PHRASES: ListSpec = {
  field: 'deskPhrases', idName: 'key', title: 'dpTitle', intro: 'dpIntro', row: 'dpRow', add: 'dpAdd', save: 'dpSave', saved: 'dpSaved',
  max: { zh: 200, en: 400, count: 30 }, defaults: entriesOf(DEFAULT_DESK_PHRASES), placeholders: false,
};
const TEMPLATES: ListSpec = {
  field: 'smsTemplates', idName: 'id', title: 'dpTemplatesTitle', intro: 'dpTemplatesIntro', row: 'dpTemplateRow', add: 'dpTemplateAdd',
  save: 'dpTemplatesSave', saved: 'dpTemplatesSaved', max: { zh: 300, en: 600, count: 20 }, defaults: entriesOf(DEFAULT_SMS_TEMPLATES), placeholders: true,
};

/** What is wrong with each row, before the server is asked. */
function check(list: Entry[], spec: ListSpec): Record<string, Message> {
  const wrong: Record<string, Message> = {};
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (!KEY.test(e.id)) wrong[`${i}.id`] = msg('dpErrKey');
    else if (seen.has(e.id)) wrong[`${i}.id`] = msg('dpErrRepeat');
    seen.add(e.id);
    for (const part of ['zh', 'en'] as const) {
      if (!e[part]) wrong[`${i}.${part}`] = msg('dpErrEmpty');
      const unknown = [...e[part].matchAll(/\{([^{}]*)\}/g)].some(([, p]) => !(SMS_PLACEHOLDERS as readonly string[]).includes(p));
      if (spec.placeholders && unknown) wrong[`${i}.${part}`] = msg('dpErrPlaceholder');
    }
  });
  return wrong;
}

function EntryList({ settings, spec, onSaved }: { settings: SiteSettings; spec: ListSpec; onSaved: (s: SiteSettings) => void }) {
  const t = useT();
  const stored = () => (settings[spec.field] ? entriesOf(settings[spec.field]!) : spec.defaults);
  const [list, setList] = useState<Entry[]>(stored);
  const [wrong, setWrong] = useState<Record<string, Message>>({});
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const set = (i: number, part: Part, value: string) => {
    setList((l) => l.map((e, j) => (j === i ? { ...e, [part]: part === 'id' ? value.toLowerCase() : value } : e)));
    setWrong((w) => ({ ...w, [`${i}.${part}`]: undefined as unknown as Message }));
    setDone(null);
  };

  const [save, busy] = useAction(async () => {
    const next = clean(list);
    const found = check(next, spec);
    setWrong(found);
    if (Object.values(found).some(Boolean)) return;
    const same = JSON.stringify(next) === JSON.stringify(spec.defaults);
    try {
      const saved = await patchSettings({ [spec.field]: same ? null : next.map((e) => ({ [spec.idName]: e.id, zh: e.zh, en: e.en })) } as Partial<SiteSettings>);
      if (spec.field === 'deskPhrases') forgetPhrases();
      onSaved(saved);
      setList(saved[spec.field] ? entriesOf(saved[spec.field]!) : spec.defaults);
      setProblem(null);
      setDone(msg(spec.saved));
    } catch (error) {
      // deskPhrases[2].zh: the row's field shows it too.
      const at = error instanceof RequestError ? /^\w+\[(\d+)\]\.(\w+)$/.exec(error.field ?? '') : null;
      if (at) setWrong({ [`${at[1]}.${at[2] === spec.idName ? 'id' : at[2]}`]: failure(error) });
      setProblem(failure(error));
    }
  });

  const say = (i: number, part: Part) => sayMessage(t, wrong[`${i}.${part}`]);
  return (
    <Panel title={t(spec.title)} class={`desk-words ${spec.field}`}>
      <p class="muted">{t(spec.intro)}</p>
      <ol class="rows">
        {list.map((e, i) => (
          <li key={i} class="row desk-word-row">
            <p class="field-label">{t(spec.row, { n: i + 1 })}</p>
            <Field label={t('dpKey')} value={e.id} onInput={(v) => set(i, 'id', v)} hint={i === 0 ? t('dpKeyHint') : undefined} error={say(i, 'id')} maxLength={32} autoCapitalize="off" />
            <Button kind="quiet" class="row-action" onClick={() => { setList(list.filter((_, j) => j !== i)); setWrong({}); setDone(null); }}>{t('dpRemove')}</Button>
            {(['zh', 'en'] as const).map((part) => {
              const error = say(i, part);
              return (
                <label key={part} class={`field${error ? ' field-invalid' : ''}`}>
                  <span class="field-label">{t(part === 'zh' ? 'dpZh' : 'dpEn')}</span>
                  <textarea class="field-input desk-word-text" lang={part === 'zh' ? 'zh-CN' : 'en'} rows={3} maxLength={spec.max[part]} value={e[part]}
                    onInput={(ev) => set(i, part, (ev.target as HTMLTextAreaElement).value.replace(/\s*\n\s*/g, ' '))} />
                  {error && <span class="field-error" role="alert">{error}</span>}
                </label>
              );
            })}
          </li>
        ))}
      </ol>
      <div class="desk-word-actions">
        {list.length < spec.max.count && <Button kind="secondary" onClick={() => { setList([...list, { id: '', zh: '', en: '' }]); setDone(null); }}>{t(spec.add)}</Button>}
        <Button kind="quiet" onClick={() => { setList(spec.defaults); setWrong({}); setDone(msg('dpRestored')); }}>{t('dpRestore')}</Button>
      </div>
      <Outcome problem={problem} done={done} />
      <Button busy={busy} onClick={() => save()}>{t(spec.save)}</Button>
      {spec.field === 'deskPhrases' && (
        <details class="desk-word-preview">
          <summary>{t('dpPreview')}</summary>
          <PhrasePrompts key={JSON.stringify(settings.deskPhrases ?? null) + settings.siteName} />
        </details>
      )}
    </Panel>
  );
}

function SmsBridge({ settings, onSaved }: { settings: SiteSettings; onSaved: (s: SiteSettings) => void }) {
  const t = useT();
  const [url, setUrl] = useState(settings.smsWebhook?.url ?? '');
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const bridge = settings.smsWebhook;
  const after = (next: SiteSettings, said: StaffKey) => { onSaved(next); setUrl(next.smsWebhook?.url ?? ''); setSecret(''); setProblem(null); setDone(msg(said)); };
  const [save, busy] = useAction(async () => {
    try {
      after(await patchSettings({ smsWebhook: { url: url.trim(), ...(secret.trim() ? { secret: secret.trim() } : {}) } }), 'dpBridgeSaved');
    } catch (error) {
      setProblem(failure(error, { 'smsWebhook.url': 'dpBridgeUrl', 'smsWebhook.secret': 'dpBridgeSecret' }));
    }
  });
  const [remove, removing] = useAction(async () => {
    try {
      after(await patchSettings({ smsWebhook: null } as unknown as Partial<SiteSettings>), 'dpBridgeRemoved');
    } catch (error) {
      setProblem(failure(error));
    }
  });
  return (
    <Panel title={t('dpBridgeTitle')} class="desk-words sms-bridge">
      <p class="muted">{t('dpBridgeIntro')}</p>
      {!bridge && <p class="muted sms-bridge-none">{t('dpBridgeNone')}</p>}
      <Field label={t('dpBridgeUrl')} value={url} onInput={(v) => { setUrl(v); setDone(null); }} maxLength={500} autoCapitalize="off" />
      <Field label={t('dpBridgeSecret')} type="password" value={secret} onInput={(v) => { setSecret(v); setDone(null); }} hint={bridge?.secretSet ? t('dpBridgeSecretSet') : undefined}
        optional={t('optional')} maxLength={200} autoComplete="new-password" />
      <Outcome problem={problem} done={done} />
      <div class="desk-word-actions">
        <Button busy={busy} onClick={() => save()}>{t('dpBridgeSave')}</Button>
        {bridge && <Button kind="quiet" busy={removing} onClick={() => remove()}>{t('dpBridgeRemove')}</Button>}
      </div>
    </Panel>
  );
}

/** The three panels, under the rest of the settings. */
export function DeskPhrasesSettings({ settings }: { settings: SiteSettings }) {
  const [saved, setSaved] = useState(settings);
  return (
    <>
      <EntryList settings={saved} spec={PHRASES} onSaved={setSaved} />
      <EntryList settings={saved} spec={TEMPLATES} onSaved={setSaved} />
      <SmsBridge settings={saved} onSaved={setSaved} />
    </>
  );
}
