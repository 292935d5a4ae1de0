-- Brute-force limits (Store.attempt): one row per counted hit, shared by every server on the database. at is the
-- caller's clock in epoch milliseconds, expires_at = at + the key's window; a key's rows are counted under an
-- advisory lock on the key (data/postgres-attempts.ts), expired ones deleted on the key's next attempt and by a
-- bounded sweep now and then.
create table attempts (
  id bigint generated always as identity primary key,
  key text collate "C" not null,
  at bigint not null,
  expires_at bigint not null
);
create index attempts_key_at on attempts (key, at);
create index attempts_expires_at on attempts (expires_at);
