// The site's logo: a small PNG or JPEG kept in the store beside the settings (kind settings, id "logo"), so reading
// the settings stays cheap and every server sharing the store serves the same one. Its version, in the settings,
// tells screens live (settings:updated) to load it again.
import { createHash } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { SettingsRecord } from '../../data/store.ts';
import { invalid } from '../domain/errors.ts';
import { changeSettings } from './settings.ts';
import { inTurn } from '../serial.ts';

export const LOGO_ID = 'logo';
export const MAX_LOGO_BYTES = 256 * 1024;
type Logo = NonNullable<SettingsRecord['logo']>;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** What the bytes are, by their first bytes (whatever the content-type says); undefined: neither PNG nor JPEG. */
export function imageType(data: Buffer): Logo['type'] | undefined {
  if (data.length > 8 + 25 && data.subarray(0, 8).equals(PNG) && data.subarray(12, 16).toString('latin1') === 'IHDR') return 'image/png';
  if (data.length > 4 && data.subarray(0, 3).equals(JPEG) && data[data.length - 2] === 0xff && data[data.length - 1] === 0xd9) return 'image/jpeg';
  return undefined;
}

/** Checks and stores a logo (replacing any), then tells every screen its new version. */
export async function putLogo(ctx: Ctx, data: Buffer, contentType: string): Promise<string> {
  if (data.length === 0) throw invalid('logo', 'Send the logo image as the body (PNG or JPEG)', 'missing-field');
  if (data.length > MAX_LOGO_BYTES) throw invalid('logo', `The logo is larger than ${MAX_LOGO_BYTES / 1024} kB`, 'too-large');
  const type = imageType(data);
  if (!type) throw invalid('logo', 'The logo must be a PNG or JPEG image', 'not-an-image');
  const declared = contentType.split(';')[0].trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream' && declared !== type && !(type === 'image/jpeg' && declared === 'image/jpg')) {
    throw invalid('logo', `The logo's content-type says ${declared.slice(0, 40)} but the image is ${type}`, 'wrong-type');
  }
  const etag = `"${createHash('sha256').update(data).digest('hex').slice(0, 20)}"`;
  // Uploads on this server take turns, so the version told last is the logo stored last.
  await inTurn(ctx.store, 'logo', async () => {
    await ctx.store.put('settings', { id: LOGO_ID, updatedAt: ctx.clock().toISOString(), logo: { type, base64: data.toString('base64'), etag } });
    await changeSettings(ctx, { logoVersion: etag.slice(1, -1) });
  });
  return etag;
}

export async function readLogo(ctx: Ctx): Promise<{ type: Logo['type']; data: Buffer; etag: string } | undefined> {
  const logo = (await ctx.store.get('settings', LOGO_ID))?.logo;
  return logo && { type: logo.type, data: Buffer.from(logo.base64, 'base64'), etag: logo.etag };
}

/** false when there was none. */
export async function removeLogo(ctx: Ctx): Promise<boolean> {
  return inTurn(ctx.store, 'logo', async () => {
    const had = Boolean(await ctx.store.get('settings', LOGO_ID));
    await ctx.store.remove('settings', LOGO_ID);
    await changeSettings(ctx, { logoVersion: undefined });
    return had;
  });
}
