// ID types in words, and a masked ID as the server sent it (it never sends a full number).
import type { IdType } from '../../server/protocol.ts';
import type { StaffKey } from './i18n.ts';

export const ID_TYPE_LABEL: Record<IdType, StaffKey> = { 'cn-resident': 'idResident', passport: 'idPassport', other: 'idOther' };
