// The lobby's two languages; every string on screen goes through translate().
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { fill, isLang, type Lang } from './lang.ts';
import { en, type StringKey } from './strings.en.ts';
import { zhCN } from './strings.zh-CN.ts';

export { isLang, type Lang };
export type { StringKey };
export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

const tables: Record<Lang, Record<StringKey, string>> = { 'zh-CN': zhCN, en };

export function translator(lang: Lang): Translate {
  return (key, vars) => fill(tables[lang][key], vars);
}

/** The key whose text is `text` in any language, so stored labels can be shown in the current one. */
export function keyOfText(text: string, keys: readonly StringKey[]): StringKey | undefined {
  return keys.find((key) => en[key] === text || zhCN[key] === text);
}

export const LangContext = createContext<{ lang: Lang; t: Translate }>({ lang: 'zh-CN', t: translator('zh-CN') });

export const useT = () => useContext(LangContext).t;
