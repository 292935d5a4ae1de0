// The site's two small files: directory.json (staff, kiosks, appointments, watchlist) and secrets.json.
import type { Low } from 'lowdb';
import type { Directory, DirectoryKind, SiteSecrets } from './store.ts';
import { isRecord, isRecordList, openDoc, readDoc, writePrivateFile } from './json-doc.ts';

type DirectoryData = { [K in DirectoryKind]: Directory[K][] };
const KINDS: DirectoryKind[] = ['users', 'sessions', 'hosts', 'kiosks', 'appointments', 'watchlist', 'marks'];
const SECRET_KEYS: (keyof SiteSecrets)[] = ['badgePrivateKey', 'badgePublicKey', 'idHashKey', 'tokenKey'];

// A collection missing from an older file starts empty; one of the wrong type makes the file corrupt.
function isDirectory(x: unknown): x is DirectoryData {
  if (!isRecord(x) || !KINDS.every((k) => x[k] === undefined || isRecordList(x[k]))) return false;
  for (const k of KINDS) x[k] ??= [];
  return true;
}

const isSecrets = (x: unknown): x is SiteSecrets =>
  isRecord(x) && SECRET_KEYS.every((k) => typeof x[k] === 'string');

export function openDirectory(file: string): Promise<Low<DirectoryData>> {
  const empty = () => ({ users: [], sessions: [], hosts: [], kiosks: [], appointments: [], watchlist: [], marks: [] });
  return openDoc<DirectoryData>(file, 'directory', isDirectory, empty);
}

/** Reads secrets.json, or writes make()'s secrets there once (0600) when there is none. */
export async function readSecrets(file: string, make: () => SiteSecrets): Promise<SiteSecrets> {
  const found = await readDoc(file, 'secrets', isSecrets);
  if (found) return found;
  const made = make();
  if (!isSecrets(made)) throw new Error('make() did not return complete site secrets');
  await writePrivateFile(file, JSON.stringify(made, null, 2));
  return made;
}

