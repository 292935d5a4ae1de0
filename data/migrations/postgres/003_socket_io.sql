-- Socket.IO's PostgreSQL adapter (server/cluster.ts) carries events between the servers of one site with
-- NOTIFY; a packet too large for a notification is put here and fetched by id by the other servers.
create table if not exists socket_io_attachments (
  id bigserial unique,
  created_at timestamptz default now(),
  payload bytea
);
