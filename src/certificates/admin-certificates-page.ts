/**
 * `/admin/certificates/`: once the administrator has signed in, reads a course's completion
 * records (through the export's collector), lists the learners who passed or completed, and
 * issues certificates — one PDF per row or a ZIP for a session — signed in this browser with the
 * private key file the administrator chooses. The key is read into memory only, never stored or
 * sent; pdf-lib and the fonts are loaded only when the first certificate is made.
 */
import regularFontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldFontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { collectCompletionRecords } from '../records/collect-completions.ts';
import type { CompletionRecord } from '../records/completion-record.ts';
import { describeCourses, type CourseFacts } from '../records/course-descriptor.ts';
import { downloadFile } from '../staff/download-file.ts';
import type { StaffClient } from '../staff/staff-client.ts';
import { bindStaffSignIn } from '../staff/staff-sign-in.ts';
import { loadSiteConfig } from '../tracking/site-config.ts';
import { isCertifiable } from './certificate-facts.ts';
import { PUBLIC_KEY_PATH } from './public-key-cache.ts';
import type { CertificateFonts } from './certificate-pdf.ts';
import { importSigningKey } from './signing-keys.ts';

/** The session choice meaning "learners who studied outside any classroom session". */
export const NO_SESSION = '-';

/** The key of a record's session for the session filter (registration, or {@link NO_SESSION}). */
export function sessionKey(record: CompletionRecord): string {
  return record.session?.registration ?? NO_SESSION;
}

