// The quick choices offered for purpose and items, as i18n keys.
import type { StringKey } from '../ui/i18n.ts';

export const PURPOSE_KEYS: StringKey[] = ['purposeMeeting', 'purposeInterview', 'purposeDelivery', 'purposeMaintenance'];
export const ITEM_KEYS = ['itemLaptop', 'itemCamera', 'itemTools', 'itemSamples'] as const satisfies readonly StringKey[];
export type ItemKey = (typeof ITEM_KEYS)[number];
