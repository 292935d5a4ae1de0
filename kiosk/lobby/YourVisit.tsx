// Walk-in step 2: whom they visit and why, plus what they bring along.
import { useContext, useState } from 'preact/hooks';
import { Button } from '../ui/Button.tsx';
import { AnyOf } from '../ui/Choices.tsx';
import { Field } from '../ui/Field.tsx';
import { HostSearch } from '../ui/HostSearch.tsx';
import { LangContext, useT, type StringKey } from '../ui/i18n.ts';
import { useSiteSettings } from './site-settings.ts';
import { Screen } from '../ui/Screen.tsx';
import { Stepper } from '../ui/Stepper.tsx';
import { searchHosts } from './calls.ts';
import { checkRequired } from '../ui/checks.ts';
import { focusFirstProblem } from '../ui/focus.ts';
import { ITEM_KEYS, PURPOSE_KEYS } from './choices.ts';
import type { Draft } from './session.ts';

const MAX_HOSTS_SHOWN = 6;

export function YourVisit({ draft, update, onBack, onNext }: {
  draft: Draft; update: (patch: Partial<Draft>) => void; onBack: () => void; onNext: () => void;
}) {
  const t = useT();
  const { lang } = useContext(LangContext);
  // The site's purposes when an admin set them (PATCH /api/settings), else the kiosk's usual suggestions.
  const sitePurposes = useSiteSettings()?.purposes ?? [];
  const purposeChoices = sitePurposes.length ? sitePurposes.map((p) => (lang === 'en' ? p.en : p.zh)) : PURPOSE_KEYS.map((key: StringKey) => t(key));
  const [tried, setTried] = useState(false);
  const [purposeTouched, setPurposeTouched] = useState(false);
  const purposeProblem = checkRequired(draft.purpose, tried || purposeTouched);
  const hostProblem = tried && !draft.host ? t('errHostRequired') : null;

  const next = () => {
    setTried(true);
    if (!draft.host || checkRequired(draft.purpose, true)) return focusFirstProblem();
    onNext();
  };

  return (
    <Screen
      name="your-visit" title={t('stepYourVisit')} step={t('stepOf', { n: 2, total: 2 })} onSubmit={next}
      actions={<>
        <Button kind="secondary" onClick={onBack}>{t('back')}</Button>
        <Button type="submit">{t('next')}</Button>
      </>}
    >
      <div class="form-grid form-grid-3">
        <div class="form-column">
          <HostSearch
            search={searchHosts} label={t('host')} hint={t('hostHint')} error={hostProblem} max={MAX_HOSTS_SHOWN}
            picked={draft.host} onPick={(host) => update({ host })}
            texts={{ change: t('hostChange'), failed: t('hostSearchFailed'), noMatch: (q) => t('hostNoMatch', { q }) }}
          />
        </div>
        <div class="form-column">
          <Field
            label={t('purpose')} value={draft.purpose} onInput={(purpose) => update({ purpose })} maxLength={100}
            onBlur={() => setPurposeTouched(true)} error={purposeProblem && t(purposeProblem.key)}
          >
            <div class="chips">
              {purposeChoices.map((label) => (
                <button type="button" key={label} class={`chip${draft.purpose === label ? ' chip-on' : ''}`} onClick={() => update({ purpose: label })}>
                  {label}
                </button>
              ))}
            </div>
          </Field>
        </div>
        <div class="form-column extras">
          <h2 class="section-title">{t('extrasTitle')}</h2>
          <Stepper
            label={t('companions')} value={draft.companions} min={0} max={20} optional={t('optional')}
            lessLabel={t('companionsLess')} moreLabel={t('companionsMore')} onChange={(companions) => update({ companions })}
          />
          <AnyOf
            label={t('items')} optional={t('optional')} values={draft.items} onChange={(items) => update({ items })}
            options={ITEM_KEYS.map((key) => ({ value: key, label: t(key) }))}
          />
          <Field
            label={t('plate')} value={draft.plate} optional={t('optional')} maxLength={12} autoCapitalize="characters"
            onInput={(plate) => update({ plate: plate.toUpperCase() })}
          />
        </div>
      </div>
    </Screen>
  );
}
