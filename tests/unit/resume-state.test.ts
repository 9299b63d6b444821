import { describe, expect, it } from 'vitest';
import { emptyResume, mergeResume, sameResume } from '../../src/progress/resume-state.ts';

describe('resume documents from two devices', () => {
  const ship = {
    ...emptyResume('3.27'),
    bookmark: { lessonKey: '3.27/m2/01', at: '2026-11-20T10:00:00Z' },
    completed: { '3.27/m1/01': '2026-11-20T09:00:00Z', '3.27/m1/02': '2026-11-20T09:30:00Z' },
    quizzes: {
      '3.27/assessment': { version: 1 as const, attempts: [], updatedAt: '2026-11-20T11:00:00Z' },
    },
  };
  const phone = {
    ...emptyResume('3.27'),
    bookmark: { lessonKey: '3.27/m1/02', at: '2026-11-19T08:00:00Z' },
    completed: { '3.27/m1/01': '2026-11-19T08:00:00Z' },
    quizzes: {
      '3.27/assessment': { version: 1 as const, attempts: [], updatedAt: '2026-11-21T07:00:00Z' },
    },
  };

  it('keeps every lesson done, with its earliest time', () => {
    expect(mergeResume(ship, phone).completed).toEqual({
      '3.27/m1/01': '2026-11-19T08:00:00Z',
      '3.27/m1/02': '2026-11-20T09:30:00Z',
    });
  });

  it('takes the newest bookmark and the newest copy of each quiz', () => {
    const merged = mergeResume(ship, phone);
    expect(merged.bookmark?.lessonKey).toBe('3.27/m2/01');
    expect(merged.quizzes['3.27/assessment']?.updatedAt).toBe('2026-11-21T07:00:00Z');
  });

  it('gives the same result whichever device merges first', () => {
    expect(sameResume(mergeResume(ship, phone), mergeResume(phone, ship))).toBe(true);
    expect(sameResume(ship, phone)).toBe(false);
  });
});
