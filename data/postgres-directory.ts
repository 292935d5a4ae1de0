// The directory kinds in PostgreSQL: one table each, the record whole in data; invitations also by code and start day.
import type { Pool } from 'pg';
import type { Appointment } from '../server/protocol.ts';
import type { Change, DirectoryKind, KindRule, Store } from './store.ts';
import { recordsOf, transaction, turns } from './postgres-tx.ts';
import { applyChange, codeKey, utcDay } from './rules.ts';

type DirectoryPart = Pick<Store, 'get' | 'list' | 'put' | 'remove' | 'update' | 'insert' | 'appointmentByCode' | 'appointmentsStarting'>;
type Row = { id: string };

// Kinds name their tables; the list also keeps anything else out of the SQL.
const KINDS: readonly DirectoryKind[] = ['users', 'sessions', 'hosts', 'kiosks', 'appointments', 'watchlist', 'marks', 'departments', 'pushSubscriptions', 'settings', 'alerts', 'printers'];
function tableOf(kind: DirectoryKind): string {
  if (!KINDS.includes(kind)) throw new Error(`unknown directory kind "${kind}"`);
  return kind;
}

// The columns written beside data: an invitation's code as codes clash, and its start's UTC day.
function columnsOf(kind: DirectoryKind, record: Row): Record<string, unknown> {
  const columns: Record<string, unknown> = { id: record.id, data: JSON.stringify(record) };
  if (kind !== 'appointments') return columns;
  const { inviteCode, start } = record as Appointment;
  const t = Date.parse(start);
  return { ...columns, code_key: codeKey(inviteCode), start_day: Number.isNaN(t) ? null : utcDay(t) };
}

/** An insert of the record: a stored record of that id is replaced, or the insert does nothing when the id
 *  (or, with 'skip-any', an invitation's code) is taken; any other clash throws. */
function insertOf(kind: DirectoryKind, record: Row, onConflict: 'replace' | 'skip-id' | 'skip-any'): { text: string; values: unknown[] } {
  const columns = columnsOf(kind, record);
  const names = Object.keys(columns);
  const replace = names.filter((n) => n !== 'id').map((n) => `${n} = excluded.${n}`).join(', ');
  const conflict = { replace: `on conflict (id) do update set ${replace}`, 'skip-id': 'on conflict (id) do nothing', 'skip-any': 'on conflict do nothing' }[onConflict];
  const params = names.map((_, i) => `$${i + 1}`).join(', ');
  return { text: `insert into ${tableOf(kind)} (${names.join(', ')}) values (${params}) ${conflict}`, values: Object.values(columns) };
}

export function directoryPart(pool: Pool): DirectoryPart {
  const inTurn = turns();
  const dataOf = (sql: string, values: unknown[]) => recordsOf<never>(pool, sql, values);

  // One read-change-write on a locked row. Where there is no row yet, a rival may create it meanwhile:
  // the insert then does nothing, and the change is made again from the rival's record.
  // With a rule over the kind, the table is locked as an insert with a rule locks it, and every record is read.
  async function changeRecord(kind: DirectoryKind, id: string, change: Change<Row | undefined, Row>, rule?: KindRule<Row>): Promise<Row | undefined> {
    for (;;) {
      const outcome = await transaction(pool, async (db) => {
        if (rule) await db.query(`lock table ${tableOf(kind)} in share row exclusive mode`);
        const { rows } = await db.query(`select data from ${tableOf(kind)} where id = $1 for update`, [id]);
        const current = rows[0]?.data as Row | undefined;
        const next = applyChange(current, id, change);
        if (!next) return { stored: current };
        if (rule) rule(structuredClone(next), (await db.query(`select data from ${tableOf(kind)} where id <> $1`, [id])).rows.map((r) => r.data as Row));
        const { rowCount } = await db.query(insertOf(kind, next, current ? 'replace' : 'skip-id'));
        return rowCount ? { stored: next } : undefined;
      });
      if (outcome) return outcome.stored;
    }
  }

  return {
    async get(kind, id) {
      return (await dataOf(`select data from ${tableOf(kind)} where id = $1`, [id]))[0];
    },
    async list(kind) {
      return dataOf(`select data from ${tableOf(kind)} order by pos`, []);
    },
    async put(kind, record) {
      await pool.query(insertOf(kind, record, 'replace'));
    },
    async remove(kind, id) {
      await pool.query(`delete from ${tableOf(kind)} where id = $1`, [id]);
    },
    async update(kind, id, change, rule) {
      // With a rule, updates of the kind take turns with each other and with its inserts on this server, as the table lock makes them across servers.
      return inTurn(rule ? `insert:${kind}` : `${kind}:${id}`, () => changeRecord(kind, id, change as Change<Row | undefined, Row>, rule as KindRule<Row> | undefined)) as never;
    },
    insert(kind, record, clashes) {
      return inTurn(`insert:${kind}`, async () => {
        // Without a rule the id (and an invitation's code) is kept unique by the table itself.
        if (!clashes) return ((await pool.query(insertOf(kind, record, 'skip-any'))).rowCount ?? 0) > 0;
        // A rule is JavaScript: inserts of the kind take turns across servers (puts wait too) while it reads every record.
        return transaction(pool, async (db) => {
          await db.query(`lock table ${tableOf(kind)} in share row exclusive mode`);
          const { rows } = await db.query(`select data from ${tableOf(kind)}`);
          if (rows.some((r) => clashes(r.data))) return false;
          return ((await db.query(insertOf(kind, record, 'skip-any'))).rowCount ?? 0) > 0;
        });
      });
    },
    async appointmentByCode(code) {
      return (await dataOf('select data from appointments where code_key = $1', [codeKey(code)]))[0];
    },
    async appointmentsStarting(fromDay, toDay) {
      return dataOf('select data from appointments where start_day between $1 and $2 order by pos', [fromDay, toDay]);
    },
  };
}
