// The bilingual words of a host message, written once for all five webhook channels; each channel only lays
// them out in its platform's format. One conservative escaper serves every chat platform's markdown.
import type { ActionLink, HostMessage } from './channel.ts';

export type Escape = (text: string) => string;

/** One labelled fact: "公司 Company: 星河科技". */
export interface Fact { label: string; value: string }

/** A button: "同意 Approve" → a confirm page; role lets a platform colour approve and deny. */
export interface Action { id: string; label: string; url: string; role: 'approve' | 'deny' | 'coming' }

export interface Wording { title: string; facts: Fact[]; actions: Action[] }

/** The message's title, facts and buttons, every text the visitor or an admin typed passed through escape. */
export function wordingOf(message: HostMessage, escape: Escape): Wording {
  const name = escape(oneLine(message.visitor.name));
  const title = message.caseTitle ? `${message.caseTitle.zh} ${message.caseTitle.en}: ${name}`
    : message.kind === 'invited-arrived' ? `邀请的访客已到达 Invited visitor has arrived: ${name}` : `访客到达 Visitor arrived: ${name}`;
  const facts: Fact[] = [];
  const add = (zh: string, en: string, value: string | undefined) => {
    if (value && value.trim()) facts.push({ label: `${zh} ${en}`, value: escape(oneLine(value)) });
  };
  add('公司', 'Company', message.visitor.company);
  add('电话', 'Phone', message.visitor.phone);
  add('事由', 'Purpose', message.purpose);
  add('被访人', 'Host', `${message.host.name}（${message.host.department}）`);
  add('到达', 'Arrived', message.arrivedAtLabel);
  add('登记处', 'Kiosk', message.kiosk);
  add('编号', 'No.', message.number);
  return { title, facts, actions: actionsOf(message) };
}

/** The decision links, in the order a host reads them; none for an invited visitor already approved. */
export function actionsOf(message: HostMessage): Action[] {
  if (message.kind !== 'arrived' || !message.links) return [];
  const { approve, deny, coming } = message.links;
  const action = (id: string, link: ActionLink, role: Action['role']): Action => ({ id, label: `${oneLine(link.zh)} ${oneLine(link.en)}`, url: link.url, role });
  return [action('approve', approve, 'approve'), action('deny', deny, 'deny'), ...coming.map((link, i) => action(`coming-${i}`, link, 'coming'))];
}

/** Whole sentences in each language, unescaped, for receivers that are not chat clients (the generic webhook). */
export function plainTexts(message: HostMessage): { zh: string; en: string } {
  const v = message.visitor;
  const invited = message.kind === 'invited-arrived';
  const zh = [
    `${message.caseTitle?.zh ?? (invited ? '邀请的访客已到达' : '访客到达')}：${oneLine(v.name)}`,
    v.company && `公司：${oneLine(v.company)}`,
    v.phone && `电话：${oneLine(v.phone)}`,
    message.purpose && `事由：${oneLine(message.purpose)}`,
    `到达：${message.arrivedAtLabel}`,
    message.kiosk && `登记处：${oneLine(message.kiosk)}`,
    `编号：${message.number}`,
  ];
  const en = [
    `${message.caseTitle?.en ?? (invited ? 'Invited visitor has arrived' : 'Visitor arrived')}: ${oneLine(v.name)}`,
    v.company && `Company: ${oneLine(v.company)}`,
    v.phone && `Phone: ${oneLine(v.phone)}`,
    message.purpose && `Purpose: ${oneLine(message.purpose)}`,
    `Arrived: ${message.arrivedAtLabel}`,
    message.kiosk && `Kiosk: ${oneLine(message.kiosk)}`,
    `No.: ${message.number}`,
  ];
  return { zh: zh.filter(Boolean).join('\n'), en: en.filter(Boolean).join('\n') };
}

/** What the visitor typed, as sent and as escaped: kept out of every error a platform's answer could echo it into. */
export function visitorTexts(message: HostMessage): string[] {
  const typed = [message.visitor.name, message.visitor.company, message.visitor.phone, message.purpose].filter((t): t is string => !!t);
  return [...typed, ...typed.map((t) => escapeMarkdown(oneLine(t)))];
}

// Markdown syntax turned into look-alike full-width forms: WeCom, DingTalk and Feishu document no backslash
// escape, so a typed "[x](http://evil)" or "**" can only be made harmless by not being ASCII syntax any more.
const LOOK_ALIKES: Record<string, string> = {
  '[': '［', ']': '］', '(': '（', ')': '）', '*': '＊', '_': '＿', '~': '～', '`': '｀', '#': '＃',
  '>': '＞', '<': '＜', '|': '｜', '\\': '＼', '!': '！', '&': '＆',
};
const SYNTAX = /[[\]()*_~`#><|\\!&]/g;

/** For WeCom, DingTalk and Feishu markdown and Slack mrkdwn, and their plain titles too: no link, format, mention or tag survives. */
export const escapeMarkdown: Escape = (text) => text.replace(SYNTAX, (c) => LOOK_ALIKES[c]);

/** A URL inside "[label](url)": characters that would end the link early are percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[()<>\s"'[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

// A line break typed into a field would start a heading or a list on the next line.
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}
