// The host's quick phrases: sent as a key, shown to the visitor in the language they chose at the kiosk and to
// the host in theirs. The one list the server validates against and both front ends import (a few hundred bytes).

export const PHRASES = {
  'coming-down': { en: 'I\'ll be right down', 'zh-CN': '请稍等，我马上下来' },
  'colleague-coming': { en: 'A colleague will come to meet you', 'zh-CN': '我的同事会来接您' },
  'take-seat': { en: 'Please take a seat in the lobby', 'zh-CN': '请在大堂稍坐' },
  'go-to-reception': { en: 'Please go to the reception desk', 'zh-CN': '请到前台' },
  'in-meeting': { en: 'I\'m finishing a meeting', 'zh-CN': '我正在开会，马上结束' },
  'sorry-wait': { en: 'Sorry to keep you waiting', 'zh-CN': '抱歉让您久等了' },
} as const;

export type PhraseKey = keyof typeof PHRASES;
export type PhraseLang = keyof (typeof PHRASES)[PhraseKey];
export const PHRASE_KEYS = Object.keys(PHRASES) as PhraseKey[];

/** "Coming in N minutes": the longest wait a host may announce. */
export const COMING_MAX_MINUTES = 60;

export const phraseText = (key: PhraseKey, lang: PhraseLang): string => PHRASES[key]?.[lang] ?? '';
