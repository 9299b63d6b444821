/**
 * The AU side of cmi5: when a cmi5 LMS launches a course, fetch the session's token once, read
 * `LMS.LaunchData`, send `initialized` first, report passed/failed against the LMS's mastery
 * score and completed per `moveOn`, and send `terminated` last. The token and launch data are kept
 * for the tab's session, because the fetch URL may be used only once while the learner moves from
 * page to page. Statement building is pure (below); I/O is in {@link openCmi5Session}.
 */
import type { Agent, Context, Statement } from '@xapi/xapi';
import type { Launch } from './launch.ts';

/** cmi5 identifiers. */
export const CMI5 = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOnCategory: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
} as const;

/** What the LMS writes to `LMS.LaunchData`. */
export interface LaunchData {
  contextTemplate: Context;
  launchMode: 'Normal' | 'Browse' | 'Review';
  moveOn: 'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';
  masteryScore?: number;
  returnURL?: string;
  launchParameters?: string;
}

/** A cmi5 session as kept for the tab. */
export interface Cmi5Session {
  auth: string;
  launchData: LaunchData;
  startedAt: string;
  initializedSent: boolean;
  passedSent: boolean;
  completedSent: boolean;
  terminated: boolean;
}

const KEY = 'gangway:cmi5:v1';

/** The session id the LMS put in the context template. */
export function sessionIdOf(launchData: LaunchData): string | undefined {
  return launchData.contextTemplate?.extensions?.[CMI5.sessionId] as string | undefined;
}

/** The context every statement of the session carries: the LMS's template plus the registration. */
export function cmi5Context(
  launch: Extract<Launch, { mode: 'cmi5' }>,
  launchData: LaunchData,
  definedStatement: boolean,
  moveOn = false,
): Context {
  const template = launchData.contextTemplate ?? {};
  const categories = [...(template.contextActivities?.category ?? [])];
  if (definedStatement) categories.push({ objectType: 'Activity', id: CMI5.category });
  if (moveOn) categories.push({ objectType: 'Activity', id: CMI5.moveOnCategory });
  return {
    ...template,
    registration: launch.registration,
    contextActivities: {
      ...template.contextActivities,
      ...(categories.length ? { category: categories } : {}),
    },
  };
}

/** A cmi5-defined statement about the AU (initialized, passed, failed, completed, terminated). */
export function buildCmi5Statement(input: {
  launch: Extract<Launch, { mode: 'cmi5' }>;
  launchData: LaunchData;
  verb: 'initialized' | 'passed' | 'failed' | 'completed' | 'terminated';
  id: string;
  timestamp: string;
  scaled?: number;
  durationMs?: number;
}): Statement {
  const { launch, launchData, verb } = input;
  const moveOn = verb === 'passed' || verb === 'completed' || verb === 'failed';
  const context = cmi5Context(launch, launchData, true, moveOn);
  if ((verb === 'passed' || verb === 'failed') && launchData.masteryScore !== undefined) {
    context.extensions = { ...context.extensions, [CMI5.masteryScore]: launchData.masteryScore };
  }
  const result: Statement['result'] = {};
  if (verb === 'passed' || verb === 'failed') {
    result.success = verb === 'passed';
    if (input.scaled !== undefined)
      result.score = { scaled: Math.round(input.scaled * 10000) / 10000 };
  }
  if (verb === 'completed') result.completion = true;
  if (input.durationMs !== undefined && verb !== 'initialized')
    result.duration = `PT${Math.round(input.durationMs / 10) / 100}S`;
  return {
    id: input.id,
    timestamp: input.timestamp,
    actor: launch.actor as Agent,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
    object: { objectType: 'Activity', id: launch.activityId },
    ...(Object.keys(result).length ? { result } : {}),
    context,
  };
}

/** Whether passing (and/or completing) satisfies the LMS's moveOn, which decides when to send completed. */
export function completesOnPass(moveOn: LaunchData['moveOn']): boolean {
  return (
    moveOn === 'Completed' || moveOn === 'CompletedAndPassed' || moveOn === 'CompletedOrPassed'
  );
}

/** Opens (or resumes) the tab's cmi5 session: fetches the token once and reads LMS.LaunchData. */
export async function openCmi5Session(
  launch: Extract<Launch, { mode: 'cmi5' }>,
  fetchImpl: typeof fetch = fetch,
): Promise<Cmi5Session> {
  const kept = sessionStorage.getItem(KEY);
  if (kept) {
    const session = JSON.parse(kept) as Cmi5Session & { registration: string };
    if (session.registration === launch.registration) return session;
  }
  const tokenResponse = await fetchImpl(launch.fetchUrl, { method: 'POST' });
  const tokenBody = (await tokenResponse.json().catch(() => ({}))) as {
    'auth-token'?: string;
    'error-text'?: string;
  };
  if (!tokenResponse.ok || !tokenBody['auth-token']) {
    throw new Error(
      `the training system did not give this session a token (${tokenBody['error-text'] ?? tokenResponse.status})`,
    );
  }
  const auth = `Basic ${tokenBody['auth-token']}`;
  const params = new URLSearchParams({
    stateId: 'LMS.LaunchData',
    activityId: launch.activityId,
    agent: JSON.stringify(launch.actor),
    registration: launch.registration,
  });
  const stateResponse = await fetchImpl(`${launch.endpoint}activities/state?${params}`, {
    headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' },
  });
  if (!stateResponse.ok)
    throw new Error(
      `the training system's launch data could not be read (${stateResponse.status})`,
    );
  const launchData = (await stateResponse.json()) as LaunchData;
  const session: Cmi5Session = {
    auth,
    launchData,
    startedAt: new Date().toISOString(),
    initializedSent: false,
    passedSent: false,
    completedSent: false,
    terminated: false,
  };
  saveCmi5Session(launch, session);
  return session;
}

/** Remembers the session's progress (which defined statements were sent). */
export function saveCmi5Session(
  launch: Extract<Launch, { mode: 'cmi5' }>,
  session: Cmi5Session,
): void {
  sessionStorage.setItem(KEY, JSON.stringify({ ...session, registration: launch.registration }));
}
