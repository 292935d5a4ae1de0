// The invitation as a short text in both languages, for the host to paste into a message to the visitor; and copying it.
import type { Appointment } from '../../../server/protocol.ts';
import { formatTime, translator, type Lang } from '../i18n.ts';

const LANGS: Lang[] = ['zh-CN', 'en'];

/** "2025年3月5日周三" or "Wed, March 5, 2025". */
export const formatDay = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleDateString(lang, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });

/** The day and the hours, e.g. "2025年3月5日周三 14:00–16:00". */
export const formatWindow = ({ start, end }: Pick<Appointment, 'start' | 'end'>, lang: Lang) =>
  `${formatDay(start, lang)} ${formatTime(start, lang)}–${formatTime(end, lang)}`;

/** Chinese, then English, whichever language the host's page is in: the visitor may read either. */
export function invitationText(appointment: Appointment, host: string): string {
  return LANGS.map((lang) => translator(lang)('inviteText', {
    host, name: appointment.visitor.name, when: formatWindow(appointment, lang), code: appointment.inviteCode,
  })).join('\n\n');
}

/** The clipboard API exists only in secure contexts (https, localhost); a page on a LAN address over http uses execCommand. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* refused: try the old way */ }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;top:0;left:0;opacity:0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
