// The e-mail channel: one bilingual message (plain text + HTML) per arrival, sent over SMTP with nodemailer.
// The plain-text link lines (`Approve / 同意: https://…`) are a contract: mail clients and hosts' filters read them.
import nodemailer from 'nodemailer';
import QRCode from 'qrcode';
import type { ActionLink, Channel, Delivery, HostChannel, HostMessage } from './channel.ts';
import { isMailAddress, parseSmtpUrl } from './email-config.ts';

export interface EmailOptions { smtpUrl: string; from: string; timeoutMs?: number }
export type EmailChannel = Channel & {
  verify(): Promise<Delivery>;
  /** The invitation to the visitor, its code also as an inline QR image (the kiosk's camera reads the code itself). */
  sendInvitation(to: string, invitation: InvitationMail, now: Date): Promise<Delivery>;
  close(): void;
};

/** What a visitor's invitation says: the code, when (site time), where, and whom to ask for. */
export interface InvitationMail { code: string; visitorName: string; hostName: string; department: string; purpose: string; when: string; site: string }

// Reasons nodemailer gives when the connection, not the message, failed: another try may get through.
const TRANSIENT = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'EPROXY']);

export function createEmailChannel(options: EmailOptions): EmailChannel {
  const server = parseSmtpUrl(options.smtpUrl);
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: server.host, port: server.port, secure: server.secure,
    auth: server.user ? { user: server.user, pass: server.pass ?? '' } : undefined,
    connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout, dnsTimeout: timeout,
    // Nothing in a host message is a file or a URL to fetch; logs stay off so no visitor's name reaches them.
    disableFileAccess: true, disableUrlAccess: true, logger: false, debug: false,
  });
  const secrets = secretForms(server.user, server.pass);
  const failed = (error: unknown): Delivery => toDelivery(error, secrets);

  return {
    kind: 'email',
    async send(channel: HostChannel, message: HostMessage, now: Date): Promise<Delivery> {
      if (!isMailAddress(channel.target)) return { ok: false, error: 'the host has no valid e-mail address', retryable: false };
      try {
        const info = await transport.sendMail({
          from: options.from, to: channel.target, date: now,
          subject: subjectOf(message), text: textOf(message), html: htmlOf(message),
          // RFC 3834: an out-of-office reply to a kiosk notification helps nobody.
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        });
        return { ok: true, status: replyCode(info.response) ?? 250, retryable: false };
      } catch (error) {
        return failed(error);
      }
    },
    async sendInvitation(to: string, invitation: InvitationMail, now: Date): Promise<Delivery> {
      if (!isMailAddress(to)) return { ok: false, error: 'not a valid e-mail address', retryable: false };
      try {
        const qr = await QRCode.toBuffer(invitation.code, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
        const info = await transport.sendMail({
          from: options.from, to, date: now,
          subject: `访客邀请 Your invitation: ${line(invitation.site)} ${line(invitation.when)}`,
          text: invitationText(invitation), html: invitationHtml(invitation),
          attachments: [{ filename: 'invite-qr.png', content: qr, contentType: 'image/png', cid: INVITE_QR_CID }],
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        });
        return { ok: true, status: replyCode(info.response) ?? 250, retryable: false };
      } catch (error) {
        return failed(error);
      }
    },
    async verify(): Promise<Delivery> {
      try {
        await transport.verify();
        return { ok: true, retryable: false };
      } catch (error) {
        return failed(error);
      }
    },
    close() { transport.close(); },
  };
}

function replyCode(response: unknown): number | undefined {
  const code = typeof response === 'string' ? Number(/^\d{3}/.exec(response)?.[0]) : NaN;
  return Number.isFinite(code) ? code : undefined;
}