/** The sessions found in some records, for the filter: key and label, by title. */
export function sessionChoices(records: CompletionRecord[]): { key: string; label: string }[] {
  const found = new Map<string, string>();
  for (const record of records) {
    const key = sessionKey(record);
    if (!found.has(key))
      found.set(
        key,
        record.session ? record.session.title || record.session.id : 'No session (self-study)',
      );
  }
  return [...found.entries()]
    .map(([key, label]) => ({ key, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

let fontsLoading: Promise<CertificateFonts> | undefined;
async function loadFonts(): Promise<CertificateFonts> {
  const fetchFont = async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the certificate font ${url} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  fontsLoading ??= Promise.all([fetchFont(regularFontUrl), fetchFont(boldFontUrl)]).then(
    ([regular, bold]) => ({ regular, bold }),
  );
  return fontsLoading.catch((error: unknown) => {
    fontsLoading = undefined;
    throw error;
  });
}

/** Binds the sign-in, the course form, the key input and the certificate buttons. */
export function bindAdminCertificatesPage(): void {
  const section = document.getElementById('certificates');
  const form = document.getElementById('certificates-form') as HTMLFormElement | null;
  if (!section || !form) return;
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const facts = JSON.parse(section.dataset.courses ?? '[]') as CourseFacts[];
  const keyInput = $<HTMLInputElement>('certificate-key');
  const keyStatus = $<HTMLElement>('certificate-key-status');
  const centreInput = $<HTMLInputElement>('certificate-centre');
  const progress = $<HTMLElement>('certificates-progress');
  const error = $<HTMLElement>('certificates-error');
  const results = $<HTMLElement>('certificates-results');
  const summary = $<HTMLElement>('certificates-summary');
  const sessionSelect = $<HTMLSelectElement>('certificates-session');
  const zipButton = $<HTMLButtonElement>('certificates-zip');
  const table = $<HTMLTableElement>('certificates-table');
  const empty = $<HTMLElement>('certificates-empty');
  const start = $<HTMLButtonElement>('certificates-start');

  let client: StaffClient | undefined;
  let privateKey: CryptoKey | undefined;
  let records: CompletionRecord[] = [];
  let courseId = '';

  const fail = (failure: unknown) => {
    error.textContent = failure instanceof Error ? failure.message : String(failure);
  };

  const shown = () => {
    const session = sessionSelect.value;
    return records.filter((r) => !session || sessionKey(r) === session);
  };

  const issueOptions = async () => {
    if (!privateKey)
      throw new Error('Choose the signing key file first (under "Signing key"), then try again.');
    const centre = centreInput.value.trim();
    if (!centre) throw new Error("Enter the training centre's name as it is to be printed.");
    const [{ issueCertificate, issueCertificates, certificatesZip }, fonts] = await Promise.all([
      import('./issue-certificates.ts'),
      loadFonts(),
    ]);
    return {
      issueCertificate,
      issueCertificates,
      certificatesZip,
      options: { centre, privateKey, siteUrl: location.origin, fonts },
    };
  };

  const render = () => {
    const rows = shown();
    const body = table.tBodies[0] as HTMLTableSectionElement;
    body.replaceChildren(
      ...rows.map((record, index) => {
        const tr = document.createElement('tr');
        const cells = [
          record.learner.name,
          record.learner.id,
          record.status,
          record.completedAt?.slice(0, 10) ?? '',
          record.finalScore === undefined ? '' : `${Math.round(record.finalScore * 100)} %`,
          record.session?.title ?? '',
          record.trainer?.name ?? '',
        ];
        for (const text of cells) {
          const td = document.createElement('td');
          // Names come from statements: text only, never markup.
          td.textContent = text;
          tr.append(td);
        }
        const action = document.createElement('td');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Certificate';
        button.setAttribute(
          'aria-label',
          `Certificate for ${record.learner.name} (${record.learner.id})`,
        );
        button.dataset.row = String(index);
        action.append(button);
        tr.append(action);
        return tr;
      }),
    );
    empty.hidden = rows.length > 0;
    table.hidden = rows.length === 0;
    zipButton.disabled = rows.length === 0;
    zipButton.textContent = sessionSelect.value
      ? 'All certificates for this session (ZIP)'
      : 'All certificates listed (ZIP)';
  };

  void loadSiteConfig().then((config) => {
    if (!centreInput.value) centreInput.value = config.organisation.name;
  });

  bindStaffSignIn({
    needs: { read: true, write: false },
    onReady(_session, staffClient) {
      client = staffClient;
      section.hidden = false;
    },
    onSignOut() {
      client = undefined;
      section.hidden = true;
      results.hidden = true;
      records = [];
    },
  });

  keyInput.addEventListener('change', () => {
    privateKey = undefined;
    const file = keyInput.files?.[0];
    keyStatus.textContent = '';
    if (!file) return;
    void file
      .text()
      .then(async (text) => {
        privateKey = await importSigningKey(text);
        keyStatus.textContent = `Signing key ${file.name} is ready. It stays in this page's memory only.`;
        const published = await fetch(PUBLIC_KEY_PATH, { cache: 'no-cache' })
          .then((r) => (r.ok ? (r.json() as Promise<{ keys?: { x?: string }[] }>) : undefined))
          .catch(() => undefined);
        const x = text.trim().startsWith('{') ? (JSON.parse(text) as { x?: string }).x : undefined;
        if (published?.keys && x && !published.keys.some((k) => k.x === x))
          keyStatus.textContent += ` Warning: this site does not publish this key's public key (${PUBLIC_KEY_PATH}), so its verification page will not accept these certificates.`;
      })
      .catch((failure: unknown) => {
        keyStatus.textContent = `${file.name}: ${failure instanceof Error ? failure.message : String(failure)}`;
      });
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!client) return;
    courseId = new FormData(form).get('course')?.toString() ?? '';
    error.textContent = '';
    if (!courseId) {
      error.textContent = 'Choose a course.';
      return;
    }
    start.disabled = true;
    progress.hidden = false;
    progress.textContent = "Reading the course's records…";
    const staffClient = client;
    void loadSiteConfig()
      .then((config) =>
        collectCompletionRecords(staffClient, {
          courses: describeCourses(facts, config.activityBase),
          filters: { courses: [courseId] },
          onProgress: (p) => {
            progress.textContent = `Reading the course's records: ${p.statements.toLocaleString('en')} statements read, ${p.records} learners so far.`;
          },
        }),
      )
      .then((all) => {
        records = all.filter(isCertifiable);
        const others = all.length - records.length;
        summary.textContent = `${records.length} learner${records.length === 1 ? '' : 's'} passed or completed this course${others ? `; ${others} other${others === 1 ? ' is' : 's are'} in progress or failed and get${others === 1 ? 's' : ''} no certificate` : ''}.`;
        const options = sessionChoices(records).map(({ key, label }) => new Option(label, key));
        sessionSelect.replaceChildren(new Option('All sessions', ''), ...options);
        progress.hidden = true;
        results.hidden = false;
        render();
      })
      .catch((failure: unknown) => {
        progress.hidden = true;
        fail(failure);
      })
      .finally(() => (start.disabled = false));
  });

  sessionSelect.addEventListener('change', render);

  table.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-row]');
    const record = button && shown()[Number(button.dataset.row)];
    if (!button || !record) return;
    button.disabled = true;
    error.textContent = '';
    void issueOptions()
      .then(({ issueCertificate, options }) => issueCertificate(record, options))
      .then((issued) => downloadFile(issued.fileName, 'application/pdf', issued.pdf))
      .catch(fail)
      .finally(() => (button.disabled = false));
  });

  zipButton.addEventListener('click', () => {
    const rows = shown();
    zipButton.disabled = true;
    error.textContent = '';
    progress.hidden = false;
    void issueOptions()
      .then(({ issueCertificates, certificatesZip, options }) =>
        issueCertificates(rows, options, (done, total) => {
          progress.textContent = `Making certificates: ${done} of ${total}.`;
        }).then(certificatesZip),
      )
      .then((zip) => {
        const session =
          sessionSelect.value === NO_SESSION ? 'no-session' : sessionSelect.value || 'all';
        downloadFile(
          `certificates-${courseId}-${session.slice(0, 36)}.zip`,
          'application/zip',
          zip,
        );
        progress.textContent = `Done: ${rows.length} certificate${rows.length === 1 ? '' : 's'}.`;
      })
      .catch((failure: unknown) => {
        progress.hidden = true;
        fail(failure);
      })
      .finally(() => (zipButton.disabled = false));
  });
}
