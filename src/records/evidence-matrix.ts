/**
 * The evidence matrix of a course for an auditor: which learning objectives each learner
 * demonstrated, from the questions they answered, and for the course as a whole which objectives
 * the question bank covers and with how many questions — each objective with its STCW / ISPS
 * references. Pure; fed page by page from the course's `answered` statements, so memory grows
 * with learners × objectives, not with statements.
 *
 * Rules (also in docs/administrators.md):
 * - an `answered` statement counts when its object is a question of this course
 *   (`…/questions/{question id}`, or `…/questions/{question id}/{step}` for a step of a
 *   branching scenario); the question's objective comes from the course's question bank;
 * - every such statement is one question asked; it is answered correctly when `result.success`
 *   is true (each step of a scenario counts on its own);
 * - an objective is **demonstrated** by a learner when at least one question of that objective
 *   was answered correctly;
 * - voided statements are not returned by the LRS, so they never count.
 */
import type { Statement } from '@xapi/xapi';
import type { CourseEntry } from '../content/build-catalogue.ts';
import { VERBS } from '../statements/build-statements.ts';
import type { PersonRef } from './completion-record.ts';
import { csvLine, BOM } from './csv.ts';
import { agentKey, personOf, type AgentLike } from './statement-facts.ts';

/** What the matrix needs to know of a course (serialisable, so a page can carry it). */
export interface EvidenceCourse {
  id: string;
  number: string;
  title: string;
  objectives: { id: string; text: string; competence: string; references: string[] }[];
  /** Every bank question with the objective it assesses. */
  questions: { id: string; objective: string }[];
}

/** One objective of the course, with how many bank questions assess it. */
export interface ObjectiveCoverage {
  id: string;
  text: string;
  competence: string;
  references: string[];
  questions: number;
}

/** A learner's answers for one objective. */
export interface ObjectiveEvidence {
  asked: number;
  correct: number;
  /** At least one question of the objective answered correctly. */
  demonstrated: boolean;
}

/** One learner's row of the matrix. */
export interface LearnerEvidence {
  learner: PersonRef;
  /** By objective id, for every objective of the course. */
  objectives: Record<string, ObjectiveEvidence>;
}

/** The whole matrix of a course. */
export interface EvidenceMatrix {
  course: { id: string; number: string; title: string };
  objectives: ObjectiveCoverage[];
  /** Learners in name order. */
  learners: LearnerEvidence[];
  /** Answers to questions the current bank no longer has (counted nowhere). */
  unknownQuestions: number;
}

/** The matrix's view of a catalogue course. */
export function evidenceCourse(course: CourseEntry): EvidenceCourse {
  return {
    id: course.id,
    number: course.framework.number,
    title: course.framework.title,
    objectives: [...course.objectives.values()].map((o) => ({
      id: o.id,
      text: o.text,
      competence: o.competence,
      references: [...o.references],
    })),
    questions: course.questions.map((q) => ({ id: q.id, objective: q.objective })),
  };
}

/** The question id of an answered statement's object id, if it is a question of the course. */
export function questionIdOf(objectId: string, courseActivityId: string): string | undefined {
  if (!objectId.startsWith(`${courseActivityId}/`)) return undefined;
  const marker = objectId.lastIndexOf('/questions/');
  if (marker < 0) return undefined;
  return objectId.slice(marker + '/questions/'.length).split('/')[0] || undefined;
}

/** Accumulates a course's `answered` statements into an {@link EvidenceMatrix}. */
export interface EvidenceAggregator {
  add(statements: Iterable<Statement>): void;
  matrix(): EvidenceMatrix;
}

