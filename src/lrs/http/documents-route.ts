/**
 * The document resources — State, Activity Profile, Agent Profile — with ETag concurrency
 * (If-Match / If-None-Match), JSON merge on POST and id lists with `since`; plus the Activities,
 * Agents and About resources.
 */
import { createHash } from 'node:crypto';
import { agentKey, ifiCount, type AgentJson } from '../xapi/agents.ts';
import { isIsoTimestamp } from '../xapi/validate-statement.ts';
import type { DocumentRef, LrsStore } from '../store/lrs-store.ts';
import { HttpError, jsonParam, type LrsRequest } from './request.ts';
import type { LrsResponse } from './response.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Kind = DocumentRef['kind'];

const SPEC: Record<Kind, { idParam: string; params: string[]; concurrencyRequired: boolean }> = {
  state: {
    idParam: 'stateId',
    params: ['activityId', 'agent', 'registration', 'stateId', 'since'],
    concurrencyRequired: false,
  },
  'activity-profile': {
    idParam: 'profileId',
    params: ['activityId', 'profileId', 'since'],
    concurrencyRequired: true,
  },
  'agent-profile': {
    idParam: 'profileId',
    params: ['agent', 'profileId', 'since'],
    concurrencyRequired: true,
  },
};

/** Handles any method on a document resource. */
export async function handleDocuments(
  kind: Kind,
  req: LrsRequest,
  store: LrsStore,
): Promise<LrsResponse> {
  const spec = SPEC[kind];
  for (const key of req.query.keys()) {
    if (!spec.params.includes(key)) throw new HttpError(400, `unknown parameter "${key}"`);
  }
  const ref: DocumentRef = { kind };
  if (kind !== 'agent-profile') {
    const activityId = req.query.get('activityId');
    if (!activityId) throw new HttpError(400, 'parameter "activityId" is required');
    if (!/^[a-z][a-z0-9+.-]*:/i.test(activityId))
      throw new HttpError(400, 'parameter "activityId" must be an IRI');
    ref.activityId = activityId;
  }
  if (kind !== 'activity-profile') {
    const agent = jsonParam(req.query, 'agent') as AgentJson | undefined;
    if (agent === undefined) throw new HttpError(400, 'parameter "agent" is required');
    if (typeof agent !== 'object' || agent === null || ifiCount(agent) !== 1) {
      throw new HttpError(400, 'parameter "agent" must be an Agent with exactly one identifier');
    }
    ref.agentKey = agentKey(agent);
  }
  if (kind === 'state') {
    const registration = req.query.get('registration');
    if (registration !== null) {
      if (!UUID.test(registration))
        throw new HttpError(400, 'parameter "registration" must be a UUID');
      ref.registration = registration.toLowerCase();
    }
  }
  const docId = req.query.get(spec.idParam);
  if (docId !== null) ref.docId = docId;
  const since = req.query.get('since');
  if (since !== null && (req.method !== 'GET' || docId !== null)) {
    throw new HttpError(400, 'parameter "since" only applies when listing document ids');
  }
  if (since !== null && !isIsoTimestamp(since))
    throw new HttpError(400, 'parameter "since" must be an ISO 8601 timestamp');

  switch (req.method) {
    case 'GET': {
      if (docId === null) {
        const ids = await store.listDocumentIds(ref, since ? Date.parse(since) : undefined);
        return { status: 200, json: ids };
      }
      const doc = await store.getDocument(ref);
      if (!doc) throw new HttpError(404, `no document "${docId}"`);
      return {
        status: 200,
        body: Buffer.from(doc.content),
        headers: {
          'Content-Type': doc.contentType,
          ETag: doc.etag,
          'Last-Modified': new Date(doc.updated).toUTCString(),
        },
      };
    }
    case 'PUT':
    case 'POST': {
      if (docId === null)
        throw new HttpError(400, `parameter "${spec.idParam}" is required to write a document`);
      const existing = await store.getDocument(ref);
      checkPreconditions(req, existing?.etag, spec.concurrencyRequired && req.method === 'PUT');
      const contentType = req.headers['content-type'] || 'application/octet-stream';
      let content = req.body;
      let finalType = contentType;
      if (req.method === 'POST') {
        const incoming = asJsonObject(content, contentType);
        if (existing) {
          const current = asJsonObject(Buffer.from(existing.content), existing.contentType, true);
          if (!incoming || !current) {
            throw new HttpError(
              400,
              'POST merges JSON documents; the stored or the sent document is not a JSON object',
            );
          }
          content = Buffer.from(JSON.stringify({ ...current, ...incoming }));
          finalType = 'application/json';
        } else if (!incoming) {
          throw new HttpError(400, 'POST needs a JSON object (use PUT to store other content)');
        }
      }
      await store.putDocument(ref, {
        content,
        contentType: finalType,
        etag: `"${createHash('sha1').update(content).digest('hex')}"`,
        updated: new Date().toISOString(),
      });
      return { status: 204 };
    }
    case 'DELETE': {
      if (docId !== null) {
        const existing = await store.getDocument(ref);
        checkPreconditions(req, existing?.etag, false);
      } else if (kind !== 'state') {
        throw new HttpError(400, `parameter "${spec.idParam}" is required to delete a profile`);
      }
      await store.deleteDocuments(ref);
      return { status: 204 };
    }
    default:
      throw new HttpError(405, `${req.method} is not allowed here`);
  }
}

