/**
 * A large, realistic mix of statements (sessions, trainers, courses, learners) written straight
 * into a records server's store, not over HTTP: loading a million statements through the API
 * would take longer than what is being measured. Used by the records-server and export
 * benchmarks and by the export's scale test.
 */
import { randomUUID } from 'node:crypto';
import type { LrsStore } from '../../../src/lrs/store/lrs-store.ts';
import { prepareStatement } from '../../../src/lrs/xapi/prepare-statement.ts';
import { statement } from './xapi-client.ts';

/** The activity base of the corpus's course and session ids. */
export const CORPUS_BASE = 'https://gangway.example/';

/** The courses the corpus spreads statements over. */
export const CORPUS_COURSES = [
  '3.19',
  '3.20',
  '3.21',
  '3.22',
  '3.23',
  '3.24',
  '3.25',
  '3.26',
  '3.27',
];

function richObject(id: string, verb: string): Record<string, unknown> {
  const type = verb.endsWith('answered')
    ? 'http://adlnet.gov/expapi/activities/cmi.interaction'
    : verb.endsWith('attended')
      ? 'http://adlnet.gov/expapi/activities/meeting'
      : 'http://adlnet.gov/expapi/activities/lesson';
  return {
    objectType: 'Activity',
    id: verb.endsWith('answered') ? `${id}/questions/q-${id.length % 7}` : id,
    definition: {
      type,
      name: { en: 'Security levels and the Declaration of Security, in practice' },
      description: {
        en: 'What changes on board at each security level, who declares it and what the ship security officer must check before, during and after a port call.',
      },
      ...(verb.endsWith('answered')
        ? {
            interactionType: 'choice',
            correctResponsesPattern: ['a'],
            choices: ['a', 'b', 'c', 'd'].map((c) => ({
              id: c,
              description: { en: `Choice ${c}: a plausible answer about security levels` },
            })),
          }
        : {}),
    },
  };
}

function richResult(verb: string, n: number): Record<string, unknown> {
  if (verb.endsWith('experienced')) return { duration: `PT${n % 20}M${n % 60}S` };
  if (verb.endsWith('answered'))
    return { response: 'a', success: n % 3 > 0, score: { scaled: n % 3 > 0 ? 1 : 0 } };
  if (verb.endsWith('passed'))
    return {
      score: { scaled: 0.8, raw: 16, min: 0, max: 20 },
      success: true,
      completion: true,
      duration: 'PT12M',
    };
  return { completion: true };
}

/** How the corpus is spread. */
export interface CorpusShape {
  /** Distinct learners (default 20,000). */
  learners?: number;
  /** Classroom-session registrations (default 2,000). */
  registrations?: number;
  /**
   * Statements as full as the site's own (names, activity definitions, team, results; about
   * 1.5 KB of JSON each, like the outbox benchmark's), instead of the bare minimum.
   */
  rich?: boolean;
  /** Called after each chunk with statements loaded so far. */
  onProgress?: (loaded: number, total: number) => void;
}

/**
 * Fills a store with `total` statements: experienced, answered, completed, passed and attended
 * statements of 9 courses, each with a registration, an instructor and the course in `grouping`.
 * Returns a few ids for queries.
 */
export async function fillCorpus(
  store: LrsStore,
  total: number,
  shape: CorpusShape = {},
): Promise<{ registration: string; trainer: object; course: string; session: string }> {
  const learnerCount = shape.learners ?? 20_000;
  const trainers = Array.from({ length: 50 }, (_, i) => ({
    objectType: 'Agent',
    account: { homePage: 'https://academy.example', name: `trainer-${i}` },
  }));
  const courses = CORPUS_COURSES.map((c) => `${CORPUS_BASE}courses/${c}`);
  const registrations = Array.from({ length: shape.registrations ?? 2000 }, () => randomUUID());
  const authority = {
    objectType: 'Agent' as const,
    name: 'bench',
    account: { homePage: 'https://gangway.example/xapi/', name: 'bench' },
  };
  const verbs = [
    'experienced',
    'answered',
    'answered',
    'answered',
    'completed',
    'passed',
    'attended',
  ].map((v) => `http://adlnet.gov/expapi/verbs/${v}`);
  const chunk = 1000;
  for (let done = 0; done < total; done += chunk) {
    const prepared = Array.from({ length: Math.min(chunk, total - done) }, (_, i) => {
      const n = done + i;
      const course = courses[n % courses.length] as string;
      const verb = verbs[n % verbs.length] as string;
      const object = verb.endsWith('attended')
        ? { id: `${CORPUS_BASE}sessions/s-${n % 2000}` }
        : verb.endsWith('completed') || verb.endsWith('passed')
          ? { id: course }
          : { id: `${course}/m1/l${n % 12}` };
      const learner = n % learnerCount;
      const s = statement({
        verb: { id: verb, ...(shape.rich ? { display: { 'en-US': verb.split('/').pop() } } : {}) },
        object: shape.rich ? richObject(object.id, verb) : object,
        actor: {
          objectType: 'Agent',
          ...(shape.rich ? { name: `Learner ${learner} of the corpus` } : {}),
          account: { homePage: 'https://academy.example', name: `learner-${learner}` },
        },
        ...(shape.rich ? { result: richResult(verb, n) } : {}),
        context: {
          registration: registrations[n % registrations.length],
          instructor: trainers[n % trainers.length],
          contextActivities: {
            grouping: [
              shape.rich
                ? {
                    objectType: 'Activity',
                    id: course,
                    definition: {
                      type: 'http://adlnet.gov/expapi/activities/course',
                      name: { en: 'A maritime security course of the corpus' },
                    },
                  }
                : { id: course },
            ],
          },
          ...(shape.rich
            ? {
                platform: 'Gangway',
                language: 'en',
                team: {
                  objectType: 'Group',
                  name: `Class ${n % registrations.length}`,
                  account: { homePage: 'https://academy.example/classes', name: `C-${n % 200}` },
                },
              }
            : {}),
        },
      });
      return prepareStatement(s, {
        authority,
        now: new Date(Date.now() - (total - n) * 10),
        canDefine: false,
      }).prepared;
    });
    await store.insertStatements(prepared);
    shape.onProgress?.(Math.min(done + chunk, total), total);
  }
  return {
    registration: registrations[7] as string,
    trainer: trainers[3] as object,
    course: courses[8] as string,
    session: `${CORPUS_BASE}sessions/s-42`,
  };
}
