/**
 * The LRS and staff credential of a command-line tool (import, certificates, evidence): endpoint,
 * key and secret from the environment or a credential file — never the secret on the command
 * line, where shell history would keep it. The same variables as `npm run export`. Node only.
 */
import { readFileSync } from 'node:fs';
import { normaliseEndpoint, staffAuthHeader, StaffCredentialError } from './staff-client.ts';
import type { LrsTarget } from '../tracking/sender.ts';

/** Help text describing where the credential comes from, for a CLI's --help. */
export function credentialHelp(keyOption = '--key'): string {
  return `The records server and credential (an administrator's or trainer's own):
  --endpoint <url>          xAPI endpoint (env GANGWAY_LRS_ENDPOINT)
  --credential-file <file>  JSON file with "key" and "secret" (and optionally "endpoint"), or a
                            records server's credentials.json (its "staff" entry is used)
  ${`${keyOption} <key>`.padEnd(26)}credential key (env GANGWAY_LRS_KEY)
  env GANGWAY_LRS_SECRET    the secret, when no credential file is given (never taken from the
                            command line, where shell history would keep it)`;
}

/** Exit codes shared by the staff CLIs. */
export const CLI_EXIT = {
  ok: 0,
  lrsFailure: 1,
  usage: 2,
  credentialRefused: 3,
  rejected: 4,
} as const;

/** A problem with the command line; the CLI prints it with its help and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Works out the LRS target from options and environment; throws {@link UsageError} if incomplete. */
export function cliLrsTarget(
  options: { endpoint?: string; key?: string; 'credential-file'?: string },
  env: Record<string, string | undefined> = process.env,
): LrsTarget {
  let key = options.key ?? env.GANGWAY_LRS_KEY ?? '';
  let secret = env.GANGWAY_LRS_SECRET ?? '';
  let endpoint = options.endpoint ?? env.GANGWAY_LRS_ENDPOINT ?? '';
  const file = options['credential-file'];
  if (file) {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`Cannot read the credential file ${file}: ${(error as Error).message}`);
    }
    const entry = (typeof data.staff === 'object' && data.staff ? data.staff : data) as Record<
      string,
      unknown
    >;
    if (typeof entry.key !== 'string' || typeof entry.secret !== 'string')
      throw new UsageError(`The credential file ${file} has no "key" and "secret".`);
    key = options.key ?? entry.key;
    secret = entry.secret;
    if (!options.endpoint && typeof entry.endpoint === 'string') endpoint = entry.endpoint;
  }
  if (!endpoint)
    throw new UsageError('No records server: give --endpoint <url> or set GANGWAY_LRS_ENDPOINT.');
  if (!key || !secret)
    throw new UsageError(
      'No credential: set GANGWAY_LRS_KEY and GANGWAY_LRS_SECRET, or give --credential-file <file>.',
    );
  try {
    return { endpoint: normaliseEndpoint(endpoint), auth: staffAuthHeader(key, secret) };
  } catch {
    throw new UsageError(`The endpoint "${endpoint}" is not a web address.`);
  }
}

/** The exit code for a failure while talking to the LRS. */
export function lrsExitCode(error: unknown): number {
  if (
    error instanceof StaffCredentialError &&
    (error.kind === 'wrong-credential' || error.kind === 'missing-scope')
  )
    return CLI_EXIT.credentialRefused;
  return CLI_EXIT.lrsFailure;
}
