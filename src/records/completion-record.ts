/**
 * One row of the administrator's completion records: one learner in one course, worked out from
 * standard xAPI statements. Shared by the export (CSV, XLSX, JSON), the certificates and the admin
 * page. See docs/administrators.md for how each field is decided.
 */

/** Where a learner stands in a course. */
export type CompletionStatus = 'in progress' | 'completed' | 'passed' | 'failed';

/** A person as the records name them. */
export interface PersonRef {
  /** The display name from the statements (untrusted text). */
  name: string;
  /** The stable id: an account name, or a mailbox/openid when no account is used. */
  id: string;
}

/** The record of one learner in one course. */
export interface CompletionRecord {
  learner: PersonRef;
  /** The learner's organisation: the account homePage, or the team name when in a class. */
  organisation: string;
  course: {
    /** The course activity id. */
    activityId: string;
    /** The course id in Gangway ("3.19"). */
    id: string;
    /** IMO number or toolkit short name ("3.19"). */
    number: string;
    title: string;
    edition: string;
  };
  status: CompletionStatus;
  /** ISO 8601 timestamp of the course completion (or of the final pass/fail), if any. */
  completedAt?: string;
  /** Latest final-assessment score, scaled 0–1. */
  finalScore?: number;
  /** The mastery score the final assessment was judged against, 0–1. */
  masteryScore?: number;
  /** Final-assessment attempts (passed + failed statements). */
  attempts: number;
  /** Time spent, in seconds, summed from `result.duration` of lesson visits and assessments. */
  timeSpentSeconds: number;
  /** The classroom session (activity id and title) the learner studied in, if any. */
  session?: { id: string; title: string; registration: string };
  /** The trainer from `context.instructor`, if any. */
  trainer?: PersonRef;
  /** Whether a trainer confirmed attendance (an `attended` statement under the hosting trainer's authority), or the learner only reported it. */
  attendance: 'trainer-confirmed' | 'self-reported' | 'none';
}
