// The admin's notifications page: is the site's e-mail set up (never its password), a test mail to an address the
// admin types, and the last deliveries and failures from the log.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { actorOf } from '../auth.ts';
import { record } from '../events.ts';
import { text } from './validate.ts';
import { MAIL_ADDRESS, parseSmtpUrl } from '../notify/email-config.ts';
import { recentDeliveries } from '../notify/delivery-log.ts';
import { hostView } from './host-channels.ts';

/** Every host and the channels they are told through (secrets hidden): their own, their department's, or none. */
async function hostsReached(ctx: Ctx) {
  const [hosts, departments] = await Promise.all([ctx.store.list('hosts'), ctx.store.list('departments')]);
  const byName = new Map(departments.map((d) => [d.id, d.channels]));
  return hosts.map((h) => {
    const own = h.channels ?? [];
    const department = byName.get(h.department) ?? [];
    const [from, channels] = own.length > 0 ? ['host', own] as const : department.length > 0 ? ['department', department] as const : [null, []] as const;
    return { id: h.id, name: h.name, department: h.department, from, channels: hostView({ ...h, channels: [...channels] }).channels! };
  }).sort((a, b) => a.department.localeCompare(b.department, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
}

export function notificationRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/notifications', ['admin'], async () => {
    const mail = ctx.config.mail;
    const server = mail ? parseSmtpUrl(mail.smtpUrl) : undefined;
    return {
      body: {
        mail: mail && server
          ? { configured: true, from: mail.from, server: `${server.host}${server.port ? `:${server.port}` : ''}`, secure: server.secure, ...(server.user ? { user: server.user } : {}) }
          : { configured: false },
        publicUrl: ctx.config.publicUrl ?? null,
        hosts: await hostsReached(ctx),
      },
    };
  });

  r.add('POST', '/api/notifications/test-mail', ['admin'], async ({ body, who }) => {
    const to = text(body, 'to', { max: 120, required: true, pattern: MAIL_ADDRESS, hint: 'to must be an e-mail address' })!;
    const result = await ctx.deliveries.testMail(to);
    if (!result) throw new DomainError('mail-not-configured', 'This site sends no e-mail: set FOYER_SMTP_URL and FOYER_MAIL_FROM', 409);
    // The address stays out of the log: only whether it went.
    await record(ctx, { kind: 'mail-tested', actor: actorOf(who), data: { ok: result.ok } });
    return { body: { result: { ok: result.ok, ...(result.status ? { status: result.status } : {}), ...(result.error ? { error: result.error } : {}) } } };
  });

  r.add('GET', '/api/notifications/deliveries', ['admin'], async ({ query }) => {
    const raw = query.get('limit') ?? '50';
    if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 200) throw invalid('limit', 'limit must be a whole number from 1 to 200');
    return { body: { deliveries: await recentDeliveries(ctx, Number(raw)) } };
  });
}
