import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lib = require('@learninglocker/xapi-validation') as {
  default: (statement: unknown) => { name: string; path: string[] }[];
};

/** Learning Locker's xAPI validation warnings for a statement, as `path: WarningName` strings. */
export function validationWarnings(statement: unknown): string[] {
  return lib.default(statement).map((w) => `${w.path.join('.')}: ${w.name}`);
}
