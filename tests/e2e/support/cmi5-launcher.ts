/**
 * A test-only cmi5 LMS: it plays the LMS side in front of the real records server. It writes
 * LMS.LaunchData, serves the fetch URL (a token that works exactly once), and builds the launch
 * URL of a course. Nothing here ships with the site.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createCredential } from '../../integration/support/lrs-process.ts';

function credential(name: string, scopes: string): { header: string; token: string } {
  const header = createCredential('.cache/e2e-lrs', undefined, name, scopes);
  return { header, token: header.slice('Basic '.length) };
}

/** A launched cmi5 session. */
export interface Cmi5Launch {
  url: string;
  registration: string;
  sessionId: string;
  activityId: string;
  actor: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
  masteryScore: number;
  lmsAuth: string;
  /** How many times the fetch URL was called. */
  fetchCalls: () => number;
  returnUrl: string;
  close: () => Promise<void>;
}

/** Prepares a cmi5 launch of `coursePath` on the site at `baseURL`. */
export async function launchCmi5(
  baseURL: string,
  coursePath: string,
  options: { masteryScore: number; moveOn: string },
): Promise<Cmi5Launch> {
  const lms = credential('Test cmi5 LMS', 'all');
  const au = credential('cmi5 session token', 'statements/write,state');
  const registration = randomUUID();
  const sessionId = randomUUID();
  const activityId = `https://lms.example/courses/gangway-3.27/au/${randomUUID()}`;
  const actor = {
    objectType: 'Agent' as const,
    name: 'cmi5 Learner',
    account: { homePage: 'https://lms.example', name: `lms-${registration.slice(0, 8)}` },
  };
  let calls = 0;
  const server: Server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'POST' });
      return res.end();
    }
    if (req.url?.startsWith('/fetch') && req.method === 'POST') {
      calls++;
      res.writeHead(calls === 1 ? 200 : 400, { 'Content-Type': 'application/json' });
      return res.end(
        JSON.stringify(
          calls === 1
            ? { 'auth-token': au.token }
            : { 'error-code': '1', 'error-text': 'the fetch URL was already used' },
        ),
      );
    }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>LMS</title><h1>Back in the LMS</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  const endpoint = `${baseURL}/xapi/`;
  const returnUrl = `http://127.0.0.1:${port}/returned`;
  const launchData = {
    contextTemplate: {
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
      contextActivities: { grouping: [{ objectType: 'Activity', id: activityId }] },
    },
    launchMode: 'Normal',
    moveOn: options.moveOn,
    masteryScore: options.masteryScore,
    returnURL: returnUrl,
  };
  const state = new URLSearchParams({
    stateId: 'LMS.LaunchData',
    activityId,
    agent: JSON.stringify(actor),
    registration,
  });
  const headers = {
    Authorization: lms.header,
    'X-Experience-API-Version': '1.0.3',
    'Content-Type': 'application/json',
  };
  const put = await fetch(`${endpoint}activities/state?${state}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify(launchData),
  });
  if (!put.ok) throw new Error(`LMS.LaunchData could not be written: ${put.status}`);
  // The LMS records the launch before the AU starts.
  const launched = {
    id: randomUUID(),
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
    object: { objectType: 'Activity', id: activityId },
    context: {
      registration,
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
      contextActivities: {
        category: [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }],
      },
    },
    timestamp: new Date().toISOString(),
  };
  await fetch(`${endpoint}statements`, { method: 'POST', headers, body: JSON.stringify(launched) });
  const query = new URLSearchParams({
    endpoint,
    fetch: `http://127.0.0.1:${port}/fetch/${registration}`,
    actor: JSON.stringify(actor),
    registration,
    activityId,
  });
  return {
    url: `${baseURL}${coursePath}?${query}`,
    registration,
    sessionId,
    activityId,
    actor,
    masteryScore: options.masteryScore,
    lmsAuth: lms.header,
    fetchCalls: () => calls,
    returnUrl,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
