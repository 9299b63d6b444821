import { describe, expect, it } from 'vitest';
import { matchesAudience } from '../../src/content/audience-filter.ts';
import { countDone, withBookmark, withLessonDone } from '../../src/progress/progress-store.ts';

describe('lesson progress', () => {
  const empty = { version: 1 as const, completed: {}, lastLesson: {} };

  it('marks and unmarks lessons, keeping the first completion time', () => {
    let data = withLessonDone(empty, '3.27/m1/01', true, 't1');
    data = withLessonDone(data, '3.27/m1/01', true, 't2');
    expect(data.completed).toEqual({ '3.27/m1/01': 't1' });
    expect(countDone(data, ['3.27/m1/01', '3.27/m1/02'])).toBe(1);
    expect(withLessonDone(data, '3.27/m1/01', false, 't3').completed).toEqual({});
  });

  it('bookmarks the last lesson per course', () => {
    expect(withBookmark(empty, '3.27', '3.27/m2/01').lastLesson).toEqual({ '3.27': '3.27/m2/01' });
  });
});

describe('catalogue audience filter', () => {
  it('shows courses for the chosen audience and courses for everyone', () => {
    expect(matchesAudience(['ship'], 'ship')).toBe(true);
    expect(matchesAudience(['port'], 'ship')).toBe(false);
    expect(matchesAudience(['everyone'], 'port')).toBe(true);
    expect(matchesAudience(['port'], 'all')).toBe(true);
  });
});
