/**
 * From a statement as a client sent it to what the LRS stores: id, stored, timestamp, authority
 * and version filled in; every agent and activity it mentions listed for the query indexes; a
 * canonical form kept to tell a resend from a conflicting statement. Pure.
 */
import { randomUUID } from 'node:crypto';
import type { PreparedStatement } from '../store/lrs-store.ts';
import { agentKey, agentKeysWithMembers, type AgentJson } from './agents.ts';

/** The verb that voids a statement. */
export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
/** The xAPI version this LRS speaks. */
export const XAPI_VERSION = '1.0.3';

type Json = Record<string, unknown>;

/** Options for {@link prepareStatement}. */
export interface PrepareOptions {
  /** The authority to record (from the credential). */
  authority: AgentJson;
  /** Now, as the LRS's stored time. */
  now: Date;
  /** Whether this credential may define activities (the `define` scope). */
  canDefine: boolean;
}

/** Fills in the LRS's fields and computes the index entries of one statement. */
export function prepareStatement(
  input: Json,
  options: PrepareOptions,
): { prepared: PreparedStatement; stored: Json } {
  const comparable = canonicalJson(withoutLrsFields(input));
  const stored: Json = { ...input };
  stored.id = typeof input.id === 'string' ? input.id.toLowerCase() : randomUUID();
  const storedAt = options.now.toISOString();
  stored.stored = storedAt;
  stored.timestamp ??= storedAt;
  stored.authority = options.authority;
  stored.version ??= '1.0.0';

  const agents: PreparedStatement['agents'] = [];
  const activities: PreparedStatement['activities'] = [];
  const definitions: PreparedStatement['definitions'] = [];
  collect(stored, 0);
  for (const key of agentKeysWithMembers(options.authority)) agents.push({ key, related: 1 });

  function collect(statement: Json, depth: 0 | 1) {
    for (const key of agentKeysWithMembers(statement.actor as AgentJson))
      agents.push({ key, related: depth });
    const object = statement.object as Json | undefined;
    const objectType = (object?.objectType as string | undefined) ?? 'Activity';
    if (object && (objectType === 'Agent' || objectType === 'Group')) {
      for (const key of agentKeysWithMembers(object as AgentJson))
        agents.push({ key, related: depth });
    } else if (object && objectType === 'Activity' && typeof object.id === 'string') {
      activities.push({ id: object.id, related: depth });
      if (object.definition && typeof object.definition === 'object') {
        definitions.push({ id: object.id, definition: object.definition as Json });
      }
    } else if (object && objectType === 'SubStatement') {
      collect(object, 1);
    }
    const context = statement.context as Json | undefined;
    if (context) {
      for (const key of agentKeysWithMembers(context.instructor as AgentJson))
        agents.push({ key, related: 1 });
      for (const key of agentKeysWithMembers(context.team as AgentJson))
        agents.push({ key, related: 1 });
      const contextActivities = context.contextActivities as Record<string, unknown> | undefined;
      for (const kind of ['parent', 'grouping', 'category', 'other']) {
        const value = contextActivities?.[kind];
        for (const activity of Array.isArray(value) ? value : value ? [value] : []) {
          if (activity && typeof (activity as Json).id === 'string') {
            activities.push({ id: (activity as Json).id as string, related: 1 });
            if ((activity as Json).definition) {
              definitions.push({
                id: (activity as Json).id as string,
                definition: (activity as Json).definition as Json,
              });
            }
          }
        }
      }
    }
  }

  const object = stored.object as Json;
  const verbId = (stored.verb as Json).id as string;
  const isActivity = ((object.objectType as string | undefined) ?? 'Activity') === 'Activity';
  const prepared: PreparedStatement = {
    id: stored.id as string,
    body: JSON.stringify(stored),
    comparable,
    verbId,
    objectActivityId: isActivity ? (object.id as string) : undefined,
    registration: (
      (stored.context as Json | undefined)?.registration as string | undefined
    )?.toLowerCase(),
    stored: storedAt,
    storedMs: options.now.getTime(),
    authorityKey: agentKey(options.authority),
    voidsId:
      verbId === VOIDED_VERB && object.objectType === 'StatementRef'
        ? String(object.id).toLowerCase()
        : undefined,
    refId: object.objectType === 'StatementRef' ? String(object.id).toLowerCase() : undefined,
    agents,
    activities,
    // Attachments sent by fileUrl have no stored content; the join in the store skips them.
    attachmentShas: ((stored.attachments as Json[] | undefined) ?? []).map((a) => String(a.sha2)),
    definitions: options.canDefine ? definitions : [],
  };
  return { prepared, stored };
}

/**
 * Brings a statement to the form the LRS stores and returns: a single context Activity becomes a
 * one-element array (xAPI allows either on input and requires arrays on output). Returns a copy.
 */
export function normalizeStatement(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const statement = { ...(input as Json) };
  const context = statement.context;
  if (context && typeof context === 'object' && !Array.isArray(context)) {
    const activities = (context as Json).contextActivities;
    if (activities && typeof activities === 'object' && !Array.isArray(activities)) {
      const fixed = Object.fromEntries(
        Object.entries(activities as Json).map(([key, value]) => [
          key,
          value && typeof value === 'object' && !Array.isArray(value) ? [value] : value,
        ]),
      );
      statement.context = { ...(context as Json), contextActivities: fixed };
    }
  }
  const object = statement.object as Json | undefined;
  if (object && object.objectType === 'SubStatement') statement.object = normalizeStatement(object);
  return statement;
}

/** A statement without the fields the LRS sets, for comparing a resend with what is stored. */
export function withoutLrsFields(statement: Json): Json {
  const copy: Json = { ...statement };
  delete copy.stored;
  delete copy.authority;
  delete copy.version;
  if (typeof copy.id === 'string') copy.id = copy.id.toLowerCase();
  return copy;
}

/** JSON with object keys sorted, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Json)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
