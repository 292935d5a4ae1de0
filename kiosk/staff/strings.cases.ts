// Cases' (事务) words on the staff pages, in English and 中文 (spread into strings.ts): the alerts they raise.
export const casesEn = {
  alertCaseMajor: 'Major case opened',
  alertCaseOverdue: 'Case overdue',
  alertCallbackOverdue: 'Callback overdue',
};

export const casesZhCN: Record<keyof typeof casesEn, string> = {
  alertCaseMajor: '重大事务已登记',
  alertCaseOverdue: '事务已超期',
  alertCallbackOverdue: '回访已超期',
};
