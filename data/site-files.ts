// The site's two small files: directory.json (staff, sessions, hosts, kiosks, watchlist, marks) and secrets.json.
import type { Low } from 'lowdb';
import type { Directory, DirectoryKind, SiteSecrets } from './store.ts';
import { isRecord, isRecordList, openDoc, readDoc, writePrivateFile } from './json-doc.ts';
import type { FileOps } from './durable-file.ts';

/** The kinds kept in directory.json: small, always loaded. Invitations grow, and live by day (appointments/). */
export type DocKind = Exclude<DirectoryKind, 'appointments'>;
type DirectoryData = { [K in DocKind]: Directory[K][] };
const KINDS: DocKind[] = ['users', 'sessions', 'hosts', 'kiosks', 'watchlist', 'marks', 'departments', 'pushSubscriptions', 'settings', 'alerts', 'printers'];
const SECRET_KEYS: (keyof SiteSecrets)[] = ['badgePrivateKey', 'badgePublicKey', 'idHashKey', 'tokenKey'];

// A collection missing from an older file starts empty; one of the wrong type makes the file corrupt.
function isDirectory(x: unknown): x is DirectoryData {
  if (!isRecord(x) || !KINDS.every((k) => x[k] === undefined || isRecordList(x[k]))) return false;
  for (const k of KINDS) x[k] ??= [];
  return true;
}

const isSecrets = (x: unknown): x is SiteSecrets =>
  isRecord(x) && SECRET_KEYS.every((k) => typeof x[k] === 'string');

export function openDirectory(file: string, files?: FileOps): Promise<Low<DirectoryData>> {
  const empty = () => ({ users: [], sessions: [], hosts: [], kiosks: [], watchlist: [], marks: [], departments: [], pushSubscriptions: [], settings: [], alerts: [], printers: [] });
  return openDoc<DirectoryData>(file, 'directory', isDirectory, empty, files);
}

/** Why a data directory that holds a site's data may not get new keys silently. */
export class MissingSecretsError extends Error {
  constructor(file: string) {
    super(
      `${file} is missing, but this data directory holds visits or accounts: without the site's keys, ` +
      'printed badges cannot be checked and watchlist entries by ID number match nobody. Restore secrets.json ' +
      'from your backup into the data directory and start again. Only if it is lost for good, start once with ' +
      'FOYER_ACCEPT_NEW_SECRETS=yes: new keys are made, every printed badge and signed-in session stops working, ' +
      'and watchlist entries by ID number must be entered again.',
    );
    this.name = 'MissingSecretsError';
  }
}

/** Reads secrets.json, or writes make()'s secrets there once (0600) when there is none and new keys are allowed. */
export async function readSecrets(file: string, make: () => SiteSecrets, mayMake: boolean, files?: FileOps): Promise<SiteSecrets> {
  const found = await readDoc(file, 'secrets', isSecrets);
  if (found) return found;
  if (!mayMake) throw new MissingSecretsError(file);
  const made = make();
  if (!isSecrets(made)) throw new Error('make() did not return complete site secrets');
  await writePrivateFile(file, JSON.stringify(made, null, 2), files);
  return made;
}

