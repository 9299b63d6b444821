/**
 * The trainee's "join a classroom session" page: a join link or QR code carries the whole session
 * (works offline); a typed code is looked up in the State API with the site's credential. The
 * trainee confirms what they are joining before anything changes.
 */
import { activityIds } from '../statements/activity-ids.ts';
import {
  decodeJoinPayload,
  isClassroomSession,
  joinCodeDocument,
  normaliseJoinCode,
  type ClassroomSession,
} from '../trainer/classroom-session.ts';
import { joinSession, loadMembership } from './classroom-membership.ts';
import { loadSiteConfig } from './site-config.ts';

/** Looks a join code up in the LRS; throws an error a trainee can act on. */
export async function lookUpJoinCode(code: string): Promise<ClassroomSession> {
  const config = await loadSiteConfig();
  if (!config.lrs)
    throw new Error(
      'This site has no records server to look codes up in. Scan the QR code or open the join link instead.',
    );
  const where = joinCodeDocument(
    activityIds(config.activityBase),
    code,
    config.organisation.homePage,
  );
  const url = new URL('activities/state', new URL(config.lrs.endpoint, location.href));
  url.searchParams.set('activityId', where.activityId);
  url.searchParams.set('agent', JSON.stringify(where.agent));
  url.searchParams.set('stateId', where.stateId);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: config.lrs.auth, 'X-Experience-API-Version': '1.0.3' },
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new Error(
      'The code cannot be looked up without a connection. Scan the QR code or open the join link: they work offline.',
    );
  }
  if (response.status === 404)
    throw new Error(`No session has the code ${code}. Check the code with your trainer.`);
  if (!response.ok)
    throw new Error(
      `The records server could not look the code up (${response.status}). Ask your trainer for the join link.`,
    );
  const session: unknown = await response.json().catch(() => undefined);
  if (!isClassroomSession(session))
    throw new Error(`The session for code ${code} is damaged. Ask your trainer for the join link.`);
  return session;
}

/** Wires the join page. */
export function bindJoinPage(): void {
  const form = document.getElementById('join-code-form') as HTMLFormElement | null;
  const input = document.getElementById('join-code-input') as HTMLInputElement | null;
  const error = document.getElementById('join-error');
  const confirm = document.getElementById('join-confirm');
  const confirmButton = document.getElementById('join-confirm-button') as HTMLButtonElement | null;
  if (!form || !input || !error || !confirm || !confirmButton) return;
  let chosen: ClassroomSession | undefined;

  const show = (session: ClassroomSession) => {
    chosen = session;
    const set = (field: string, text: string) => {
      const element = confirm.querySelector<HTMLElement>(`[data-field="${field}"]`);
      if (element) element.textContent = text;
      return element;
    };
    set('className', session.className);
    set('course', `${session.course.number} ${session.course.title}`);
    set('trainer', session.trainer.name ?? session.trainer.account?.name ?? '');
    set('when', `${session.date}, ${session.place}`);
    const current = loadMembership();
    const replaces = set(
      'replaces',
      current && current.session.sessionId !== session.sessionId
        ? `You are in “${current.session.className}” now; joining this session leaves that one.`
        : '',
    );
    if (replaces) replaces.hidden = !replaces.textContent;
    confirm.hidden = false;
    confirmButton.focus();
  };

  const payload = new URLSearchParams(location.search).get('s');
  if (payload) {
    try {
      show(decodeJoinPayload(payload));
    } catch (failure) {
      error.textContent = `${(failure as Error).message}.`;
    }
  }
  const typed = new URLSearchParams(location.search).get('code');
  if (typed) input.value = typed;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = normaliseJoinCode(input.value);
    confirm.hidden = true;
    if (!code) {
      error.textContent =
        'A session code has six letters and digits (no I, O, 0 or 1), for example K7QW2M.';
      input.focus();
      return;
    }
    error.textContent = 'Looking the code up…';
    lookUpJoinCode(code)
      .then((session) => {
        error.textContent = '';
        show(session);
      })
      .catch((failure: unknown) => {
        error.textContent = (failure as Error).message;
      });
  });

  confirmButton.addEventListener('click', () => {
    if (!chosen) return;
    joinSession(chosen);
    location.href = `/courses/${encodeURIComponent(chosen.course.id)}/`;
  });
}