function checkPreconditions(req: LrsRequest, etag: string | undefined, required: boolean): void {
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifMatch !== undefined) {
    const tags = ifMatch.split(',').map((t) => t.trim());
    if (!etag || !(tags.includes('*') || tags.includes(etag)))
      throw new HttpError(412, 'If-Match does not match the document’s current ETag');
  }
  if (ifNoneMatch !== undefined) {
    if (etag && ifNoneMatch.trim() === '*')
      throw new HttpError(412, 'If-None-Match: * but the document exists');
    if (
      etag &&
      ifNoneMatch
        .split(',')
        .map((t) => t.trim())
        .includes(etag)
    )
      throw new HttpError(412, 'If-None-Match matches the current ETag');
  }
  if (required && ifMatch === undefined && ifNoneMatch === undefined) {
    if (etag)
      throw new HttpError(409, 'the document exists: send If-Match with its ETag to change it');
    throw new HttpError(
      400,
      'PUT of a profile needs If-None-Match: * (new document) or If-Match with the current ETag',
    );
  }
}

function asJsonObject(
  content: Buffer,
  contentType: string,
  lenient = false,
): Record<string, unknown> | undefined {
  if (!lenient && !contentType.startsWith('application/json')) return undefined;
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** GET /activities?activityId=…: the canonical Activity. */
export async function getActivity(req: LrsRequest, store: LrsStore): Promise<LrsResponse> {
  const id = req.query.get('activityId');
  if (!id) throw new HttpError(400, 'parameter "activityId" is required');
  for (const key of req.query.keys())
    if (key !== 'activityId') throw new HttpError(400, `unknown parameter "${key}"`);
  const definition = await store.getActivityDefinition(id);
  return {
    status: 200,
    json: definition ? { objectType: 'Activity', id, definition } : { objectType: 'Activity', id },
  };
}

/** GET /agents?agent=…: the Person object for an Agent. */
export async function getPerson(req: LrsRequest): Promise<LrsResponse> {
  const agent = jsonParam(req.query, 'agent') as AgentJson | undefined;
  if (!agent || typeof agent !== 'object' || ifiCount(agent) !== 1) {
    throw new HttpError(400, 'parameter "agent" must be an Agent with exactly one identifier');
  }
  for (const key of req.query.keys())
    if (key !== 'agent') throw new HttpError(400, `unknown parameter "${key}"`);
  const person: Record<string, unknown> = { objectType: 'Person' };
  if (agent.name) person.name = [agent.name];
  for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const) {
    if (agent[key] !== undefined) person[key] = [agent[key]];
  }
  return { status: 200, json: person };
}

/** GET /about. */
export function getAbout(): LrsResponse {
  return {
    status: 200,
    json: {
      version: ['1.0.3', '1.0.2', '1.0.1', '1.0.0'],
      extensions: { 'https://gangway.example/lrs': { name: 'Gangway records server' } },
    },
  };
}
