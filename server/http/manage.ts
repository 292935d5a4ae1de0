// An admin manages what they created: edit accounts and kiosks, turn hosts and kiosks off and on, remove what nothing
// refers to. Every change is logged with the actor and the ids, never a visitor's details.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Host, Role } from '../protocol.ts';
import { ROLES } from '../protocol.ts';
import type { KioskRecord, UserRecord } from '../../data/store.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { actorOf, publicUser } from '../auth.ts';
import { endSessionsOf, closeDeviceSockets } from '../sessions.ts';
import { bool, oneOf, text } from './validate.ts';
import { record } from '../events.ts';
import { ACCOUNT_RULES, USERNAME } from './users.ts';
import { kioskView } from './accounts.ts';
import { kioskPrinters } from '../flows/printers.ts';

const noUser = () => new DomainError('not-found', 'No user has this id', 404);
const noHost = () => new DomainError('not-found', 'No host has this id', 404);
const noKiosk = () => new DomainError('not-found', 'No kiosk has this id', 404);
/** 409 in-use: kind names what still refers to the record (visits, appointments, users, hosts). */
const inUse = (what: string, kind: string) =>
  new DomainError('in-use', `This ${what} cannot be removed: ${kind} still refer to it. Deactivate it instead.`, 409, undefined, { kind });

/** `active` of a PATCH body: false stores active:false, true removes the mark (active is the default). */
export function readActive<T extends { active?: boolean }>(body: Record<string, unknown>): (r: T) => T {
  const active = bool(body, 'active');
  return (r) => {
    if (active === undefined) return r;
    const { active: _a, ...rest } = r;
    return (active ? rest : { ...rest, active: false }) as T;
  };
}


export function manageRoutes(ctx: Ctx, r: Router): void {
  r.add('PATCH', '/api/users/:id', ['admin'], async ({ params, body, who }) => {
    const username = text(body, 'username', { max: 32, pattern: USERNAME, hint: 'username must be 2-32 letters, digits, . _ or -' });
    const name = text(body, 'name', { max: 64 });
    const role = oneOf<Role>(body, 'role', ROLES, false);
    const hostId = text(body, 'hostId', { max: 64 });
    if (hostId && !(await ctx.store.get('hosts', hostId))) throw invalid('hostId', 'No host has this id', 'unknown-host');
    // No two equal usernames, never no admin: the store checks ACCOUNT_RULES in the change's own step, on every server.
    let before: UserRecord | undefined;
    const user = await ctx.store.update('users', params.id, (u) => {
      if (!u) return undefined;
      before = u;
      const nextRole = role ?? u.role;
      if (nextRole === 'host' && !(hostId ?? u.hostId)) throw invalid('hostId', 'A host account needs the hostId of its directory entry', 'missing-field');
      return { ...u, ...(username ? { username } : {}), ...(name ? { name } : {}), role: nextRole, ...(hostId ? { hostId } : {}) };
    }, ACCOUNT_RULES);
    if (!user || !before) throw noUser();
    // A new role or host changes what the person may see: their sessions end and they sign in again.
    if (user.role !== before.role || user.hostId !== before.hostId) await endSessionsOf(ctx, user.id);
    const fields = ['username', 'name', 'role', 'hostId'].filter((f) => body[f] !== undefined).join(',');
    await record(ctx, { kind: 'user-updated', actor: actorOf(who), data: { user: user.id, fields, role: user.role } });
    return { body: { user: publicUser(user) } };
  });

  r.add('DELETE', '/api/users/:id', ['admin'], async ({ params, who }) => {
    const target = await ctx.store.get('users', params.id);
    if (!target) throw noUser();
    const actor = `user:${target.id}`;
    if ((await ctx.store.list('appointments')).some((a) => a.createdBy === actor)) throw inUse('account', 'appointments');
    // Disabled first, in a step the store checks against ACCOUNT_RULES (never no admin, on every server); then removed.
    const disabled = await ctx.store.update('users', target.id, (u) => u && { ...u, disabled: true }, ACCOUNT_RULES);
    if (!disabled) throw noUser();
    await ctx.store.remove('users', target.id);
    const removed = target;
    await endSessionsOf(ctx, removed.id);
    for (const s of (await ctx.store.list('pushSubscriptions')).filter((p) => p.userId === removed.id)) await ctx.store.remove('pushSubscriptions', s.id);
    await record(ctx, { kind: 'user-removed', actor: actorOf(who), data: { user: removed.id, role: removed.role } });
    return { status: 204 };
  });

  r.add('DELETE', '/api/hosts/:id', ['admin'], async ({ params, who }) => {
    // First turned off in one step, so no new invitation or visit can choose the host while its references are
    // looked for; given back as it was when something refers to it.
    let was: Host | undefined;
    const off = await ctx.store.update('hosts', params.id, (h) => h && ((was = h), { ...h, active: false }));
    if (!off || !was) throw noHost();
    const kind = await hostReferences(ctx, off.id);
    if (kind) {
      const keep = was;
      await ctx.store.update('hosts', off.id, (h) => {
        if (!h) return undefined;
        const { active: _a, ...rest } = h;
        return keep.active === false ? { ...rest, active: false } : rest;
      });
      throw inUse('host', kind);
    }
    await ctx.store.remove('hosts', off.id);
    await record(ctx, { kind: 'host-removed', actor: actorOf(who), data: { host: off.id } });
    return { status: 204 };
  });

  r.add('PATCH', '/api/kiosks/:id', ['admin'], async ({ params, body, who }) => {
    const name = text(body, 'name', { max: 64 });
    const location = text(body, 'location', { max: 120 });
    const setActive = readActive<KioskRecord>(body);
    const printers = await kioskPrinters(ctx, body);
    const kiosk = await ctx.store.update('kiosks', params.id, (k) => k && printers.apply(setActive({ ...k, ...(name ? { name } : {}), ...(location ? { location } : {}) })));
    if (!kiosk) throw noKiosk();
    await printers.confirm(kiosk.id);
    // A kiosk turned off stops at once: its token is refused (auth.ts) and its sockets close.
    if (kiosk.active === false) closeDeviceSockets(ctx, kiosk.id);
    const fields = ['name', 'location', 'active', 'printerIds'].filter((f) => body[f] !== undefined).join(',');
    await record(ctx, { kind: 'kiosk-updated', actor: actorOf(who), data: { kiosk: kiosk.id, fields, active: kiosk.active !== false } });
    return { body: { kiosk: kioskView(kiosk) } };
  });
}

/** What still refers to a host, by kind, or undefined when nothing does. */
async function hostReferences(ctx: Ctx, hostId: string): Promise<string | undefined> {
  if ((await ctx.store.list('users')).some((u) => u.hostId === hostId)) return 'users';
  if ((await ctx.store.list('hosts')).some((h) => h.delegateId === hostId)) return 'hosts';
  if ((await ctx.store.list('appointments')).some((a) => a.hostId === hostId)) return 'appointments';
  const days = await ctx.store.visitDays();
  if (days.length && (await ctx.store.findVisits(days[0], days[days.length - 1], { hostId })).length) return 'visits';
  return undefined;
}
