// The words of the visitor-detail checks (ui/checks.ts), shared by the lobby's and the staff pages' string tables.
// Each table adds its own errRequired: the lobby says "fill this in", the staff pages name the field.
export const checksEn = {
  errIdChars: 'A resident ID number has only digits, with X allowed as the last character.',
  errIdLength: 'A resident ID number has 18 characters; this one has {n}.',
  errIdBirthDate: 'The birth date in this ID number ({date}) is not a real date.',
  errIdCheckDigit: 'This ID number does not add up: please check each digit.',
  errPassport: 'A passport number has 5 to 20 letters and digits.',
  errIdOther: 'An ID number has 4 to 30 letters, digits or "-".',
  errPhone: 'Enter an 11-digit mainland mobile number starting with 13–19, or + and the country code.',
} as const;

export const checksZhCN: Record<keyof typeof checksEn, string> = {
  errIdChars: '身份证号码只能包含数字，最后一位可以是 X。',
  errIdLength: '身份证号码应为 18 位，您输入了 {n} 位。',
  errIdBirthDate: '号码中的出生日期（{date}）不是有效日期。',
  errIdCheckDigit: '身份证号码校验不通过，请逐位核对。',
  errPassport: '护照号码应为 5 到 20 位字母或数字。',
  errIdOther: '证件号码应为 4 到 30 位字母、数字或“-”。',
  errPhone: '请输入以 13–19 开头的 11 位大陆手机号，或以 + 开头的国际号码。',
};

export type CheckKey = keyof typeof checksEn | 'errRequired';
