-- Foyer's first PostgreSQL schema. Each record is kept whole as JSON (data), beside the columns a rule or
-- a lookup needs, which the store fills from the record on every write. Ids and days compare byte by
-- byte (collate "C"), as the other stores compare them; pos keeps the order records were first stored.

-- The directory: one table per kind.
create table users (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
create table sessions (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
create table hosts (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
create table kiosks (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
create table watchlist (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
create table marks (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);

-- Invitations are unique by their code without separators, in upper case (codeKey in data/rules.ts),
-- and listed by the UTC day of their start.
create table appointments (
  id text collate "C" primary key,
  pos bigint generated always as identity,
  code_key text collate "C" not null unique,
  start_day text collate "C",
  data jsonb not null
);
create index appointments_start_day on appointments (start_day);

-- Visits by their site day. seq is the number's sequence part (visitSequence), name_key the visitor's
-- name as searches compare it (normalizeName).
create table visits (
  id text collate "C" primary key,
  pos bigint generated always as identity,
  day text collate "C" not null,
  status text not null,
  seq bigint not null,
  name_key text not null,
  host_id text collate "C",
  created_by text collate "C" not null,
  request_id text collate "C",
  data jsonb not null
);
create index visits_day on visits (day, pos);
create index visits_day_seq on visits (day, seq);
-- OPEN_STATUSES in data/store.ts: the clock asks for the open visits every few seconds.
create index visits_open on visits (id) where status in ('awaiting-host', 'approved', 'on-site');
-- A retried registration is found in one lookup, and cannot be stored twice.
create unique index visits_request on visits (day, created_by, request_id) where request_id is not null;

-- The last visit number handed out per day.
create table visit_numbers (day text collate "C" primary key, last bigint not null);

-- The append-only log; day is the UTC day of at, as the other stores file events.
create table events (
  seq bigint primary key,
  at timestamptz not null,
  day text collate "C" not null,
  visit_id text collate "C",
  data jsonb not null
);
create index events_at on events (at, seq);
create index events_day on events (day);
create index events_visit on events (visit_id, day) where visit_id is not null;

-- One-row tables: the log's head as kept apart from the events, and the site's secrets.
create table log_head (one boolean primary key default true check (one), seq bigint not null, hash text not null, at text not null);
create table secrets (one boolean primary key default true check (one), data jsonb not null);
