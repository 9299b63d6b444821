/**
 * Reads a course's `answered` statements from the LRS (`verb=answered&activity={course}&
 * related_activities=true`, paged through `more`) into an evidence matrix. Standard xAPI only;
 * used by the admin page and the CLI.
 */
import { VERBS } from '../statements/build-statements.ts';
import type { StaffClient } from '../staff/staff-client.ts';
import {
  createEvidenceAggregator,
  type EvidenceCourse,
  type EvidenceMatrix,
} from './evidence-matrix.ts';

/** Builds the evidence matrix of one course; reports statements read after every page. */
export async function collectEvidence(
  client: StaffClient,
  course: EvidenceCourse,
  courseActivityId: string,
  onProgress?: (statementsRead: number) => void,
): Promise<EvidenceMatrix> {
  const aggregator = createEvidenceAggregator(course, courseActivityId);
  let read = 0;
  for await (const page of client.pages({
    verb: VERBS.answered,
    activity: courseActivityId,
    related_activities: 'true',
    limit: '500',
  })) {
    aggregator.add(page);
    read += page.length;
    onProgress?.(read);
  }
  return aggregator.matrix();
}
