/**
 * Statement validation: Learning Locker's xAPI validation rules plus the spec rules they leave
 * out. Returns readable problems naming the field, e.g. `statement.actor.mbox: must be a
 * "mailto:" IRI`. Pure.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lib = require('@learninglocker/xapi-validation') as {
  default: (data: unknown) => LibWarning[];
};

interface LibWarning {
  name: string;
  path: (string | number)[];
  typeName?: string;
  data?: unknown;
}

const DESCRIPTIONS: Record<string, string> = {
  TypeWarning: 'has the wrong type or format',
  RestrictedValueWarning: 'has a value the specification does not allow',
  IfiCountWarning: 'must have exactly one identifier (mbox, mbox_sha1sum, openid or account)',
  NoIfiWarning: 'needs an identifier (mbox, mbox_sha1sum, openid or account)',
  NoMembersWarning: 'an anonymous Group needs members',
  MembersTypeWarning: 'Group members must be Agents',
  MembersLengthWarning: 'has the wrong number of members',
  ContextPropWarning: 'is not allowed here (revision and platform only apply to Activity objects)',
  SubStatementWarning:
    'a SubStatement cannot contain another SubStatement or have id, stored, version or authority',
  VoidWarning: 'a voiding statement must have a StatementRef object',
  InvalidComponentsWarning: 'has interaction components that do not fit the interactionType',
  MissingInteractionTypeWarning: 'interaction components need an interactionType',
  RawLessThanMinWarning: 'raw is less than min',
  RawMoreThanMaxWarning: 'raw is more than max',
  MinMoreThanMaxWarning: 'min is more than max',
  ObjectTypeWarning: 'has an unknown objectType',
  SignedContentTypeWarning: 'a signature attachment must have contentType application/octet-stream',
};

/** Validates one statement as received (before the LRS fills in stored, authority, version). */
export function statementProblems(statement: unknown): string[] {
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) {
    return ['statement: must be a JSON object'];
  }
  const problems = lib.default(statement).map(describeWarning);
  const s = statement as Record<string, unknown>;
  if (
    s.version !== undefined &&
    (typeof s.version !== 'string' || !/^1\.0(\.\d+)?$/.test(s.version))
  ) {
    problems.push('statement.version: must be 1.0.x');
  }
  for (const key of ['timestamp', 'stored'] as const) {
    if (typeof s[key] === 'string' && !isIsoTimestamp(s[key] as string)) {
      problems.push(`statement.${key}: must be an ISO 8601 timestamp with a time zone`);
    }
  }
  return [...new Set(problems)];
}

/** Whether a string is an ISO 8601 date-time with a time zone (as xAPI requires). */
export function isIsoTimestamp(value: string): boolean {
  return (
    /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d(:?\d\d)?)$/.test(value) &&
    !Number.isNaN(Date.parse(value)) &&
    // xAPI forbids the "unknown local offset" form -00:00.
    !/-00(:?00)?$/.test(value)
  );
}

function describeWarning(warning: LibWarning): string {
  const path = warning.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
  const description = DESCRIPTIONS[warning.name] ?? warning.name;
  const expected =
    warning.name === 'TypeWarning' && warning.typeName ? ` (expected ${warning.typeName})` : '';
  return `${path}: ${description}${expected}`;
}
