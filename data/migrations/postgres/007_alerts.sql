-- Alerts kept for the security list (data/store.ts AlertRecord), acknowledged once.
create table alerts (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
