// The site's logo: an admin uploads (PUT, the image as the body) or removes it; anyone (kiosks, staff pages, the
// badge printer's server) reads it, revalidated by its ETag.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { DomainError } from '../domain/errors.ts';
import { actorOf } from '../auth.ts';
import { record } from '../events.ts';
import { MAX_LOGO_BYTES, putLogo, readLogo, removeLogo } from '../flows/logo.ts';

/** Bodies up to this are read and refused by name (400 logo); larger ones are cut off at the door (413). */
const LOGO_BODY_LIMIT = 2 * MAX_LOGO_BYTES;

export function logoRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/settings/logo', 'anyone', async ({ headers }) => {
    const logo = await readLogo(ctx);
    if (!logo) throw new DomainError('not-found', 'The site has no logo', 404);
    // no-cache: a browser keeps it but asks each time, so a new logo shows at once and an unchanged one costs a 304.
    const cache = { etag: logo.etag, 'cache-control': 'no-cache' };
    const asked = headers?.['if-none-match']?.split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (asked?.includes(logo.etag) || asked?.includes('*')) return { status: 304, raw: { type: logo.type, data: Buffer.alloc(0), headers: cache } };
    return { raw: { type: logo.type, data: logo.data, headers: cache } };
  });

  r.add('PUT', '/api/settings/logo', ['admin'], async ({ raw, who }) => {
    const etag = await putLogo(ctx, raw?.data ?? Buffer.alloc(0), raw?.type ?? '');
    await record(ctx, { kind: 'settings-changed', actor: actorOf(who), data: { fields: 'logo' } });
    return { body: { logoVersion: etag.slice(1, -1) } };
  }, { rawBody: LOGO_BODY_LIMIT });

  r.add('DELETE', '/api/settings/logo', ['admin'], async ({ who }) => {
    if (!(await removeLogo(ctx))) throw new DomainError('not-found', 'The site has no logo', 404);
    await record(ctx, { kind: 'settings-changed', actor: actorOf(who), data: { fields: 'logo' } });
    return { body: { ok: true } };
  });
}
