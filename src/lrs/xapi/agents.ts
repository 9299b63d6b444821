/**
 * Agents and their Inverse Functional Identifiers (IFIs): the one key by which the LRS matches an
 * Agent or Group across statements, documents and queries. Pure.
 */

/** An xAPI Agent or Group as JSON. */
export interface AgentJson {
  objectType?: 'Agent' | 'Group';
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage: string; name: string };
  member?: AgentJson[];
}

/** The canonical IFI key of an Agent or identified Group, e.g. `mbox:mailto:a@b.c`; undefined when it has none. */
export function agentKey(agent: AgentJson | undefined): string | undefined {
  if (!agent || typeof agent !== 'object') return undefined;
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string')
    return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  if (
    agent.account &&
    typeof agent.account.homePage === 'string' &&
    typeof agent.account.name === 'string'
  ) {
    return `account:${agent.account.homePage}|${agent.account.name}`;
  }
  return undefined;
}

/** The number of IFIs an Agent carries (xAPI requires exactly one for an Agent). */
export function ifiCount(agent: AgentJson): number {
  return ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((key) => key in agent).length;
}

/** Every agent key in an Agent or Group: itself (if identified) and, for Groups, its members. */
export function agentKeysWithMembers(agent: AgentJson | undefined): string[] {
  if (!agent) return [];
  const keys = new Set<string>();
  const own = agentKey(agent);
  if (own) keys.add(own);
  for (const member of agent.member ?? []) {
    const key = agentKey(member);
    if (key) keys.add(key);
  }
  return [...keys];
}

/** Keeps only the identifying fields of an Agent or Group (the `ids` statement format). */
export function agentIdsOnly(agent: AgentJson): AgentJson {
  const out: AgentJson = {};
  if (agent.objectType) out.objectType = agent.objectType;
  for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const) {
    if (agent[key] !== undefined) (out as Record<string, unknown>)[key] = agent[key];
  }
  if (agent.objectType === 'Group' && !agentKey(agent) && agent.member)
    out.member = agent.member.map(agentIdsOnly);
  return out;
}
