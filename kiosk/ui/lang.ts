// The two languages and the {placeholder} rule, shared by the lobby's string tables and the staff pages'.
export type Lang = 'zh-CN' | 'en';

export function isLang(value: unknown): value is Lang {
  return value === 'zh-CN' || value === 'en';
}

/** `text` with its `{name}` placeholders filled from `vars`; an unknown one stays as it is. */
export const fill = (text: string, vars?: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
