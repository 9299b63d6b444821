/**
 * What a route returns and who is calling: the response shape the server writes, and the caller
 * resolved from the credential.
 */
import type { AgentJson } from '../xapi/agents.ts';

/** A route's answer. `json` is serialised; `body` is sent as is. */
export interface LrsResponse {
  status: number;
  json?: unknown;
  body?: Buffer;
  headers?: Record<string, string>;
}

/** The authenticated caller. */
export interface Caller {
  key: string;
  name: string;
  scopes: string[];
  authority: AgentJson;
  /** Only statements stored under this caller's authority may be read. */
  readMineOnly: boolean;
  /** Activity definitions in this caller's statements update the canonical ones. */
  canDefine: boolean;
}