// 4xx says "later", 5xx says "never" (550 mailbox unavailable, 535 bad credentials); no reply at all means the
// connection failed, which is worth another try; anything else (a bad address, a config error) is not.
function toDelivery(error: unknown, secrets: string[]): Delivery {
  const e = (error ?? {}) as { message?: string; code?: string; responseCode?: number };
  let text = String(e.message ?? error);
  for (const secret of secrets) text = text.split(secret).join('***');
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const retryable = status !== undefined ? status >= 400 && status < 500 : TRANSIENT.has(e.code ?? '');
  return { ok: false, status, error: text, retryable };
}

// The password as it may appear in a server's echo: plain, percent-encoded, or in the base64 of AUTH LOGIN/PLAIN.
function secretForms(user: string | undefined, pass: string | undefined): string[] {
  if (!pass) return [];
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [pass, encodeURIComponent(pass), b64(pass), b64(`\0${user ?? ''}\0${pass}`)].sort((a, b) => b.length - a.length);
}

// A visitor typed these: one line each, so a name cannot add a forged "Approve / 同意: …" line to the text part,
// nor a header, nor turn the text around with bidirectional overrides.
function line(value: string | undefined): string {
  return (value ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
}

function html(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function subjectOf(m: HostMessage): string {
  const who = `${line(m.visitor.name)} (${line(m.number)})`;
  if (m.caseTitle) return `${m.caseTitle.zh} ${m.caseTitle.en}: ${who}`;
  return m.kind === 'invited-arrived' ? `访客已到达 Visitor has arrived: ${who}` : `访客到达 Visitor arrived: ${who}`;
}

/** The details a host reads, label pairs first: only what the message holds, never an ID number. */
function detailsOf(m: HostMessage): [string, string][] {
  const rows: [string, string | undefined][] = [
    ['Company / 单位', m.visitor.company],
    ['Purpose / 事由', m.purpose],
    ['Arrived at / 到达时间', m.arrivedAtLabel],
    ['Kiosk / 登记终端', m.kiosk],
    ['Number / 编号', m.number],
    ['Phone / 电话', m.visitor.phone],
    // Who was visited: the reader may be a delegate or reception after an escalation.
    ['Host / 被访人', `${line(m.host.name)} (${line(m.host.department)})`],
  ];
  return rows.map(([label, value]) => [label, line(value)] as [string, string]).filter(([, value]) => value !== '');
}

function actionsOf(m: HostMessage): ActionLink[] {
  return m.kind === 'arrived' && m.links ? [m.links.approve, m.links.deny, ...m.links.coming] : [];
}

function headingOf(m: HostMessage): [string, string] {
  if (m.caseTitle) return [m.caseTitle.en, m.caseTitle.zh];
  return m.kind === 'invited-arrived' ? ['Your visitor has arrived', '您的访客已到达'] : ['A visitor is asking for you', '有访客来访，请确认'];
}

function textOf(m: HostMessage): string {
  const [en, zh] = headingOf(m);
  const lines = [`${zh} / ${en}`, '', line(m.visitor.name), ...detailsOf(m).map(([label, value]) => `${label}: ${value}`), ''];
  const actions = actionsOf(m);
  for (const a of actions) lines.push(`${a.en} / ${a.zh}: ${a.url}`);
  if (actions.length) lines.push('', 'Each link asks you to confirm. / 每个链接都会先请您确认。');
  lines.push('', line(m.siteName) || 'Foyer');
  return lines.join('\n') + '\n';
}

const BUTTON = 'display:inline-block;margin:0 8px 8px 0;padding:12px 18px;border-radius:6px;text-decoration:none;font-weight:bold;';
const COLOURS = ['background:#1a7f37;color:#ffffff;', 'background:#cf222e;color:#ffffff;'];

function htmlOf(m: HostMessage): string {
  const [en, zh] = headingOf(m);
  const rows = detailsOf(m).map(([label, value]) =>
    `<tr><td style="padding:4px 12px 4px 0;color:#57606a;white-space:nowrap;vertical-align:top">${html(label)}</td><td style="padding:4px 0">${html(value)}</td></tr>`);
  const buttons = actionsOf(m).map((a, i) =>
    `<a href="${html(a.url)}" style="${BUTTON}${COLOURS[i] ?? 'background:#eaeef2;color:#24292f;'}">${html(a.en)} / ${html(a.zh)}</a>`);
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="margin:0;padding:16px;background:#f6f8fa;font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#24292f">
<div style="max-width:480px;margin:0 auto;background:#ffffff;border-radius:8px;padding:20px">
<p style="margin:0 0 4px;font-size:14px;color:#57606a">${html(zh)} / ${html(en)}</p>
<h1 style="margin:0 0 16px;font-size:22px">${html(line(m.visitor.name))}</h1>
<table style="border-collapse:collapse;font-size:15px;margin:0 0 16px">${rows.join('')}</table>
${buttons.length ? `<div>${buttons.join('\n')}</div>\n<p style="font-size:12px;color:#57606a">Each link asks you to confirm. / 每个链接都会先请您确认。</p>` : ''}
<p style="margin:16px 0 0;font-size:12px;color:#8c959f">${html(line(m.siteName) || 'Foyer')}</p>
</div></body></html>
`;
}

const INVITE_QR_CID = 'invite-qr@foyer';

function invitationRows(i: InvitationMail): [string, string][] {
  const rows: [string, string][] = [
    ['Invite code / 邀请码', i.code],
    ['When / 时间', i.when],
    ['Where / 地点', i.site],
    ['Visiting / 被访人', `${i.hostName} (${i.department})`],
    ['Purpose / 事由', i.purpose],
  ];
  return rows.map(([label, value]) => [label, line(value)] as [string, string]).filter(([, value]) => value !== '');
}

const INVITE_HOW_ZH = '到达后，在大堂的自助终端扫描下方二维码或输入邀请码即可完成登记。';
const INVITE_HOW_EN = 'When you arrive, scan the QR code below at the lobby kiosk, or type the invite code there, to sign in.';

function invitationText(i: InvitationMail): string {
  return [
    `${line(i.visitorName)}，您好 / Hello ${line(i.visitorName)},`, '',
    '您已受邀来访。 / You are invited to visit.', '',
    ...invitationRows(i).map(([label, value]) => `${label}: ${value}`), '',
    INVITE_HOW_ZH, INVITE_HOW_EN, '', line(i.site) || 'Foyer',
  ].join('\n') + '\n';
}

function invitationHtml(i: InvitationMail): string {
  const rows = invitationRows(i).map(([label, value]) =>
    `<tr><td style="padding:4px 12px 4px 0;color:#57606a;white-space:nowrap;vertical-align:top">${html(label)}</td><td style="padding:4px 0">${html(value)}</td></tr>`);
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="margin:0;padding:16px;background:#f6f8fa;font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#24292f">
<div style="max-width:480px;margin:0 auto;background:#ffffff;border-radius:8px;padding:20px">
<p style="margin:0 0 4px;font-size:14px;color:#57606a">${html(line(i.visitorName))}，您好 / Hello ${html(line(i.visitorName))}</p>
<h1 style="margin:0 0 16px;font-size:22px">您已受邀来访 / You are invited</h1>
<p style="margin:0 0 16px;font-size:32px;font-weight:bold;letter-spacing:2px">${html(line(i.code))}</p>
<table style="border-collapse:collapse;font-size:15px;margin:0 0 16px">${rows.join('')}</table>
<p style="text-align:center;margin:0 0 16px"><img src="cid:${INVITE_QR_CID}" alt="${html(line(i.code))}" width="240" height="240" style="image-rendering:pixelated"></p>
<p style="font-size:14px">${html(INVITE_HOW_ZH)}<br>${html(INVITE_HOW_EN)}</p>
<p style="margin:16px 0 0;font-size:12px;color:#8c959f">${html(line(i.site) || 'Foyer')}</p>
</div></body></html>
`;
}
