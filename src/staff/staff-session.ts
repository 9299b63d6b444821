/**
 * Keeps a trainer's or administrator's credential for the browser session only (sessionStorage):
 * entered once per session, gone when the browser closes, never part of the build.
 */
import type { LrsTarget } from '../tracking/sender.ts';

/** A signed-in member of staff. */
export interface StaffSession {
  /** The LRS and the staff member's own credential. */
  lrs: LrsTarget;
  /** The person, as they will appear in statements (`context.instructor`, `host`). */
  person: { name: string; id: string };
}

const KEY = 'gangway:staff-session:v1';

/** The staff session of this browser tab's session, if signed in. */
export function loadStaffSession(storage: Storage = sessionStorage): StaffSession | undefined {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? 'null') as StaffSession | null;
    if (raw?.lrs?.endpoint && raw.lrs.auth && raw.person?.id) return raw;
  } catch {
    // A damaged entry is treated as signed out.
  }
  return undefined;
}

/** Remembers a checked staff session until the browser session ends. */
export function saveStaffSession(session: StaffSession, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

/** Signs out: forgets the credential. */
export function forgetStaffSession(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}
