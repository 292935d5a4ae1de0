// The one interface every way of reaching a host implements (one module per channel in this folder): a
// message about a visitor, sent to one target, with an answer saying whether it arrived and whether to try again.

export const CHANNEL_KINDS = ['email', 'wecom', 'dingtalk', 'feishu', 'slack', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Where one host (or department) is reached: an e-mail address, or a platform's webhook URL and its signing secret. */
export interface HostChannel { kind: ChannelKind; target: string; secret?: string }

/** One action link of a message: a page that asks to confirm, then acts (never on a GET alone). */
export interface ActionLink { url: string; en: string; zh: string }

/** What a host is told. Never the visitor's ID number; the phone only when the site turns it on. */
export interface HostMessage {
  /** 'arrived': a decision is needed (links present); 'invited-arrived': an invited visitor is here (已到达), approved. */
  kind: 'arrived' | 'invited-arrived' | 'case' | 'call';
  visitId: string;
  /** The visit's number as the kiosk shows it, e.g. A-0042. */
  number: string;
  visitor: { name: string; company?: string; phone?: string };
  purpose?: string;
  /** ISO time of arrival, and as the site reads it (site time zone, "2026-11-30 14:05"). */
  arrivedAt: string;
  arrivedAtLabel: string;
  kiosk?: string;
  host: { name: string; department: string };
  /** Approve, deny, coming in N minutes: absent when nothing is to be decided. */
  links?: { approve: ActionLink; deny: ActionLink; coming: ActionLink[] };
  siteName?: string;
  /** kind 'case': a case (事务) assigned to the host, or a complaint copied to their quality department; visitor.name
   *  then holds the case's subject, purpose its category and deadline, arrivedAt when it was opened. */
  caseTitle?: { zh: string; en: string };
  /** kind 'call': a message (留言) or transfer (转接) for the host, titled by caseTitle; visitor holds the caller as the
   *  desk wrote them, purpose the subject and the message's words, arrivedAt when the call came in. */
}

/** A send's outcome: delivered, or why not and whether another try may help (a 5xx, a timeout, a refused connection). */
export interface Delivery { ok: boolean; status?: number; error?: string; retryable: boolean }

export interface Channel {
  kind: ChannelKind;
  send(channel: HostChannel, message: HostMessage, now: Date): Promise<Delivery>;
}
