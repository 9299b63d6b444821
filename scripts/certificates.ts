/**
 * `npm run certificates -- <command>`: the training centre's certificate key (keygen) and signed
 * PDF certificates for a course or a classroom session (issue), read from the LRS with a staff
 * credential.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { certificatesZip, issueCertificates } from '../src/certificates/issue-certificates.ts';
import {
  PUBLIC_KEY_FILE,
  SIGNING_KEY_FILE,
  writeSigningKeyPair,
} from '../src/certificates/key-files.ts';
import { loadCertificateFonts } from '../src/certificates/node-fonts.ts';
import { importSigningKey } from '../src/certificates/signing-keys.ts';
import { isCertifiable } from '../src/certificates/certificate-facts.ts';
import { loadCoursesFolder } from '../src/content/read-courses-folder.ts';
import { collectCompletionRecords } from '../src/records/collect-completions.ts';
import type { CompletionRecord } from '../src/records/completion-record.ts';
import { courseFacts, describeCourses } from '../src/records/course-descriptor.ts';
import {
  CLI_EXIT,
  credentialHelp,
  cliLrsTarget,
  lrsExitCode,
  UsageError,
} from '../src/staff/cli-credential.ts';
import { StaffClient } from '../src/staff/staff-client.ts';
import { DEFAULT_ACTIVITY_BASE } from '../src/tracking/site-config.ts';

const HELP = `Certificates signed with the training centre's Ed25519 key.

Usage:
  npm run certificates -- keygen [--key <file>] [--public <file>]
  npm run certificates -- issue (--course <id> | --session <id>) --key <file> [--out certs.zip]

keygen: makes the signing key pair.
  --key <file>              where the PRIVATE key goes, readable only by you, outside the site
                            (default data/${SIGNING_KEY_FILE}); refused if it exists
  --public <file>           the public key set the site publishes as /${PUBLIC_KEY_FILE}
                            (default data/${PUBLIC_KEY_FILE}; the new key is added to it)
  The records server ("npm start") serves data/${PUBLIC_KEY_FILE} itself and makes the pair
  on its first start. For a purely static site, copy the public key file into the site root.

issue: a ZIP of PDF certificates for everyone who passed or completed.
  --course <id>             a course id such as 3.19
  --session <id>            a classroom session: its id, activity id or registration
  --key <file>              the private signing key file (JWK from keygen, or a PKCS#8 PEM)
  --out <file>              the ZIP to write (default certificates-<course or session>.zip)
  --centre <name>           the training centre as printed (env GANGWAY_ORGANISATION)
  --site-url <url>          the site whose /verify/ page checks the codes
                            (env GANGWAY_SITE_URL; default http://127.0.0.1:4321)
  --courses-dir <folder>    the courses folder (default ./courses; env GANGWAY_COURSES_DIR)
  --activity-base <iri>     canonical base of activity ids (default ${DEFAULT_ACTIVITY_BASE};
                            env GANGWAY_ACTIVITY_BASE)
  --quiet                   no progress on standard error

${credentialHelp('--lrs-key')}

  -h, --help                show this help

Exit codes: 0 done, 1 the LRS failed, 2 usage error, 3 the LRS refused the credential.`;

const OPTIONS = {
  key: { type: 'string' },
  'lrs-key': { type: 'string' },
  public: { type: 'string' },
  course: { type: 'string' },
  session: { type: 'string' },
  out: { type: 'string' },
  centre: { type: 'string' },
  'site-url': { type: 'string' },
  'courses-dir': { type: 'string' },
  'activity-base': { type: 'string' },
  endpoint: { type: 'string' },
  'credential-file': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

async function keygen(values: Values): Promise<number> {
  const privateFile = resolve(values.key ?? join('data', SIGNING_KEY_FILE));
  const publicFile = resolve(values.public ?? join('data', PUBLIC_KEY_FILE));
  const { kid } = await writeSigningKeyPair({
    privateFile,
    publicFile,
    siteDirs: ['public', process.env.GANGWAY_OUT_DIR ?? 'dist'],
  });
  console.log(`Made certificate signing key ${kid}.
  private key: ${privateFile} (readable only by you; keep it safe and out of the site)
  public key:  ${publicFile} (publish it as /${PUBLIC_KEY_FILE} beside the site)`);
  return CLI_EXIT.ok;
}

/** Whether a record belongs to the session named on the command line. */
function inSession(record: CompletionRecord, session: string): boolean {
  const s = record.session;
  return (
    !!s &&
    (s.registration === session ||
      s.id === session ||
      s.id.endsWith(`/sessions/${encodeURIComponent(session)}`))
  );
}

