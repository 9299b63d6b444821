import type { Statement } from '@xapi/xapi';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/records/csv.ts';
import {
  COVERAGE_HEADERS,
  coverageCsv,
  createEvidenceAggregator,
  EVIDENCE_HEADERS,
  evidenceCsv,
  questionIdOf,
  type EvidenceCourse,
} from '../../src/records/evidence-matrix.ts';
import { VERBS } from '../../src/statements/build-statements.ts';

const base = 'https://academy.example/courses/3.19';
const course: EvidenceCourse = {
  id: '3.19',
  number: '3.19',
  title: 'Ship security officer',
  objectives: [
    {
      id: '3.19-LO-1.1',
      text: 'Explain the ISPS Code',
      competence: 'c1',
      references: ['ISPS A/1', 'STCW A-VI/5'],
    },
    {
      id: '3.19-LO-1.2',
      text: 'Name security levels',
      competence: 'c1',
      references: ['ISPS A/2.1.9'],
    },
    { id: '3.19-LO-2.1', text: '=Assess risk', competence: 'c2', references: ['ISPS A/8'] },
  ],
  questions: [
    { id: 'q-code', objective: '3.19-LO-1.1' },
    { id: 'q-code-2', objective: '3.19-LO-1.1' },
    { id: 'q-levels', objective: '3.19-LO-1.2' },
    { id: 'q-scenario', objective: '3.19-LO-2.1' },
  ],
};

let n = 0;
function answered(
  who: [string, string],
  object: string,
  success: boolean,
  verb: string = VERBS.answered,
): Statement {
  return {
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    actor: {
      objectType: 'Agent',
      name: who[0],
      account: { homePage: 'https://academy.example/', name: who[1] },
    },
    verb: { id: verb },
    object: { objectType: 'Activity', id: object },
    result: { success },
  } as Statement;
}

const ana: [string, string] = ['Ana Reyes', 'PH-1'];
const ben: [string, string] = ['محمد عبد الله', 'EG-2'];

describe('the evidence matrix', () => {
  it('finds the question id in lesson, assessment and scenario-step activity ids of the course', () => {
    expect(questionIdOf(`${base}/m1/01-intro/questions/q-code`, base)).toBe('q-code');
    expect(questionIdOf(`${base}/assessments/final/questions/q-levels`, base)).toBe('q-levels');
    expect(questionIdOf(`${base}/m2/02/questions/q-scenario/step-2`, base)).toBe('q-scenario');
    expect(
      questionIdOf('https://academy.example/courses/3.27/m1/questions/q-code', base),
    ).toBeUndefined();
    expect(questionIdOf(`${base}/m1/01-intro`, base)).toBeUndefined();
  });

  it('counts questions asked and answered correctly per learner and objective; one correct answer demonstrates it', () => {
    const aggregator = createEvidenceAggregator(course, base);
    const first = answered(ana, `${base}/m1/01/questions/q-code`, false);
    aggregator.add([
      first,
      answered(ana, `${base}/assessments/final/questions/q-code-2`, true),
      answered(ana, `${base}/assessments/final/questions/q-levels`, false),
      answered(ana, `${base}/m2/01/questions/q-scenario/s1`, true),
      answered(ana, `${base}/m2/01/questions/q-scenario/s2`, false),
      answered(ben, `${base}/m1/01/questions/q-levels`, true),
      // Not answers, or not this course's questions: ignored.
      answered(ben, `${base}/m1/01/questions/q-code`, true, VERBS.passed),
      answered(ben, `https://academy.example/courses/3.27/m1/01/questions/q-code`, true),
      answered(ben, `${base}/m1/01/questions/q-removed`, true),
    ]);
    aggregator.add([first]); // a repeated page counts once
    const matrix = aggregator.matrix();
    expect(matrix.unknownQuestions).toBe(1);
    expect(matrix.objectives.map((o) => [o.id, o.questions])).toEqual([
      ['3.19-LO-1.1', 2],
      ['3.19-LO-1.2', 1],
      ['3.19-LO-2.1', 1],
    ]);
    expect(matrix.learners.map((l) => l.learner)).toEqual([
      { name: 'Ana Reyes', id: 'PH-1' },
      { name: 'محمد عبد الله', id: 'EG-2' },
    ]);
    expect(matrix.learners[0]!.objectives).toEqual({
      '3.19-LO-1.1': { asked: 2, correct: 1, demonstrated: true },
      '3.19-LO-1.2': { asked: 1, correct: 0, demonstrated: false },
      '3.19-LO-2.1': { asked: 2, correct: 1, demonstrated: true },
    });
    expect(matrix.learners[1]!.objectives).toEqual({
      '3.19-LO-1.1': { asked: 0, correct: 0, demonstrated: false },
      '3.19-LO-1.2': { asked: 1, correct: 1, demonstrated: true },
      '3.19-LO-2.1': { asked: 0, correct: 0, demonstrated: false },
    });
  });

  it('writes the learner × objective and coverage CSVs with references, formula-safe', () => {
    const aggregator = createEvidenceAggregator(course, base);
    aggregator.add([answered(ana, `${base}/m1/01/questions/q-code`, true)]);
    const matrix = aggregator.matrix();
    const evidence = evidenceCsv(matrix);
    expect(evidence.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(evidence.slice(1))).toEqual([
      EVIDENCE_HEADERS,
      [
        'Ana Reyes',
        'PH-1',
        '3.19',
        '3.19-LO-1.1',
        'Explain the ISPS Code',
        'ISPS A/1; STCW A-VI/5',
        '2',
        '1',
        '1',
        'yes',
      ],
      [
        'Ana Reyes',
        'PH-1',
        '3.19',
        '3.19-LO-1.2',
        'Name security levels',
        'ISPS A/2.1.9',
        '1',
        '0',
        '0',
        'no',
      ],
      [
        'Ana Reyes',
        'PH-1',
        '3.19',
        '3.19-LO-2.1',
        "'=Assess risk",
        'ISPS A/8',
        '1',
        '0',
        '0',
        'no',
      ],
    ]);
    expect(parseCsv(coverageCsv(matrix).slice(1))).toEqual([
      COVERAGE_HEADERS,
      ['3.19', '3.19-LO-1.1', 'Explain the ISPS Code', 'c1', 'ISPS A/1; STCW A-VI/5', '2', '1'],
      ['3.19', '3.19-LO-1.2', 'Name security levels', 'c1', 'ISPS A/2.1.9', '1', '0'],
      ['3.19', '3.19-LO-2.1', "'=Assess risk", 'c2', 'ISPS A/8', '1', '0'],
    ]);
  });
});
