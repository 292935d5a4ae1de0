-- A department's channels (data/store.ts DepartmentRecord), by the department's name as its hosts carry it.
create table departments (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
