// The staff directory and the kiosks: hosts for search, pairing codes for devices.
import { randomBytes, createHash } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Host } from '../protocol.ts';
import type { KioskRecord } from '../../data/store.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { searchHosts } from '../domain/hosts.ts';
import { formatInviteCode, makeInviteCode, normalizeInviteCode } from '../domain/appointments.ts';
import { actorOf } from '../auth.ts';
import { text } from './validate.ts';
import { readHostFields, type HostFields } from './host-fields.ts';
import { record } from '../events.ts';
import { kioskView } from './accounts.ts';
import { closeDeviceSockets } from '../sessions.ts';
import { hostView, maskTarget, readChannels } from './host-channels.ts';
import { withDepartmentChannels } from '../notify/departments.ts';
import { readActive } from './manage.ts';

const PAIRING_MS = 10 * 60 * 1000;
const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

export function directoryRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/hosts', ['admin'], async ({ body, who }) => {
    const delegateId = text(body, 'delegateId', { max: 64 });
    if (delegateId && !(await ctx.store.get('hosts', delegateId))) throw invalid('delegateId', 'No host has this id', 'unknown-host');
    const host: Host = {
      id: `h-${randomBytes(6).toString('hex')}`,
      ...(readHostFields(body, true) as HostFields),
      ...opt('delegateId', delegateId),
      ...opt('channels', readChannels(body)),
    };
    await ctx.store.put('hosts', host);
    await record(ctx, { kind: 'host-created', actor: actorOf(who), data: { host: host.id } });
    return { status: 201, body: { host: hostView(host) } };
  });

  // An admin's "send test": one try through each channel, the outcome of each in the answer and the log.
  r.add('POST', '/api/hosts/:id/test-message', ['admin'], async ({ params, who }) => {
    const host = await ctx.store.get('hosts', params.id);
    if (!host) throw noHost();
    const results = await ctx.deliveries.test(await withDepartmentChannels(ctx, host));
    await record(ctx, { kind: 'host-channels-tested', actor: actorOf(who), data: { host: host.id, sent: results.filter((x) => x.ok).length, failed: results.filter((x) => !x.ok).length } });
    return { body: { results: results.map(({ kind, target, ok, status, error }) => ({ kind, target: maskTarget({ kind, target }), ok, ...(status ? { status } : {}), ...(error ? { error } : {}) })) } };
  });

  r.add('GET', '/api/hosts/:id', ['admin'], async ({ params }) => {
    const host = await ctx.store.get('hosts', params.id);
    if (!host) throw noHost();
    return { body: { host: hostView(host) } };
  });

  // Only the fields given change; channels given replace the list (an entry sent back without its secret keeps it).
  r.add('PATCH', '/api/hosts/:id', ['admin'], async ({ params, body, who }) => {
    const before = await ctx.store.get('hosts', params.id);
    if (!before) throw noHost();
    const delegateId = text(body, 'delegateId', { max: 64 });
    if (delegateId === params.id) throw invalid('delegateId', 'A host cannot be their own delegate', 'unknown-host');
    if (delegateId && !(await ctx.store.get('hosts', delegateId))) throw invalid('delegateId', 'No host has this id', 'unknown-host');
    const change: Partial<Host> = {
      ...readHostFields(body, false),
      ...opt('delegateId', delegateId),
      ...opt('channels', readChannels(body, before.channels)),
    };
    const setActive = readActive<Host>(body);
    const host = await ctx.store.update('hosts', params.id, (h) => h && setActive({ ...h, ...change }));
    if (!host) throw noHost();
    const fields = [...Object.keys(change), ...(body.active !== undefined ? ['active'] : [])].sort().join(',');
    await record(ctx, { kind: 'host-updated', actor: actorOf(who), data: { host: host.id, fields } });
    return { body: { host: hostView(host) } };
  });

  r.add('GET', '/api/hosts', ['kiosk', 'admin', 'reception', 'security', 'supervisor', 'host'], async ({ query, who }) => {
    const q = query.get('q') ?? '';
    if (q.length > 64) throw invalid('q', 'q is longer than 64 characters', 'too-long');
    // Only an admin finds a host turned off, marked so; everyone else chooses among active hosts.
    const admin = who?.kind === 'user' && who.user.role === 'admin';
    const hosts = (await ctx.store.list('hosts')).filter((h) => admin || h.active !== false);
    const off = new Set(hosts.filter((h) => h.active === false).map((h) => h.id));
    return { body: { hosts: searchHosts(hosts, q).map((h) => (off.has(h.id) ? { ...h, active: false } : h)) } };
  });

  r.add('POST', '/api/kiosks', ['admin'], async ({ body, who }) => {
    const pairingCode = formatInviteCode(makeInviteCode(randomBytes(5)));
    const kiosk: KioskRecord = {
      id: `k-${randomBytes(6).toString('hex')}`,
      name: text(body, 'name', { max: 64, required: true })!,
      ...opt('location', text(body, 'location', { max: 120 })),
      pairingCodeHash: hashCode(normalizeInviteCode(pairingCode)!),
      pairingExpiresAt: new Date(ctx.clock().getTime() + PAIRING_MS).toISOString(),
      tokenVersion: 0,
      createdAt: ctx.clock().toISOString(),
    };
    await ctx.store.put('kiosks', kiosk);
    await record(ctx, { kind: 'kiosk-created', actor: actorOf(who), data: { kiosk: kiosk.id } });
    return { status: 201, body: { kiosk: kioskView(kiosk), pairingCode, expiresAt: kiosk.pairingExpiresAt } };
  });

  r.add('POST', '/api/kiosks/pair', 'anyone', async ({ body, ip }) => {
    const raw = text(body, 'pairingCode', { max: 20, required: true })!;
    const nowMs = ctx.clock().getTime();
    // Counted in one atomic step before the lookup, so guesses fired together (on any server) cannot all pass the
    // check; a right code gives its count back.
    const ticket = await ctx.limits.pairing.hit(ip, nowMs);
    if (!ticket) throw new DomainError('too-many-attempts', 'Too many pairing codes tried; wait a few minutes', 429);
    const code = normalizeInviteCode(raw);
    const hash = code ? hashCode(code) : undefined;
    const found = hash ? (await ctx.store.list('kiosks')).find((k) => k.pairingCodeHash === hash) : undefined;
    // Single use, in one step: the code is consumed, a revocation lifted, and older device tokens stop working.
    let paired: KioskRecord | undefined;
    if (found) {
      await ctx.store.update('kiosks', found.id, (k) => {
        if (!k || k.pairingCodeHash !== hash || !k.pairingExpiresAt || Date.parse(k.pairingExpiresAt) <= nowMs) return undefined;
        const { pairingCodeHash: _c, pairingExpiresAt: _e, revokedAt: _r, ...rest } = k;
        return (paired = { ...rest, pairedAt: new Date(nowMs).toISOString(), tokenVersion: k.tokenVersion + 1 });
      });
    }
    if (!paired) {
      throw new DomainError('bad-pairing-code', 'This pairing code is wrong, used or expired: ask an admin for a new one', 400, 'pairingCode');
    }
    await ctx.limits.pairing.undo(ip, ticket);
    closeDeviceSockets(ctx, paired.id);
    await record(ctx, { kind: 'kiosk-paired', actor: `kiosk:${paired.id}`, data: { kiosk: paired.id } });
    return { body: { token: ctx.auth.kioskToken(paired), kiosk: kioskView(paired) } };
  });

  r.add('POST', '/api/kiosks/:id/pairing', ['admin'], async ({ params, who }) => {
    const pairingCode = formatInviteCode(makeInviteCode(randomBytes(5)));
    const pairingExpiresAt = new Date(ctx.clock().getTime() + PAIRING_MS).toISOString();
    // The device being replaced stops working now, not when the new code is used.
    const next = await ctx.store.update('kiosks', params.id, (k) =>
      k && { ...k, pairingCodeHash: hashCode(normalizeInviteCode(pairingCode)!), pairingExpiresAt, tokenVersion: k.tokenVersion + 1 });
    if (!next) throw noKiosk();
    closeDeviceSockets(ctx, next.id);
    await record(ctx, { kind: 'kiosk-pairing-issued', actor: actorOf(who), data: { kiosk: next.id } });
    return { status: 201, body: { kiosk: kioskView(next), pairingCode, expiresAt: next.pairingExpiresAt } };
  });

  r.add('POST', '/api/kiosks/:id/revoke', ['admin'], async ({ params, who }) => {
    const revokedAt = ctx.clock().toISOString();
    const next = await ctx.store.update('kiosks', params.id, (k) => {
      if (!k) return undefined;
      const { pairingCodeHash: _c, pairingExpiresAt: _e, ...rest } = k;
      return { ...rest, revokedAt: k.revokedAt ?? revokedAt, tokenVersion: k.tokenVersion + 1 };
    });
    if (!next) throw noKiosk();
    closeDeviceSockets(ctx, next.id);
    await record(ctx, { kind: 'kiosk-revoked', actor: actorOf(who), data: { kiosk: next.id } });
    return { body: { kiosk: kioskView(next) } };
  });

  r.add('DELETE', '/api/kiosks/:id', ['admin'], async ({ params, who }) => {
    if (!(await ctx.store.get('kiosks', params.id))) throw noKiosk();
    await ctx.store.remove('kiosks', params.id);
    closeDeviceSockets(ctx, params.id);
    await record(ctx, { kind: 'kiosk-removed', actor: actorOf(who), data: { kiosk: params.id } });
    return { status: 204 };
  });

  r.add('GET', '/api/kiosks', ['admin'], async () => ({ body: { kiosks: (await ctx.store.list('kiosks')).map(kioskView) } }));
}

const noHost = () => new DomainError('not-found', 'No host has this id', 404);
const noKiosk = () => new DomainError('not-found', 'No kiosk has this id', 404);
const opt = <K extends string, V>(key: K, v: V | undefined) => (v === undefined ? {} : ({ [key]: v } as Record<K, V>));
