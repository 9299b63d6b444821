/**
 * Launch modes. A page opened with launch parameters is tracked for whoever launched it:
 *
 * - launch link (the de-facto xAPI launch): `endpoint`, `auth`, `actor`, `registration`, `activity_id`;
 * - cmi5: `endpoint`, `fetch`, `actor`, `registration`, `activityId` (the AU side of cmi5).
 *
 * The launch is remembered for the browser tab's session, so it survives page navigation. Pure
 * parsing here; storage in the helpers below.
 */
import type { Agent } from '@xapi/xapi';

/** A launch by link or by a cmi5 LMS. */
export type Launch =
  | {
      mode: 'link';
      endpoint: string;
      auth?: string;
      actor: Agent;
      registration?: string;
      activityId?: string;
    }
  | {
      mode: 'cmi5';
      endpoint: string;
      fetchUrl: string;
      actor: Agent;
      registration: string;
      activityId: string;
    };

/** Reads launch parameters from a query string; undefined when the page was not launched. */
export function parseLaunch(search: string): Launch | undefined {
  const params = new URLSearchParams(search);
  const endpoint = params.get('endpoint');
  const actorText = params.get('actor');
  if (!endpoint || !actorText) return undefined;
  let actor: Agent;
  try {
    actor = JSON.parse(actorText) as Agent;
  } catch {
    throw new Error('the launch parameter "actor" is not valid JSON');
  }
  const normalised = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  const fetchUrl = params.get('fetch');
  if (fetchUrl) {
    const registration = params.get('registration');
    const activityId = params.get('activityId');
    if (!registration || !activityId)
      throw new Error('a cmi5 launch needs "registration" and "activityId"');
    return { mode: 'cmi5', endpoint: normalised, fetchUrl, actor, registration, activityId };
  }
  return {
    mode: 'link',
    endpoint: normalised,
    auth: params.get('auth') ?? undefined,
    actor,
    registration: params.get('registration') ?? undefined,
    activityId: params.get('activity_id') ?? undefined,
  };
}

const KEY = 'gangway:launch:v1';

/** Remembers the launch for this tab's session (or reads the one remembered). */
export function currentLaunch(search: string = location.search): Launch | undefined {
  const fresh = parseLaunch(search);
  if (fresh) {
    sessionStorage.setItem(KEY, JSON.stringify(fresh));
    return fresh;
  }
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}
