/**
 * Imports a learner's records file into the LRS with a staff credential, keeping every
 * statement's id, so importing the same file twice changes nothing. Reports how many statements
 * were new, already present (asked with `GET statements?statementId=`, a few at a time), or
 * rejected and why. Standard xAPI only, through {@link StaffClient}; the browser page and the CLI
 * share it.
 */
import type { Statement } from '@xapi/xapi';
import { LrsHttpError } from '../tracking/sender.ts';
import type { StaffClient } from '../staff/staff-client.ts';
import type { RecordsFile, RefusedStatement } from './records-file.ts';

/** What an import did. */
export interface ImportReport {
  /** Statements in the file. */
  total: number;
  /** Statements the LRS did not hold before. */
  added: number;
  /** Statements the LRS held already (identical; nothing changed). */
  alreadyPresent: number;
  /** Statements not imported, with why. */
  rejected: RefusedStatement[];
}

/** How many presence checks run at once. */
export const PRESENCE_CONCURRENCY = 4;
const BATCH = 50;

/** The message for a statement whose id the LRS holds with other content (409). */
export const CONFLICT_REASON = 'a different statement with this id is already stored';

/** Imports the statements of a parsed records file; reports progress as statements are done. */
export async function importRecords(
  client: StaffClient,
  file: RecordsFile,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const statements = file.statements;
  const total = statements.length + file.refused.length;
  const steps = statements.length * 2;
  let done = 0;
  const step = () => onProgress?.(++done, steps);

  const states = await mapLimited(statements, PRESENCE_CONCURRENCY, async (statement) => {
    const state = await client.statementState(statement.id as string);
    step();
    return state;
  });
  const rejected: RefusedStatement[] = [...file.refused];
  const stored = new Set<Statement>();
  for (let start = 0; start < statements.length; start += BATCH) {
    const batch = statements.slice(start, start + BATCH);
    try {
      await client.send(batch);
      batch.forEach((s) => stored.add(s));
    } catch (error) {
      if (refusal(error) === undefined) throw error;
      // One statement spoiled the batch: send them one by one to know which.
      for (const statement of batch) {
        try {
          await client.send([statement]);
          stored.add(statement);
        } catch (single) {
          const reason = refusal(single);
          if (reason === undefined) throw single;
          const number = file.positions.get(statement.id as string) ?? 0;
          rejected.push({
            number,
            id: statement.id,
            reason: `statement ${number} was rejected: ${reason}`,
          });
        }
      }
    }
    batch.forEach(step);
  }
  let added = 0;
  let alreadyPresent = 0;
  statements.forEach((statement, index) => {
    if (!stored.has(statement)) return;
    if (states[index] === 'absent') added++;
    else alreadyPresent++;
  });
  rejected.sort((a, b) => a.number - b.number);
  return { total, added, alreadyPresent, rejected };
}

/** The reason an LRS refused one statement (409, 400), or undefined for any other failure. */
function refusal(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  if (!(cause instanceof LrsHttpError)) return undefined;
  if (cause.status === 409) return CONFLICT_REASON;
  if (cause.status === 400) return `the records server refused it: ${cause.message}`;
  return undefined;
}

/** Maps with at most `limit` calls in flight, keeping order. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
