/**
 * The verification page: takes a code from the address (`/verify/#v1.…`) or the text field,
 * checks it against the training centre's public key with no LRS, and says plainly whether the
 * certificate is valid, showing its facts as text only.
 */
import { codeFromInput, verifyCertificate } from './certificate-code.ts';
import type { CertificateFacts } from './certificate-facts.ts';
import { formatCertificateDate } from './certificate-dates.ts';
import { loadPublicKeys } from './public-key-cache.ts';

/** The facts as labelled rows, in the order the certificate prints them. */
export function factRows(facts: CertificateFacts): [string, string][] {
  return [
    ['Certificate no.', facts.id],
    ['Learner', facts.learnerName],
    ['Trainee id', facts.learnerId],
    ['Course', `${facts.courseNumber} ${facts.courseTitle}`],
    ['Completed on', formatCertificateDate(facts.completed)],
    ['Final score', facts.scorePercent === null ? 'not scored' : `${facts.scorePercent} %`],
    ['Training centre', facts.centre],
    ['Trainer', facts.trainer ?? 'none (self-study)'],
  ];
}

/** Binds the form and checks the code in the address, if any. */
export function bindVerifyPage(): void {
  const form = document.getElementById('verify-form') as HTMLFormElement | null;
  const input = document.getElementById('verify-code') as HTMLTextAreaElement | null;
  const result = document.getElementById('verify-result');
  const heading = document.getElementById('verify-verdict');
  const detail = document.getElementById('verify-detail');
  const list = document.getElementById('verify-facts');
  const keyNote = document.getElementById('verify-key-note');
  if (!form || !input || !result || !heading || !detail || !list || !keyNote) return;

  let keys: ReturnType<typeof loadPublicKeys> | undefined;
  const check = async (moveFocus: boolean) => {
    const code = codeFromInput(input.value);
    result.hidden = false;
    result.dataset.valid = '';
    heading.textContent = 'Checking…';
    detail.textContent = '';
    list.replaceChildren();
    try {
      keys ??= loadPublicKeys();
      const loaded = await keys;
      keyNote.textContent = loaded.fromCache
        ? "Checked offline with the training centre's public key saved on this device."
        : "Checked with the training centre's public key published on this site.";
      const verdict = await verifyCertificate(code, loaded.keys);
      result.dataset.valid = String(verdict.valid);
      if (verdict.valid) {
        heading.textContent = `Valid certificate issued by ${verdict.facts.centre}`;
        detail.textContent =
          'The signature matches: these are the facts the training centre signed.';
      } else {
        heading.textContent = `This code is not valid: ${verdict.reason}`;
        detail.textContent = verdict.facts
          ? 'What the code claims is shown below, but it must not be trusted.'
          : '';
      }
      const facts = verdict.facts;
      if (facts)
        list.replaceChildren(
          ...factRows(facts).flatMap(([label, value]) => {
            const dt = document.createElement('dt');
            dt.textContent = label;
            const dd = document.createElement('dd');
            // Certificate text is untrusted: set as text, never as markup.
            dd.textContent = value;
            return [dt, dd];
          }),
        );
    } catch (error) {
      keys = undefined;
      result.dataset.valid = 'false';
      heading.textContent = (error as Error).message;
    }
    if (moveFocus) heading.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void check(true);
  });
  const fromHash = () => {
    let code = location.hash.slice(1);
    try {
      code = decodeURIComponent(code);
    } catch {
      // A damaged %-escape: check the code as it is, and say what is wrong with it.
    }
    if (!code) return;
    input.value = code;
    void check(false);
  };
  window.addEventListener('hashchange', fromHash);
  fromHash();
}
