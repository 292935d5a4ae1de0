// Walk-in step 1: who the visitor is.
import { useState } from 'preact/hooks';
import { Button } from '../ui/Button.tsx';
import { Field } from '../ui/Field.tsx';
import { useT } from '../ui/i18n.ts';
import { Screen } from '../ui/Screen.tsx';
import { checkIdNumber, checkPhone, checkRequired } from '../ui/checks.ts';
import { IdFields } from './IdFields.tsx';
import { focusFirstProblem } from '../ui/focus.ts';
import type { Draft } from './session.ts';

type Touched = Partial<Record<'name' | 'idNumber' | 'phone', boolean>>;

export function AboutYou({ draft, update, onBack, onNext }: {
  draft: Draft; update: (patch: Partial<Draft>) => void; onBack: () => void; onNext: () => void;
}) {
  const t = useT();
  const [touched, setTouched] = useState<Touched>({});
  const [tried, setTried] = useState(false);
  const done = (field: keyof Touched) => tried || !!touched[field];
  const touch = (field: keyof Touched) => () => setTouched((seen) => ({ ...seen, [field]: true }));
  const nameProblem = checkRequired(draft.name, done('name'));
  const phoneProblem = checkPhone(draft.phone, done('phone'), true);

  const next = () => {
    setTried(true);
    const problems = [checkRequired(draft.name, true), checkIdNumber(draft.idType, draft.idNumber, true), checkPhone(draft.phone, true, true)];
    if (problems.some(Boolean)) return focusFirstProblem();
    onNext();
  };

  return (
    <Screen
      name="about-you" title={t('stepAboutYou')} step={t('stepOf', { n: 1, total: 2 })} onSubmit={next}
      actions={<>
        <Button kind="secondary" onClick={onBack}>{t('back')}</Button>
        <Button type="submit">{t('next')}</Button>
      </>}
    >
      <div class="form-grid">
        <Field
          label={t('fullName')} value={draft.name} onInput={(name) => update({ name })} onBlur={touch('name')}
          autoCapitalize="words" maxLength={60} error={nameProblem && t(nameProblem.key)}
        />
        <IdFields
          idType={draft.idType} idNumber={draft.idNumber} finished={done('idNumber')}
          onChange={update} onBlur={touch('idNumber')}
        />
        <Field
          label={t('mobilePhone')} value={draft.phone} inputMode="tel" hint={t('mobilePhoneHint')}
          onInput={(phone) => update({ phone })} onBlur={touch('phone')} maxLength={20}
          error={phoneProblem && t(phoneProblem.key)}
        />
        <Field
          label={t('company')} value={draft.company} optional={t('optional')} maxLength={80}
          onInput={(company) => update({ company })}
        />
      </div>
    </Screen>
  );
}
