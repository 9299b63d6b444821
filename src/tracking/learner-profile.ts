/**
 * Who is learning on this device in standalone mode: a name and a trainee id (and organisation),
 * kept on the device and editable, so a shared ship PC can switch learner. Learners are
 * identified in statements by an account (homePage = organisation URL, name = trainee id), never
 * by a bare name.
 */
import type { Agent } from '@xapi/xapi';

/** A learner as they introduced themselves. */
export interface LearnerProfile {
  name: string;
  traineeId: string;
  organisation?: string;
}

const KEY = 'gangway:learner:v1';

/** The learner on this device, if set. */
export function loadLearner(storage: Storage = localStorage): LearnerProfile | undefined {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as LearnerProfile | null;
    return value && value.name && value.traineeId ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Saves (or switches) the learner on this device. */
export function saveLearner(profile: LearnerProfile, storage: Storage = localStorage): void {
  storage.setItem(
    KEY,
    JSON.stringify({
      name: profile.name.trim(),
      traineeId: profile.traineeId.trim(),
      organisation: profile.organisation?.trim() || undefined,
    }),
  );
}

/** Checks a profile before saving; returns the problems in words. */
export function learnerProblems(profile: Partial<LearnerProfile>): string[] {
  const problems: string[] = [];
  if (!profile.name?.trim()) problems.push('Enter your name.');
  if (!profile.traineeId?.trim())
    problems.push('Enter your trainee id (your training record number or discharge book number).');
  else if (!/^[\p{L}\p{N}][\p{L}\p{N} ._/-]{0,63}$/u.test(profile.traineeId.trim())) {
    problems.push(
      'The trainee id may use letters, digits, spaces and . _ / - (up to 64 characters).',
    );
  }
  return problems;
}

/** The xAPI actor of a standalone learner. */
export function learnerActor(profile: LearnerProfile, homePage: string): Agent {
  return {
    objectType: 'Agent',
    name: profile.name,
    account: { homePage, name: profile.traineeId },
  };
}
