/**
 * The Statements resource: POST (one or many, JSON or multipart with attachments), PUT with
 * statementId, GET single, voided or filtered with stable `more` paging.
 */
import { createHash } from 'node:crypto';
import { agentKey, ifiCount, type AgentJson } from '../xapi/agents.ts';
import { boundaryOf, buildMultipart, parseMultipart, type Part } from '../xapi/multipart.ts';
import { normalizeStatement, prepareStatement } from '../xapi/prepare-statement.ts';
import { signatureProblem, SIGNATURE_USAGE } from '../xapi/signature.ts';
import { acceptedLanguages, formatStatement } from '../xapi/statement-format.ts';
import { isIsoTimestamp, statementProblems } from '../xapi/validate-statement.ts';
import {
  StatementConflictError,
  VoidingError,
  type AttachmentContent,
  type LrsStore,
  type StatementQuery,
} from '../store/lrs-store.ts';
import { HttpError, jsonBody, jsonParam, type LrsRequest } from './request.ts';
import type { Caller, LrsResponse } from './response.ts';

type Json = Record<string, unknown>;

const QUERY_PARAMS = [
  'statementId',
  'voidedStatementId',
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
  'more',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Settings the statements routes need. */
export interface StatementsContext {
  store: LrsStore;
  /** Largest page the server returns. */
  maxPageSize: number;
  /** Absolute path of the statements resource, for `more` links. */
  statementsPath: string;
}

/** POST /statements: stores one statement or an array; answers the ids. */
export async function postStatements(
  req: LrsRequest,
  caller: Caller,
  ctx: StatementsContext,
): Promise<LrsResponse> {
  if (req.query.get('statementId') !== null) {
    throw new HttpError(
      400,
      'POST does not take "statementId"; use PUT to store a statement with a chosen id',
    );
  }
  const { statements, attachments } = readStatementsBody(req);
  const ids = await store(statements, attachments, caller, ctx);
  return { status: 200, json: ids };
}

/** PUT /statements?statementId=…: stores one statement with that id. */
export async function putStatement(
  req: LrsRequest,
  caller: Caller,
  ctx: StatementsContext,
): Promise<LrsResponse> {
  const id = req.query.get('statementId');
  if (!id) throw new HttpError(400, 'PUT needs the "statementId" parameter');
  if (!UUID.test(id)) throw new HttpError(400, 'parameter "statementId" must be a UUID');
  for (const key of req.query.keys()) {
    if (key !== 'statementId') throw new HttpError(400, `unexpected parameter "${key}" on PUT`);
  }
  const { statements, attachments } = readStatementsBody(req);
  if (statements.length !== 1)
    throw new HttpError(400, 'PUT takes a single statement, not an array');
  const statement = statements[0] as Json;
  if (statement.id !== undefined && String(statement.id).toLowerCase() !== id.toLowerCase()) {
    throw new HttpError(
      400,
      `the statement's id (${String(statement.id)}) differs from statementId (${id})`,
    );
  }
  statement.id = id;
  await store([statement], attachments, caller, ctx);
  return { status: 204 };
}

function readStatementsBody(req: LrsRequest): { statements: Json[]; attachments: Part[] } {
  const contentType = req.headers['content-type'] ?? '';
  let json: unknown;
  let attachments: Part[] = [];
  if (contentType.startsWith('multipart/mixed')) {
    const boundary = boundaryOf(contentType);
    if (!boundary) throw new HttpError(400, 'the multipart/mixed Content-Type has no boundary');
    let parts: Part[];
    try {
      parts = parseMultipart(req.body, boundary);
    } catch (error) {
      throw new HttpError(400, (error as Error).message);
    }
    const [first, ...rest] = parts;
    if (!first || !(first.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new HttpError(
        400,
        'the first part of a multipart statement request must be application/json',
      );
    }
    json = jsonBody(first.body);
    attachments = rest;
    for (const part of attachments) {
      if (!part.headers['x-experience-api-hash'])
        throw new HttpError(400, 'every attachment part needs an X-Experience-API-Hash header');
      if (
        part.headers['content-transfer-encoding'] &&
        part.headers['content-transfer-encoding'] !== 'binary'
      ) {
        throw new HttpError(400, 'attachment parts must use Content-Transfer-Encoding: binary');
      }
    }
  } else if (contentType.startsWith('application/json') || contentType === '') {
    json = jsonBody(req.body);
  } else {
    throw new HttpError(
      400,
      `statements must be sent as application/json or multipart/mixed, not ${contentType}`,
    );
  }
  const list = (Array.isArray(json) ? json : [json]).map(normalizeStatement);
  if (list.length === 0) throw new HttpError(400, 'the request holds no statements');
  const problems: string[] = [];
  list.forEach((statement, index) => {
    for (const problem of statementProblems(statement)) {
      problems.push(
        Array.isArray(json) ? problem.replace(/^statement/, `statements[${index}]`) : problem,
      );
    }
  });
  if (problems.length > 0) throw new HttpError(400, problems.join('; '));
  return { statements: list as Json[], attachments };
}

async function store(
  statements: Json[],
  parts: Part[],
  caller: Caller,
  ctx: StatementsContext,
): Promise<string[]> {
  const seen = new Set<string>();
  for (const statement of statements) {
    if (typeof statement.id !== 'string') continue;
    const id = statement.id.toLowerCase();
    if (seen.has(id)) throw new HttpError(400, `statement id ${id} appears twice in the request`);
    seen.add(id);
  }
  const bySha = new Map(
    parts.map((part) => [part.headers['x-experience-api-hash'] as string, part]),
  );
  const used = new Set<string>();
  const attachments: AttachmentContent[] = [];
  for (const statement of statements) {
    for (const attachment of (statement.attachments as Json[] | undefined) ?? []) {
      const sha2 = String(attachment.sha2);
      const part = bySha.get(sha2);
      if (attachment.usageType === SIGNATURE_USAGE) {
        if (!part)
          throw new HttpError(400, 'a signature attachment must be sent as a part of the request');
        if (attachment.contentType !== 'application/octet-stream') {
          throw new HttpError(
            400,
            'a signature attachment must have contentType application/octet-stream',
          );
        }
        const problem = signatureProblem(statement, part.body.toString('utf8'));
        if (problem)
          throw new HttpError(
            400,
            `statement ${String(statement.id ?? '')}: ${problem}`.replace(':  ', ': '),
          );
      }
      if (attachment.fileUrl && !part) continue;
      if (!part)
        throw new HttpError(
          400,
          `attachment with sha2 ${sha2} has no fileUrl and no part in the request`,
        );
      if (createHash('sha256').update(part.body).digest('hex') !== sha2.toLowerCase()) {
        throw new HttpError(
          400,
          `attachment part with X-Experience-API-Hash ${sha2} does not match its content`,
        );
      }
      used.add(sha2);
      attachments.push({ sha2, contentType: String(attachment.contentType), content: part.body });
    }
  }
  for (const sha2 of bySha.keys()) {
    if (!used.has(sha2))
      throw new HttpError(
        400,
        `the request has an attachment part (${sha2}) that no statement declares`,
      );
  }
  const now = new Date();
  const prepared = statements.map(
    (statement) =>
      prepareStatement(statement, { authority: caller.authority, now, canDefine: caller.canDefine })
        .prepared,
  );
  try {
    await ctx.store.insertStatements(prepared, attachments);
  } catch (error) {
    if (error instanceof StatementConflictError) throw new HttpError(409, error.message);
    if (error instanceof VoidingError) throw new HttpError(400, error.message);
    throw error;
  }
  return prepared.map((p) => p.id);
}

/** GET /statements: one statement, one voided statement, or a filtered page. */
export async function getStatements(
  req: LrsRequest,
  caller: Caller,
  ctx: StatementsContext,
): Promise<LrsResponse> {
  for (const key of req.query.keys()) {
    if (!QUERY_PARAMS.includes(key))
      throw new HttpError(400, `unknown parameter "${key}" for GET statements`);
  }
  // A `more` link carries the original query, so a later page is answered exactly like the first.
  const more = req.query.get('more');
  const cursor = more !== null ? decodeMore(more) : undefined;
  const params = cursor ? cursor.params : req.query;
  const format = params.get('format') ?? 'exact';
  if (!['exact', 'ids', 'canonical'].includes(format))
    throw new HttpError(400, 'parameter "format" must be exact, ids or canonical');
  const withAttachments = booleanParam(params, 'attachments');
  const languages = acceptedLanguages(req.headers['accept-language']);
  const consistentThrough = new Date().toISOString();
  const headers = { 'X-Experience-API-Consistent-Through': consistentThrough };

  const statementId = req.query.get('statementId');
  const voidedId = req.query.get('voidedStatementId');
  if (statementId !== null || voidedId !== null) {
    if (statementId !== null && voidedId !== null)
      throw new HttpError(400, 'give statementId or voidedStatementId, not both');
    const allowed = ['statementId', 'voidedStatementId', 'format', 'attachments'];
    for (const key of req.query.keys()) {
      if (!allowed.includes(key))
        throw new HttpError(400, `parameter "${key}" cannot be combined with a statement id`);
    }
    const id = (statementId ?? voidedId) as string;
    if (!UUID.test(id)) throw new HttpError(400, 'the statement id must be a UUID');
    const found = await ctx.store.getStatement(id.toLowerCase());
    const wantVoided = voidedId !== null;
    if (!found || found.voided !== wantVoided)
      throw new HttpError(404, `no ${wantVoided ? 'voided ' : ''}statement ${id}`, headers);
    const statement = JSON.parse(found.body) as Json;
    if (
      caller.readMineOnly &&
      agentKey(statement.authority as AgentJson) !== agentKey(caller.authority)
    ) {
      throw new HttpError(404, `no statement ${id}`, headers);
    }
    const lastModified = new Date(String(statement.stored)).toUTCString();
    const body = formatStatement(statement, format, languages);
    if (withAttachments)
      return multipartResponse([body], await ctx.store.attachmentsFor([found.seq]), {
        ...headers,
        'Last-Modified': lastModified,
      });
    return { status: 200, json: body, headers: { ...headers, 'Last-Modified': lastModified } };
  }

  const query = parseQuery(params, ctx.maxPageSize);
  if (caller.readMineOnly) query.authorityKey = agentKey(caller.authority);
  query.afterSeq = cursor?.afterSeq;
  query.boundSeq = cursor ? cursor.boundSeq : await ctx.store.maxSeq();
  const rows = await ctx.store.queryStatements({ ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const statements = page.map((row) =>
    formatStatement(JSON.parse(row.body) as Json, format, languages),
  );
  const last = page.at(-1);
  const moreLink =
    rows.length > query.limit && last
      ? `${ctx.statementsPath}?more=${encodeMore(params, last.seq, query.boundSeq)}`
      : '';
  const result = { statements, more: moreLink };
  if (withAttachments)
    return multipartResponse(
      [result],
      await ctx.store.attachmentsFor(page.map((r) => r.seq)),
      headers,
    );
  return { status: 200, json: result, headers };
}

function parseQuery(params: URLSearchParams, maxPageSize: number): StatementQuery {
  const query: StatementQuery = { limit: maxPageSize };
  const agent = jsonParam(params, 'agent') as AgentJson | undefined;
  if (agent !== undefined) {
    if (
      typeof agent !== 'object' ||
      agent === null ||
      (agent.objectType !== 'Group' && ifiCount(agent) !== 1)
    ) {
      throw new HttpError(
        400,
        'parameter "agent" must be an Agent or identified Group with exactly one identifier',
      );
    }
    query.agentKey = agentKey(agent);
    if (!query.agentKey) throw new HttpError(400, 'parameter "agent" has no identifier');
  }
  const verb = params.get('verb');
  if (verb !== null) query.verbId = requireIri(verb, 'verb');
  const activity = params.get('activity');
  if (activity !== null) query.activityId = requireIri(activity, 'activity');
  const registration = params.get('registration');
  if (registration !== null) {
    if (!UUID.test(registration))
      throw new HttpError(400, 'parameter "registration" must be a UUID');
    query.registration = registration.toLowerCase();
  }
  query.relatedActivities = booleanParam(params, 'related_activities');
  query.relatedAgents = booleanParam(params, 'related_agents');
  query.ascending = booleanParam(params, 'ascending');
  for (const name of ['since', 'until'] as const) {
    const value = params.get(name);
    if (value === null) continue;
    if (!isIsoTimestamp(value))
      throw new HttpError(400, `parameter "${name}" must be an ISO 8601 timestamp`);
    if (name === 'since') query.sinceMs = Date.parse(value);
    else query.untilMs = Date.parse(value);
  }
  const limit = params.get('limit');
  if (limit !== null) {
    if (!/^\d+$/.test(limit)) throw new HttpError(400, 'parameter "limit" must be a whole number');
    const n = Number(limit);
    query.limit = n === 0 ? maxPageSize : Math.min(n, maxPageSize);
  }
  return query;
}

function requireIri(value: string, name: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value))
    throw new HttpError(400, `parameter "${name}" must be an IRI`);
  return value;
}

function booleanParam(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  if (value === null) return false;
  if (value !== 'true' && value !== 'false')
    throw new HttpError(400, `parameter "${name}" must be true or false`);
  return value === 'true';
}

function encodeMore(
  params: URLSearchParams,
  afterSeq: number,
  boundSeq: number | undefined,
): string {
  const p = Object.fromEntries([...params].filter(([k]) => k !== 'more'));
  return Buffer.from(JSON.stringify({ p, a: afterSeq, b: boundSeq })).toString('base64url');
}

function decodeMore(token: string): {
  params: URLSearchParams;
  afterSeq: number;
  boundSeq: number;
} {
  try {
    const { p, a, b } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      p: Record<string, string>;
      a: number;
      b: number;
    };
    if (typeof a !== 'number' || typeof b !== 'number') throw new Error('bad cursor');
    return { params: new URLSearchParams(p), afterSeq: a, boundSeq: b };
  } catch {
    throw new HttpError(400, 'the "more" token is not one this server issued');
  }
}

function multipartResponse(
  jsonParts: unknown[],
  attachments: AttachmentContent[],
  headers: Record<string, string>,
): LrsResponse {
  const parts: Part[] = jsonParts.map((json) => ({
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(JSON.stringify(json)),
  }));
  for (const attachment of attachments) {
    parts.push({
      headers: {
        'Content-Type': attachment.contentType,
        'Content-Transfer-Encoding': 'binary',
        'X-Experience-API-Hash': attachment.sha2,
      },
      body: Buffer.from(attachment.content),
    });
  }
  const { body, contentType } = buildMultipart(parts);
  return { status: 200, body, headers: { ...headers, 'Content-Type': contentType } };
}
