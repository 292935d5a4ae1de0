-- Hosts' browsers registered for Web Push (data/store.ts PushSubscriptionRecord), by a hash of the endpoint.
create table pushSubscriptions (id text collate "C" primary key, pos bigint generated always as identity, data jsonb not null);
