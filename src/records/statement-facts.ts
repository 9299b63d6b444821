/**
 * Small readings of xAPI statements shared by the completion records: who an agent is (a stable
 * key and a display id), which language-map text to show, and how long an ISO 8601 duration is.
 * Pure; tolerant of statements from any conformant LRS.
 */
import type { PersonRef } from './completion-record.ts';

/** The parts of an Agent or Group the records read. */
export interface AgentLike {
  objectType?: string;
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage?: string; name?: string };
  member?: AgentLike[];
}

/**
 * A stable key for an agent's identity (its inverse functional identifier), so the same person
 * under two display names is one learner. An anonymous group is keyed by its members.
 */
export function agentKey(agent: AgentLike | undefined): string {
  if (!agent) return '';
  if (agent.account?.name !== undefined)
    return `account:${agent.account.homePage ?? ''}|${agent.account.name}`;
  if (agent.mbox) return `mbox:${agent.mbox.toLowerCase()}`;
  if (agent.mbox_sha1sum) return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (agent.openid) return `openid:${agent.openid}`;
  if (agent.member?.length)
    return `group:${agent.member
      .map((member) => agentKey(member))
      .sort()
      .join(',')}`;
  return '';
}

/** The agent's identifying fields only, as the `agent` query parameter wants them. */
export function agentIdentity(agent: AgentLike): AgentLike {
  if (agent.account) return { objectType: 'Agent', account: { ...agent.account } };
  if (agent.mbox) return { objectType: 'Agent', mbox: agent.mbox };
  if (agent.mbox_sha1sum) return { objectType: 'Agent', mbox_sha1sum: agent.mbox_sha1sum };
  return { objectType: 'Agent', openid: agent.openid };
}

/** A person as a record row names them: display name and the id an administrator recognises. */
export function personOf(agent: AgentLike): PersonRef {
  const id =
    agent.account?.name ??
    agent.mbox?.replace(/^mailto:/i, '') ??
    agent.mbox_sha1sum ??
    agent.openid ??
    '';
  return { name: agent.name ?? '', id };
}

/** The text of a language map: English first, else the first entry; empty when absent. */
export function languageText(map: Record<string, string> | undefined): string {
  if (!map) return '';
  const english = Object.keys(map).find((tag) => /^en(-|$)/i.test(tag));
  return (english ? map[english] : Object.values(map)[0]) ?? '';
}

const DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * Seconds in an ISO 8601 duration (`PT1H2M3.45S`); 0 for anything that is not one. Years and
 * months, which xAPI allows but no learning activity uses, count as 365 and 30 days.
 */
export function durationSeconds(duration: string | undefined): number {
  const match = duration ? DURATION.exec(duration.trim()) : null;
  if (!match || duration === 'P' || duration?.endsWith('T')) return 0;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => (part ? Number(part.replace(',', '.')) : 0)) as number[];
  return (
    (years ?? 0) * 365 * 86400 +
    (months ?? 0) * 30 * 86400 +
    (weeks ?? 0) * 7 * 86400 +
    (days ?? 0) * 86400 +
    (hours ?? 0) * 3600 +
    (minutes ?? 0) * 60 +
    (seconds ?? 0)
  );
}
