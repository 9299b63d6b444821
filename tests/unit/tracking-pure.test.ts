import { describe, expect, it } from 'vitest';
import { validationWarnings } from '../support/xapi-validation.ts';
import type { LearningEvent } from '../../src/learning/learning-events.ts';
import { activityIds } from '../../src/statements/activity-ids.ts';
import {
  buildCmi5Statement,
  CMI5,
  cmi5Context,
  completesOnPass,
  type LaunchData,
} from '../../src/tracking/cmi5.ts';
import { statementsForEvent } from '../../src/tracking/event-statements.ts';
import { parseLaunch } from '../../src/tracking/launch.ts';
import { learnerActor, learnerProblems } from '../../src/tracking/learner-profile.ts';
import { DEFAULT_ACTIVITY_BASE, normaliseConfig } from '../../src/tracking/site-config.ts';
import { describeStatus } from '../../src/tracking/sync-status.ts';

describe('launch parameters', () => {
  const actor = JSON.stringify({
    objectType: 'Agent',
    account: { homePage: 'https://lms.example', name: 'L1' },
  });

  it('reads a launch link', () => {
    const launch = parseLaunch(
      `?endpoint=https://lrs.example/xapi&auth=Basic%20abc&actor=${encodeURIComponent(actor)}&registration=r-1&activity_id=https://a.example/c`,
    );
    expect(launch).toMatchObject({
      mode: 'link',
      endpoint: 'https://lrs.example/xapi/',
      auth: 'Basic abc',
      registration: 'r-1',
      activityId: 'https://a.example/c',
    });
  });

  it('reads a cmi5 launch and insists on its parameters', () => {
    const base = `?endpoint=https://lrs.example/xapi/&fetch=https://lms.example/f&actor=${encodeURIComponent(actor)}`;
    expect(parseLaunch(`${base}&registration=r&activityId=https://au.example/1`)).toMatchObject({
      mode: 'cmi5',
      fetchUrl: 'https://lms.example/f',
    });
    expect(() => parseLaunch(base)).toThrow('registration');
  });

  it('ignores pages opened without launch parameters and names bad JSON', () => {
    expect(parseLaunch('?q=security')).toBeUndefined();
    expect(() => parseLaunch('?endpoint=x&actor={bad')).toThrow('"actor" is not valid JSON');
  });
});

describe('learner profile and configuration', () => {
  it('asks for what is missing in words', () => {
    expect(learnerProblems({ name: ' ', traineeId: '' })).toEqual([
      'Enter your name.',
      expect.stringContaining('Enter your trainee id'),
    ]);
    expect(learnerProblems({ name: 'Ana', traineeId: '<script>' })).toEqual([
      expect.stringContaining('may use letters'),
    ]);
    expect(learnerProblems({ name: 'Ana', traineeId: 'PH 2026/42' })).toEqual([]);
  });

  it('identifies a learner by account, never by a bare name', () => {
    expect(learnerActor({ name: 'Ana', traineeId: 'S-1' }, 'https://academy.example')).toEqual({
      objectType: 'Agent',
      name: 'Ana',
      account: { homePage: 'https://academy.example', name: 'S-1' },
    });
  });

  it('fills in a partial config.json from defaults and the build environment', () => {
    expect(normaliseConfig(null)).toEqual({
      lrs: null,
      activityBase: DEFAULT_ACTIVITY_BASE,
      organisation: { name: 'Training centre', homePage: DEFAULT_ACTIVITY_BASE },
    });
    expect(
      normaliseConfig({ lrs: { endpoint: 'https://lrs.example/xapi', auth: 'Basic x' } }).lrs,
    ).toEqual({ endpoint: 'https://lrs.example/xapi/', auth: 'Basic x' });
    expect(
      normaliseConfig({}, { PUBLIC_GANGWAY_LRS_ENDPOINT: 'https://b.example/xapi/' }).lrs?.endpoint,
    ).toBe('https://b.example/xapi/');
  });

  it('words the upload status', () => {
    expect(describeStatus({ pending: 0, dead: 0 })).toEqual({
      text: 'All progress saved',
      tone: 'ok',
    });
    expect(describeStatus({ pending: 3, dead: 0, problem: 'offline' })).toEqual({
      text: '3 records waiting to upload (offline)',
      tone: 'waiting',
    });
    expect(
      describeStatus({ pending: 1, dead: 0, problem: 'the credential was refused', stopped: true })
        .text,
    ).toBe('Upload problem: the credential was refused');
  });
});

