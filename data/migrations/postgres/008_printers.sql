-- Receipt printers an admin added (data/store.ts PrinterRecord); kiosks and the desk refer to them by id.
create table printers (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
