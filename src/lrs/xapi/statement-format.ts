/**
 * The `format` parameter of statement queries: `exact` (as stored), `ids` (only identifiers) and
 * `canonical` (one language per language map, chosen by Accept-Language). Pure.
 */
import { agentIdsOnly, type AgentJson } from './agents.ts';

type Json = Record<string, unknown>;

/** Applies a statement format. */
export function formatStatement(statement: Json, format: string, languages: string[]): Json {
  if (format === 'ids') return idsFormat(statement);
  if (format === 'canonical') return canonicalFormat(statement, languages) as Json;
  return statement;
}

function idsFormat(statement: Json): Json {
  const out: Json = { ...statement };
  out.actor = agentIdsOnly(statement.actor as AgentJson);
  out.verb = { id: (statement.verb as Json).id };
  const object = statement.object as Json;
  const type = (object.objectType as string | undefined) ?? 'Activity';
  if (type === 'Agent' || type === 'Group') out.object = agentIdsOnly(object as AgentJson);
  else if (type === 'Activity') out.object = { id: object.id };
  else if (type === 'SubStatement')
    out.object = { ...idsFormat(object), objectType: 'SubStatement' };
  if (statement.authority) out.authority = agentIdsOnly(statement.authority as AgentJson);
  const context = statement.context as Json | undefined;
  if (context) {
    const c: Json = { ...context };
    if (context.instructor) c.instructor = agentIdsOnly(context.instructor as AgentJson);
    if (context.team) c.team = agentIdsOnly(context.team as AgentJson);
    const activities = context.contextActivities as Record<string, Json[]> | undefined;
    if (activities) {
      c.contextActivities = Object.fromEntries(
        Object.entries(activities).map(([k, list]) => [
          k,
          (Array.isArray(list) ? list : [list]).map((a) => ({ objectType: 'Activity', id: a.id })),
        ]),
      );
    }
    out.context = c;
  }
  return out;
}

function canonicalFormat(value: unknown, languages: string[], key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalFormat(v, languages));
  if (!value || typeof value !== 'object') return value;
  const obj = value as Json;
  if (
    ['display', 'name', 'description'].includes(key) &&
    Object.values(obj).every((v) => typeof v === 'string')
  ) {
    return pickLanguage(obj as Record<string, string>, languages);
  }
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, canonicalFormat(v, languages, k)]),
  );
}

function pickLanguage(map: Record<string, string>, languages: string[]): Record<string, string> {
  const keys = Object.keys(map);
  for (const wanted of languages) {
    const found =
      keys.find((k) => k.toLowerCase() === wanted.toLowerCase()) ??
      keys.find((k) => k.toLowerCase().split('-')[0] === wanted.toLowerCase().split('-')[0]);
    if (found) return { [found]: map[found] as string };
  }
  const first = keys[0];
  return first ? { [first]: map[first] as string } : {};
}

/** Languages from an Accept-Language header, most preferred first. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').trim(), q: q ? Number(q) : 1 };
    })
    .filter((l) => l.tag && l.tag !== '*')
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}