describe('learning events to statements', () => {
  const env = {
    ids: activityIds('https://academy.example/'),
    learner: {
      actor: {
        objectType: 'Agent' as const,
        account: { homePage: 'https://academy.example', name: 'S-1' },
      },
    },
    course: { id: '3.27', title: 'Security awareness', language: 'en' },
    newId: (() => {
      let n = 0;
      return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    })(),
  };
  const lesson = {
    courseId: '3.27',
    moduleId: 'm1',
    lessonId: '01',
    moduleTitle: 'M1',
    lessonTitle: 'L1',
  };

  it('makes no statement when a lesson opens, one when it is left or done', () => {
    expect(
      statementsForEvent({ type: 'lesson-opened', at: '2026-11-21T10:00:00Z', ...lesson }, env),
    ).toEqual([]);
    const [left] = statementsForEvent(
      { type: 'lesson-left', at: '2026-11-21T10:05:00Z', durationMs: 300_000, ...lesson },
      env,
    );
    expect(left?.result?.duration).toBe('PT5M');
    expect(
      statementsForEvent({ type: 'lesson-completed', at: '2026-11-21T10:05:00Z', ...lesson }, env),
    ).toHaveLength(1);
  });

  it('completes the course when the final assessment is passed, not when it is failed', () => {
    const finished = (passed: boolean): LearningEvent => ({
      type: 'assessment-finished',
      at: '2026-11-21T11:00:00Z',
      courseId: '3.27',
      quizId: '3.27/assessment',
      quizKind: 'final',
      quizTitle: 'Final',
      attempt: 1,
      scaled: passed ? 0.9 : 0.5,
      correct: passed ? 18 : 10,
      total: 20,
      masteryScore: 0.7,
      passed,
      durationMs: 1000,
    });
    expect(statementsForEvent(finished(true), env).map((s) => s.verb.id.split('/').pop())).toEqual([
      'passed',
      'completed',
    ]);
    expect(statementsForEvent(finished(false), env).map((s) => s.verb.id.split('/').pop())).toEqual(
      ['failed'],
    );
    for (const s of statementsForEvent(finished(true), env))
      expect(validationWarnings(s)).toEqual([]);
  });
});

describe('cmi5 statements', () => {
  const launch = {
    mode: 'cmi5' as const,
    endpoint: 'https://lrs.example/xapi/',
    fetchUrl: 'https://lms.example/f',
    actor: {
      objectType: 'Agent' as const,
      account: { homePage: 'https://lms.example', name: 'L1' },
    },
    registration: 'a0f4b0f1-7c6e-4a44-9f4e-1f2e3d4c5b6a',
    activityId: 'https://lms.example/au/1',
  };
  const launchData: LaunchData = {
    contextTemplate: { extensions: { [CMI5.sessionId]: 's-1' } },
    launchMode: 'Normal',
    moveOn: 'CompletedAndPassed',
    masteryScore: 0.8,
  };

  it('puts the template, registration and cmi5 category on defined statements only', () => {
    expect(
      cmi5Context(launch, launchData, true).contextActivities?.category?.map((a) => a.id),
    ).toEqual([CMI5.category]);
    expect(cmi5Context(launch, launchData, false).contextActivities?.category).toBeUndefined();
    expect(cmi5Context(launch, launchData, false).extensions?.[CMI5.sessionId]).toBe('s-1');
  });

  it('builds valid initialized, passed (with mastery score and moveOn) and terminated statements', () => {
    const make = (verb: 'initialized' | 'passed' | 'terminated') =>
      buildCmi5Statement({
        launch,
        launchData,
        verb,
        id: '11111111-2222-4333-8444-555555555555',
        timestamp: '2026-11-21T10:00:00Z',
        scaled: 0.85,
        durationMs: 61_000,
      });
    const passed = make('passed');
    expect(passed.result).toEqual({ success: true, score: { scaled: 0.85 }, duration: 'PT61S' });
    expect(passed.context?.extensions?.[CMI5.masteryScore]).toBe(0.8);
    expect(passed.context?.contextActivities?.category?.map((a) => a.id)).toEqual([
      CMI5.category,
      CMI5.moveOnCategory,
    ]);
    for (const verb of ['initialized', 'passed', 'terminated'] as const)
      expect(validationWarnings(make(verb))).toEqual([]);
    expect(completesOnPass('CompletedOrPassed')).toBe(true);
    expect(completesOnPass('Passed')).toBe(false);
  });
});
