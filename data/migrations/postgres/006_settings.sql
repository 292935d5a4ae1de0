-- The site's settings (data/store.ts SettingsRecord): one record, id 'site'.
create table settings (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
