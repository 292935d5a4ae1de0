// What the server imports from data/: the Store boundary and its two implementations.
export type * from './store.ts';
export { OPEN_STATUSES } from './store.ts';
export { createMemoryStore } from './memory-store.ts';
export { openLowdbStore, type LowdbOptions } from './lowdb-store.ts';
export { openPostgresStore, type PostgresOptions } from './postgres-store.ts';
export { openStore, describeStore } from './open-store.ts';
export { CorruptFileError } from './json-doc.ts';
export { EventChainError, ZERO_HASH } from './rules.ts';