async function issue(values: Values): Promise<number> {
  if (!values.course && !values.session)
    throw new UsageError('issue needs --course <id> or --session <id>.');
  if (!values.key) throw new UsageError('issue needs --key <private signing key file>.');
  let keyText: string;
  try {
    keyText = await readFile(values.key, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the key file ${values.key}: ${(error as Error).message}`);
  }
  let privateKey: CryptoKey;
  try {
    privateKey = await importSigningKey(keyText);
  } catch (error) {
    throw new UsageError(`${values.key}: ${(error as Error).message}`);
  }
  const centre = values.centre ?? process.env.GANGWAY_ORGANISATION;
  if (!centre?.trim())
    throw new UsageError('Name the training centre: --centre "…" or GANGWAY_ORGANISATION.');
  const siteUrl = values['site-url'] ?? process.env.GANGWAY_SITE_URL ?? 'http://127.0.0.1:4321';
  try {
    new URL(siteUrl);
  } catch {
    throw new UsageError(`The site address "${siteUrl}" is not a web address.`);
  }
  const target = cliLrsTarget({ ...values, key: values['lrs-key'] });
  const { catalogue, problems } = await loadCoursesFolder(
    resolve(values['courses-dir'] ?? process.env.GANGWAY_COURSES_DIR ?? 'courses'),
  );
  if (problems.length)
    throw new UsageError(
      `The courses folder has ${problems.length} problem(s); run npm run check:content.`,
    );
  const activityBase =
    values['activity-base'] ?? process.env.GANGWAY_ACTIVITY_BASE ?? DEFAULT_ACTIVITY_BASE;
  const courses = describeCourses(courseFacts(catalogue.courses), activityBase);
  if (values.course && !courses.some((c) => c.id === values.course))
    throw new UsageError(`No course "${values.course}" in the catalogue.`);

  const client = new StaffClient(target);
  const tty = process.stderr.isTTY && !values.quiet;
  const records = await collectCompletionRecords(client, {
    courses,
    filters: {
      ...(values.course ? { courses: [values.course] } : {}),
      ...(values.session ? { session: values.session } : {}),
    },
    onProgress: (p) => {
      if (tty)
        process.stderr.write(
          `\r\x1b[2KReading records: ${p.statements.toLocaleString('en')} statements`,
        );
    },
  });
  const chosen = records.filter(
    (r) => isCertifiable(r) && (!values.session || inSession(r, values.session)),
  );
  const issued = await issueCertificates(
    chosen,
    { centre: centre.trim(), privateKey, siteUrl, fonts: await loadCertificateFonts() },
    (done, total) => {
      if (tty) process.stderr.write(`\r\x1b[2KMaking certificates: ${done} of ${total}`);
    },
  );
  if (tty) process.stderr.write('\r\x1b[2K');
  const out =
    values.out ??
    `certificates-${(values.course ?? values.session ?? '').replace(/[^A-Za-z0-9.-]+/g, '_')}.zip`;
  await writeFile(out, certificatesZip(issued));
  console.log(
    `Wrote ${issued.length} certificate${issued.length === 1 ? '' : 's'} to ${out}${issued.length === 0 ? ' (nobody passed or completed yet)' : ''}.`,
  );
  for (const c of issued) console.log(`  ${c.facts.id}  ${c.facts.learnerId}  ${c.fileName}`);
  return CLI_EXIT.ok;
}

async function main(): Promise<number> {
  let values: Values;
  let command: string | undefined;
  try {
    const parsed = parseArgs({ allowPositionals: true, options: OPTIONS });
    values = parsed.values;
    command = parsed.positionals[0];
  } catch (error) {
    console.error(`${(error as Error).message}\n\nRun with --help for the options.`);
    return CLI_EXIT.usage;
  }
  if (values.help || !command) {
    (values.help ? console.log : console.error)(HELP);
    return values.help ? CLI_EXIT.ok : CLI_EXIT.usage;
  }
  try {
    if (command === 'keygen') return await keygen(values);
    if (command === 'issue') return await issue(values);
    throw new UsageError(`Unknown command "${command}": use keygen or issue.`);
  } catch (error) {
    console.error(`Error: ${(error as Error).message}`);
    if (error instanceof UsageError) return CLI_EXIT.usage;
    if (command === 'keygen') return CLI_EXIT.usage;
    return lrsExitCode(error);
  }
}

process.exitCode = await main();
