-- Calls (messages, transfers) and cases (data/matters.ts), kept by their site day like visits. pending and status
-- are filled from the record on every write, so that the pending calls and the open cases are found through
-- small partial indexes, never by reading history; phone_key (digits only) and name_key (normalizeName) find a
-- person's records for a data request.
create table calls (
  id text collate "C" primary key,
  pos bigint generated always as identity,
  day text collate "C" not null,
  pending boolean not null,
  name_key text not null,
  phone_key text not null,
  data jsonb not null
);
create index calls_day on calls (day, pos);
create index calls_pending on calls (id) where pending;
create index calls_name on calls (name_key) where name_key <> '';
create index calls_phone on calls (phone_key) where phone_key <> '';

create table cases (
  id text collate "C" primary key,
  pos bigint generated always as identity,
  day text collate "C" not null,
  status text not null,
  seq bigint not null,
  number text collate "C" not null unique,
  name_key text not null,
  phone_key text not null,
  data jsonb not null
);
create index cases_day on cases (day, pos);
create index cases_open on cases (id) where status <> 'closed';
create index cases_name on cases (name_key) where name_key <> '';
create index cases_phone on cases (phone_key) where phone_key <> '';

-- The last case number handed out per day (its row lock makes rival inserts, on any server, take turns).
create table case_numbers (day text collate "C" primary key, last bigint not null);
