/**
 * Binds the staff sign-in form: checks the credential against the LRS before keeping it, and says
 * plainly what is wrong (a missing field, a wrong key, a missing scope, an unreachable server).
 */
import { loadSiteConfig } from '../tracking/site-config.ts';
import {
  normaliseEndpoint,
  StaffClient,
  staffAuthHeader,
  type StaffNeeds,
} from './staff-client.ts';
import {
  forgetStaffSession,
  loadStaffSession,
  saveStaffSession,
  type StaffSession,
} from './staff-session.ts';

/** The problems with a filled-in sign-in form, naming each field; empty when it is complete. */
export function signInProblems(fields: Record<string, string>, askPerson: boolean): string[] {
  const problems: string[] = [];
  if (askPerson && !fields.name?.trim()) problems.push('Enter your name.');
  if (askPerson && !fields.personId?.trim()) problems.push('Enter your trainer id.');
  if (!fields.key?.trim()) problems.push('Enter the key of your credential.');
  if (!fields.secret?.trim()) problems.push('Enter the secret of your credential.');
  if (fields.endpoint?.trim()) {
    try {
      normaliseEndpoint(fields.endpoint, globalThis.location?.href);
    } catch {
      problems.push(`The records server address "${fields.endpoint}" is not a web address.`);
    }
  }
  return problems;
}

/**
 * Shows the form until a working credential is entered, then calls `onReady` (at once when the
 * tab is already signed in). Returns nothing; the page reacts through `onReady`/`onSignOut`.
 */
export function bindStaffSignIn(options: {
  needs: StaffNeeds;
  onReady: (session: StaffSession, client: StaffClient) => void;
  onSignOut?: () => void;
}): void {
  const root = document.querySelector<HTMLElement>('[data-staff-sign-in]');
  const form = root?.querySelector<HTMLFormElement>('[data-staff-form]');
  const signedIn = root?.querySelector<HTMLElement>('[data-staff-signed-in]');
  if (!root || !form || !signedIn) return;
  const askPerson = root.dataset.askPerson === 'yes';
  const error = form.querySelector<HTMLElement>('[data-staff-error]');
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | null;

  const showSignedIn = (session: StaffSession) => {
    form.hidden = true;
    signedIn.hidden = false;
    const who = signedIn.querySelector('[data-staff-who]');
    if (who)
      who.textContent = `Signed in as ${session.person.name} (${session.person.id}) at ${session.lrs.endpoint}.`;
    options.onReady(session, new StaffClient(session.lrs));
  };

  signedIn.querySelector('[data-staff-sign-out]')?.addEventListener('click', () => {
    forgetStaffSession();
    signedIn.hidden = true;
    form.hidden = false;
    options.onSignOut?.();
  });

  const existing = loadStaffSession();
  if (existing) {
    showSignedIn(existing);
    return;
  }
  form.hidden = false;
  void loadSiteConfig().then((config) => {
    const endpoint = field('endpoint');
    if (endpoint && !endpoint.value)
      // The records server names its LRS by path ("/xapi/"); show the full address.
      endpoint.value = normaliseEndpoint(config.lrs?.endpoint ?? '/xapi/', location.href);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(
      ['name', 'personId', 'key', 'secret', 'endpoint'].map((n) => [n, field(n)?.value ?? '']),
    );
    const problems = signInProblems(values, askPerson);
    if (error) error.textContent = problems.join(' ');
    if (problems.length) return;
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    if (error) error.textContent = 'Checking your credential…';
    const lrs = {
      endpoint: normaliseEndpoint(values.endpoint || '/xapi/', location.href),
      auth: staffAuthHeader(values.key, values.secret),
    };
    const client = new StaffClient(lrs);
    client
      .check(options.needs)
      .then(() => {
        const session: StaffSession = {
          lrs,
          person: {
            name: values.name.trim() || values.key.trim(),
            id: values.personId.trim() || values.key.trim(),
          },
        };
        saveStaffSession(session);
        if (error) error.textContent = '';
        const secret = field('secret');
        if (secret) secret.value = '';
        showSignedIn(session);
      })
      .catch((failure: unknown) => {
        if (error) error.textContent = failure instanceof Error ? failure.message : String(failure);
      })
      .finally(() => {
        if (button) button.disabled = false;
      });
  });
}
