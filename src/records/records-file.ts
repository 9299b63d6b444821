/**
 * Reads a learner's records file — the JSON that **Download my records** on the My progress page
 * saves (`src/progress/progress-page.ts`) — for importing into the LRS. Anything that is not such
 * a file is refused with a message saying why; inside a good file, each statement is checked on
 * its own, so one damaged statement is reported and the others still go in. Pure.
 *
 * The CLI checks statements with the records server's full xAPI validation
 * (`statementProblems`, Learning Locker's rules, Node only); the browser page with the essential
 * checks below, since that library cannot be bundled for a browser — the LRS validates every
 * statement again and its refusal is reported with its reason.
 */
import type { Statement } from '@xapi/xapi';

/** The `format` marker of a learner's records file. */
export const RECORDS_FILE_FORMAT = 'gangway-learner-records';
/** The version of the records file this code reads. */
export const RECORDS_FILE_VERSION = 1;

/** A statement of the file that cannot be imported, with why. */
export interface RefusedStatement {
  /** 1-based position in the file's `statements` list. */
  number: number;
  /** The statement id, when it has one. */
  id?: string;
  reason: string;
}

/** What a good records file holds. */
export interface RecordsFile {
  /** The learner as the device knew them, if signed in. */
  learner: { name: string; traineeId: string; organisation?: string } | null;
  /** When the learner downloaded the file. */
  exportedAt?: string;
  /** The statements that may be imported, each once, in file order. */
  statements: Statement[];
  /** Each importable statement's 1-based position in the file, by id. */
  positions: Map<string, number>;
  /** The statements that may not, with reasons. */
  refused: RefusedStatement[];
}

/** A file that is not a learner's records file; the message says why. */
export class RecordsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordsFileError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks one statement; returns its problems, naming the field (empty when it is valid). */
export type StatementCheck = (statement: unknown) => string[];

const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const ISO_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d(:?\d\d)?)$/;

/**
 * The essential xAPI checks, runnable anywhere: an actor with exactly one identifier, a verb IRI,
 * an object with an id, and an ISO 8601 timestamp.
 */
export function essentialStatementProblems(statement: unknown): string[] {
  const s = statement as Record<string, Record<string, unknown> | undefined>;
  const problems: string[] = [];
  const actor = s.actor;
  const identifiers = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter(
    (key) => actor?.[key] !== undefined,
  );
  if (typeof actor !== 'object' || actor === null) problems.push('statement.actor: is missing');
  else if (identifiers.length !== 1 && actor.objectType !== 'Group')
    problems.push(
      'statement.actor: must have exactly one identifier (mbox, mbox_sha1sum, openid or account)',
    );
  else if (
    identifiers[0] === 'account' &&
    (typeof (actor.account as Record<string, unknown>)?.homePage !== 'string' ||
      typeof (actor.account as Record<string, unknown>)?.name !== 'string')
  )
    problems.push('statement.actor.account: needs a homePage and a name');
  if (typeof s.verb?.id !== 'string' || !IRI.test(s.verb.id))
    problems.push('statement.verb.id: must be an IRI');
  if (typeof s.object !== 'object' || s.object === null)
    problems.push('statement.object: is missing');
  else if (
    (s.object.objectType === undefined || s.object.objectType === 'Activity') &&
    (typeof s.object.id !== 'string' || !IRI.test(s.object.id))
  )
    problems.push('statement.object.id: must be an IRI');
  const timestamp = (statement as { timestamp?: unknown }).timestamp;
  if (timestamp !== undefined && (typeof timestamp !== 'string' || !ISO_TIMESTAMP.test(timestamp)))
    problems.push('statement.timestamp: must be an ISO 8601 timestamp with a time zone');
  return problems;
}

/**
 * Parses a records file's text; throws {@link RecordsFileError} for anything else. `check`
 * validates each statement (the essential checks unless given the full validator).
 */
export function parseRecordsFile(
  text: string,
  fileName = 'The file',
  check: StatementCheck = essentialStatementProblems,
): RecordsFile {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new RecordsFileError(
      `${fileName} is not a Gangway records file: it is not JSON (${(error as Error).message}).`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RecordsFileError(
      `${fileName} is not a Gangway records file: it is JSON, but not an object with "format": "${RECORDS_FILE_FORMAT}".`,
    );
  const file = value as Record<string, unknown>;
  if (file.format !== RECORDS_FILE_FORMAT)
    throw new RecordsFileError(
      `${fileName} is not a Gangway records file: it is JSON, but has no "format": "${RECORDS_FILE_FORMAT}". Ask the learner for the file saved by "Download my records" on the My progress page.`,
    );
  if (file.version !== RECORDS_FILE_VERSION)
    throw new RecordsFileError(
      `${fileName} is a Gangway records file of version ${JSON.stringify(file.version)}; this Gangway reads version ${RECORDS_FILE_VERSION}. Update Gangway to import it.`,
    );
  if (!Array.isArray(file.statements))
    throw new RecordsFileError(`${fileName} is damaged: its "statements" is not a list.`);

  const statements: Statement[] = [];
  const refused: RefusedStatement[] = [];
  const seen = new Map<string, string>();
  const positions = new Map<string, number>();
  file.statements.forEach((statement: unknown, index) => {
    const number = index + 1;
    const id =
      typeof statement === 'object' && statement && 'id' in statement
        ? String((statement as { id: unknown }).id)
        : undefined;
    const reason = statementRefusal(statement, check);
    if (reason) {
      refused.push({ number, id, reason: `statement ${number} is invalid: ${reason}` });
      return;
    }
    const text = JSON.stringify(statement);
    const earlier = seen.get(id as string);
    if (earlier !== undefined) {
      // The same statement twice in one file is harmless; two different ones with one id are not.
      if (earlier !== text)
        refused.push({
          number,
          id,
          reason: `statement ${number} is invalid: another statement in this file has the same id ${id}`,
        });
      return;
    }
    seen.set(id as string, text);
    positions.set(id as string, number);
    statements.push(statement as Statement);
  });
  const learner = file.learner as RecordsFile['learner'] | undefined;
  return {
    learner:
      learner && typeof learner === 'object' && typeof learner.traineeId === 'string'
        ? learner
        : null,
    exportedAt: typeof file.exportedAt === 'string' ? file.exportedAt : undefined,
    statements,
    positions,
    refused,
  };
}

/** Why one statement cannot be imported, or undefined when it can. */
function statementRefusal(statement: unknown, check: StatementCheck): string | undefined {
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement))
    return 'it is not a JSON object';
  const { id } = statement as { id?: unknown };
  if (typeof id !== 'string' || !UUID.test(id))
    return 'it has no statement id (a UUID); imported statements keep the id made on the device';
  const problems = check(statement);
  return problems.length ? problems.join('; ') : undefined;
}
