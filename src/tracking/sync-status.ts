/**
 * The upload status every tab shows, and its wording. Pure.
 */

/** What the sender is doing, as tabs tell each other. */
export interface SyncStatus {
  pending: number;
  dead: number;
  /** Why sending is held back (no LRS, offline, server answering errors, credential refused). */
  problem?: string;
  /** Sending has stopped until the configuration changes (e.g. a refused credential). */
  stopped?: boolean;
}

/** The indicator's wording and tone. */
export function describeStatus(status: SyncStatus): {
  text: string;
  tone: 'ok' | 'waiting' | 'problem';
} {
  if (status.stopped || status.dead > 0) {
    const reason =
      status.problem ??
      `${status.dead} record${status.dead === 1 ? ' was' : 's were'} refused by the records server`;
    return { text: `Upload problem: ${reason}`, tone: 'problem' };
  }
  if (status.pending > 0) {
    const count = `${status.pending} record${status.pending === 1 ? '' : 's'} waiting to upload`;
    return { text: status.problem ? `${count} (${status.problem})` : count, tone: 'waiting' };
  }
  return { text: 'All progress saved', tone: 'ok' };
}
