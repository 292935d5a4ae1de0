// The fields of a desk registration: the ID (always asked), the rest of a walk-in, or what an invitation already says.
import type { IdType, InviteSummary } from '../../../server/protocol.ts';
import { AnyOf, OneOf } from '../../ui/Choices.tsx';
import { Field } from '../../ui/Field.tsx';
import { Stepper } from '../../ui/Stepper.tsx';
import type { Problem } from '../../ui/checks.ts';
import { HostSearch } from '../HostSearch.tsx';
import { useStaffSite } from '../Shell.tsx';
import { ID_TYPE_LABEL, formatTime, useLang, useT, type StaffKey } from '../i18n.ts';
import { ITEM_KEYS, PURPOSE_KEYS, type Checked, type DeskDraft, type Problems } from './registration.ts';

const MAX_COMPANIONS = 20;
const MAX_NAME = 64; // the server's limit for a name

interface FieldsProps {
  draft: DeskDraft;
  problems: Problems;
  update: (patch: Partial<DeskDraft>) => void;
  /** The field was left: from now on it is judged as finished. */
  touch: (field: Checked) => () => void;
}

/** A check's message; the staff pages' "please fill in" names its field. */
function useSay() {
  const t = useT();
  return (problem: Problem<StaffKey> | undefined, label: string) => (problem ? t(problem.key, { field: label, ...problem.vars }) : null);
}

export function IdFields({ draft, problems, update, touch }: FieldsProps) {
  const t = useT();
  const say = useSay();
  const types = (['cn-resident', 'passport', 'other'] as const).map((value) => ({ value, label: t(ID_TYPE_LABEL[value]) }));
  return (
    <>
      <OneOf<IdType> label={t('idType')} value={draft.idType} options={types} onChange={(idType) => update({ idType })} />
      <Field
        label={t('idNumber')} value={draft.idNumber} onBlur={touch('idNumber')} maxLength={40} autoCapitalize="characters"
        error={say(problems.idNumber, t('idNumber'))}
        onInput={(value) => update({ idNumber: draft.idType === 'cn-resident' ? value.toUpperCase() : value })}
      />
    </>
  );
}

/** Who (and whom they visit) on the left, all required but the company; what they declare, all optional, on the right. */
export function WalkInFields(props: FieldsProps) {
  const { draft, problems, update, touch } = props;
  const t = useT();
  const say = useSay();
  return (
    <div class="form-columns">
      <div>
        <h3 class="form-section">{t('sectionVisitor')}</h3>
        <Field label={t('name')} value={draft.name} onInput={(name) => update({ name })} onBlur={touch('name')} maxLength={64} error={say(problems.name, t('name'))} />
        <IdFields {...props} />
        <Field
          label={t('mobilePhone')} value={draft.phone} inputMode="tel" hint={t('mobilePhoneHint')} maxLength={24}
          onInput={(phone) => update({ phone })} onBlur={touch('phone')} error={say(problems.phone, t('mobilePhone'))}
        />
        <Field label={t('company')} value={draft.company} optional={t('optional')} maxLength={100} onInput={(company) => update({ company })} />
        <h3 class="form-section">{t('sectionVisit')}</h3>
        <HostSearch label={t('host')} picked={draft.host} onPick={(host) => update({ host })} error={say(problems.host, t('host'))} />
        <PurposeField value={draft.purpose} onChange={(purpose) => update({ purpose })} onBlur={touch('purpose')} error={say(problems.purpose, t('purpose'))} />
      </div>
      <div>
        <h3 class="form-section">{t('sectionExtras')}</h3>
        <Stepper
          label={t('companions')} value={draft.companions} min={0} max={MAX_COMPANIONS} optional={t('optional')}
          lessLabel={t('companionsLess')} moreLabel={t('companionsMore')}
          onChange={(companions) => update({ companions, companionNames: draft.companionNames.slice(0, companions) })}
        />
        <CompanionNames draft={draft} update={update} />
        <AnyOf
          label={t('items')} optional={t('optional')} values={draft.items} onChange={(items) => update({ items })}
          options={ITEM_KEYS.map((key) => ({ value: key, label: t(key) }))}
        />
        <Field label={t('otherItems')} hint={t('otherItemsHint')} value={draft.otherItems} optional={t('optional')} maxLength={300} onInput={(otherItems) => update({ otherItems })} />
        <Field label={t('plate')} value={draft.plate} optional={t('optional')} maxLength={16} autoCapitalize="characters" onInput={(plate) => update({ plate: plate.toUpperCase() })} />
        <OneOf<'no' | 'yes'>
          label={t('escortRequired')} value={draft.escort ? 'yes' : 'no'} onChange={(value) => update({ escort: value === 'yes' })}
          options={[{ value: 'no', label: t('no') }, { value: 'yes', label: t('yes') }]}
        />
      </div>
    </div>
  );
}

/** The purpose, typed or one of the usual ones as a chip (a group's too: GroupRegister.tsx): the site's purposes when
 *  an admin set them (a visit's purpose must then be one of them), else the kiosk's usual suggestions. */
export function PurposeField({ value, onChange, onBlur, error }: { value: string; onChange: (purpose: string) => void; onBlur?: () => void; error: string | null }) {
  const t = useT();
  const lang = useLang();
  const sitePurposes = useStaffSite()?.purposes ?? [];
  const choices = sitePurposes.length ? sitePurposes.map((p) => (lang === 'en' ? p.en : p.zh)) : PURPOSE_KEYS.map((key) => t(key));
  return (
    <Field label={t('purpose')} value={value} onInput={onChange} onBlur={onBlur} maxLength={200} error={error}>
      <div class="chips">
        {choices.map((label) => (
          <button type="button" key={label} class={`chip${value === label ? ' chip-on' : ''}`} aria-pressed={value === label} onClick={() => onChange(label)}>
            {label}
          </button>
        ))}
      </div>
    </Field>
  );
}

/** A name field per companion, all optional: reception writes down those it is told. */
function CompanionNames({ draft, update }: Pick<FieldsProps, 'draft' | 'update'>) {
  const t = useT();
  const named = (i: number, name: string) =>
    update({ companionNames: Array.from({ length: Math.max(draft.companionNames.length, i + 1) }, (_, j) => (j === i ? name : draft.companionNames[j] ?? '')) });
  return (
    <>
      {Array.from({ length: draft.companions }, (_, i) => (
        <Field
          key={i} label={t('companionName', { n: i + 1 })} optional={t('optional')} maxLength={MAX_NAME}
          value={draft.companionNames[i] ?? ''} onInput={(name) => named(i, name)}
        />
      ))}
    </>
  );
}

/** What the invitation says, so reception can check it against the person in front of them. */
export function InviteSummaryList({ invite }: { invite: InviteSummary }) {
  const t = useT();
  const lang = useLang();
  const day = new Date(invite.start).toLocaleDateString(lang, { month: 'long', day: 'numeric', weekday: 'short' });
  return (
    <dl class="facts invite-facts">
      <dt>{t('name')}</dt><dd>{invite.visitor.name}</dd>
      {invite.visitor.company && <><dt>{t('company')}</dt><dd>{invite.visitor.company}</dd></>}
      <dt>{t('host')}</dt><dd>{invite.host.name} · {invite.host.department}</dd>
      <dt>{t('purpose')}</dt><dd>{invite.purpose}</dd>
      <dt>{t('inviteWhen')}</dt><dd>{day} {formatTime(invite.start, lang)}–{formatTime(invite.end, lang)}</dd>
    </dl>
  );
}
