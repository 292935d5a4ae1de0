// ID type and number, checked as the visitor types; shared by the walk-in and the invitation.
import type { IdType } from '../../server/protocol.ts';
import { OneOf } from '../ui/Choices.tsx';
import { Field } from '../ui/Field.tsx';
import { useT } from '../ui/i18n.ts';
import { checkIdNumber } from '../ui/checks.ts';

export function IdFields({ idType, idNumber, finished, onChange, onBlur }: {
  idType: IdType; idNumber: string; finished: boolean;
  onChange: (patch: { idType?: IdType; idNumber?: string }) => void; onBlur: () => void;
}) {
  const t = useT();
  const problem = checkIdNumber(idType, idNumber, finished);
  return (
    <>
      <OneOf
        label={t('idType')} value={idType} onChange={(value) => onChange({ idType: value })}
        options={[
          { value: 'cn-resident', label: t('idTypeResident') },
          { value: 'passport', label: t('idTypePassport') },
          { value: 'other', label: t('idTypeOther') },
        ]}
      />
      <Field
        label={t('idNumber')} value={idNumber} onBlur={onBlur} maxLength={40}
        autoCapitalize="characters" error={problem && t(problem.key, problem.vars)}
        onInput={(value) => onChange({ idNumber: idType === 'cn-resident' ? value.toUpperCase() : value })}
      />
    </>
  );
}
