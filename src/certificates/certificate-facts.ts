/**
 * The facts a certificate states, taken from one completion record, in one canonical form: the
 * same facts always give the same bytes, so a signature over them can be checked anywhere. Pure.
 */
import type { CompletionRecord } from '../records/completion-record.ts';

/** What a certificate states; every field is signed. */
export interface CertificateFacts {
  /** The short certificate number printed on the certificate ("3K7Q-M2XP-9RTA"). */
  id: string;
  learnerName: string;
  /** The trainee id (account name) of the learner. */
  learnerId: string;
  /** IMO model course number or toolkit short name ("3.27"). */
  courseNumber: string;
  courseTitle: string;
  /** The day the course was completed, `YYYY-MM-DD` (UTC). */
  completed: string;
  /** The final score in whole per cent, or null when the course has no scored final assessment. */
  scorePercent: number | null;
  /** The training centre that issues the certificate. */
  centre: string;
  /** The trainer's name, or null for self-study. */
  trainer: string | null;
}

/** The fields of {@link CertificateFacts} in their canonical (signed) order. */
export const FACT_KEYS = [
  'id',
  'learnerName',
  'learnerId',
  'courseNumber',
  'courseTitle',
  'completed',
  'scorePercent',
  'centre',
  'trainer',
] as const satisfies readonly (keyof CertificateFacts)[];

const NULLABLE: ReadonlySet<string> = new Set(['scorePercent', 'trainer']);

/** Whether a record earns a certificate: the course completed or passed, with a date. */
export function isCertifiable(record: CompletionRecord): boolean {
  return (record.status === 'passed' || record.status === 'completed') && !!record.completedAt;
}

/**
 * The certificate facts of one completion record. Throws when the record earns no certificate
 * (not completed or passed, or no completion date), naming the learner and course.
 */
export function certificateFacts(record: CompletionRecord, centre: string): CertificateFacts {
  if (!isCertifiable(record) || !record.completedAt) {
    throw new Error(
      `No certificate for ${record.learner.name} (${record.learner.id}) in course ${record.course.number}: the record's status is "${record.status}"${record.completedAt ? '' : ' with no completion date'}.`,
    );
  }
  const completedAt = new Date(record.completedAt);
  if (Number.isNaN(completedAt.getTime()))
    throw new Error(`The completion date "${record.completedAt}" is not a date.`);
  return {
    id: certificateId(record.learner.id, record.course.activityId, completedAt.toISOString()),
    learnerName: clean(record.learner.name) || clean(record.learner.id),
    learnerId: clean(record.learner.id),
    courseNumber: clean(record.course.number),
    courseTitle: clean(record.course.title),
    completed: completedAt.toISOString().slice(0, 10),
    scorePercent: record.finalScore === undefined ? null : Math.round(record.finalScore * 100),
    centre: clean(centre),
    trainer: record.trainer ? clean(record.trainer.name) || clean(record.trainer.id) : null,
  };
}

/** Unicode NFC with spaces collapsed, so the same name always gives the same bytes. */
function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short, stable certificate number from who completed what and when (FNV-1a 64 over the three,
 * 60 bits in Crockford base32): issuing the same certificate again gives the same number.
 */
export function certificateId(learnerId: string, courseActivityId: string, when: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(
    `${learnerId}\u0000${courseActivityId}\u0000${when}`,
  )) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  let digits = '';
  for (let i = 0; i < 12; i++) {
    digits += CROCKFORD[Number(hash & 31n)];
    hash >>= 5n;
  }
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}

/** The canonical JSON of the facts: fixed key order, no spaces, NFC text (encode as UTF-8). */
export function canonicalFacts(facts: CertificateFacts): string {
  return JSON.stringify(Object.fromEntries(FACT_KEYS.map((key) => [key, facts[key]])));
}

/**
 * Reads facts back from their canonical JSON, checking every field; throws an error naming the
 * first field that is missing, unexpected or of the wrong type.
 */
export function parseFacts(json: string): CertificateFacts {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('the facts are not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('the facts are not a JSON object');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FACT_KEYS as readonly string[]).includes(key))
      throw new Error(`the facts have an unexpected field "${key}"`);
  }
  for (const key of FACT_KEYS) {
    const field = record[key];
    if (field === undefined) throw new Error(`the facts have no "${key}"`);
    if (field === null && NULLABLE.has(key)) continue;
    const expected = key === 'scorePercent' ? 'number' : 'string';
    if (typeof field !== expected) throw new Error(`the facts' "${key}" is not a ${expected}`);
  }
  if (!/^\d{4}-\d\d-\d\d$/.test(record.completed as string))
    throw new Error(`the facts' "completed" is not a date (YYYY-MM-DD)`);
  return record as unknown as CertificateFacts;
}