/** Starts a matrix for a course whose activity id is `courseActivityId`. */
export function createEvidenceAggregator(
  course: EvidenceCourse,
  courseActivityId: string,
): EvidenceAggregator {
  const objectiveOf = new Map(course.questions.map((q) => [q.id, q.objective]));
  const learners = new Map<string, LearnerEvidence>();
  const seen = new Set<string>();
  let unknownQuestions = 0;
  const empty = () =>
    Object.fromEntries(
      course.objectives.map((o) => [o.id, { asked: 0, correct: 0, demonstrated: false }]),
    );
  return {
    add(statements) {
      for (const statement of statements) {
        if (statement.verb?.id !== VERBS.answered) continue;
        // Pages may overlap when a query is repeated; a statement counts once.
        if (statement.id) {
          if (seen.has(statement.id)) continue;
          seen.add(statement.id);
        }
        const objectId = (statement.object as { id?: string }).id ?? '';
        const questionId = questionIdOf(objectId, courseActivityId);
        if (!questionId) continue;
        const objective = objectiveOf.get(questionId);
        if (!objective) {
          unknownQuestions++;
          continue;
        }
        const actor = statement.actor as AgentLike;
        const key = agentKey(actor);
        if (!key) continue;
        let row = learners.get(key);
        if (!row) learners.set(key, (row = { learner: personOf(actor), objectives: empty() }));
        else if (actor.name && row.learner.name !== actor.name) row.learner = personOf(actor);
        const cell = row.objectives[objective];
        if (!cell) continue;
        cell.asked++;
        if (statement.result?.success === true) {
          cell.correct++;
          cell.demonstrated = true;
        }
      }
    },
    matrix() {
      return {
        course: { id: course.id, number: course.number, title: course.title },
        objectives: course.objectives.map((o) => ({
          ...o,
          questions: course.questions.filter((q) => q.objective === o.id).length,
        })),
        learners: [...learners.values()].sort(
          (a, b) =>
            a.learner.name.localeCompare(b.learner.name) ||
            a.learner.id.localeCompare(b.learner.id),
        ),
        unknownQuestions,
      };
    },
  };
}

/** The column headers of the learner × objective CSV. */
export const EVIDENCE_HEADERS = [
  'Learner name',
  'Learner id',
  'Course number',
  'Objective',
  'Objective text',
  'References',
  'Questions in bank',
  'Questions answered',
  'Answered correctly',
  'Demonstrated',
];

/** The learner × objective CSV (UTF-8 with BOM, CRLF, formula-safe), one row per pair. */
export function evidenceCsv(matrix: EvidenceMatrix): string {
  let csv = BOM + csvLine(EVIDENCE_HEADERS);
  const text = EVIDENCE_HEADERS.map((_, i) => i < 6 || i === 9);
  for (const { learner, objectives } of matrix.learners)
    for (const objective of matrix.objectives) {
      const cell = objectives[objective.id] ?? { asked: 0, correct: 0, demonstrated: false };
      csv += csvLine(
        [
          learner.name,
          learner.id,
          matrix.course.number,
          objective.id,
          objective.text,
          objective.references.join('; '),
          String(objective.questions),
          String(cell.asked),
          String(cell.correct),
          cell.demonstrated ? 'yes' : 'no',
        ],
        text,
      );
    }
  return csv;
}

/** The column headers of the course coverage CSV. */
export const COVERAGE_HEADERS = [
  'Course number',
  'Objective',
  'Objective text',
  'Competence',
  'References',
  'Questions in bank',
  'Learners who demonstrated it',
];

/** The course coverage CSV: each objective, its references and how many questions cover it. */
export function coverageCsv(matrix: EvidenceMatrix): string {
  let csv = BOM + csvLine(COVERAGE_HEADERS);
  const text = COVERAGE_HEADERS.map((_, i) => i < 5);
  for (const objective of matrix.objectives) {
    const demonstrated = matrix.learners.filter(
      (l) => l.objectives[objective.id]?.demonstrated,
    ).length;
    csv += csvLine(
      [
        matrix.course.number,
        objective.id,
        objective.text,
        objective.competence,
        objective.references.join('; '),
        String(objective.questions),
        String(demonstrated),
      ],
      text,
    );
  }
  return csv;
}
