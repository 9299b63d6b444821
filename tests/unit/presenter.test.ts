import { describe, expect, it } from 'vitest';
import { loadCoursesFolder } from '../../src/content/read-courses-folder.ts';
import {
  actionForKey,
  buildDeck,
  clampSlide,
  emphasisRuns,
  slideAfter,
  slideFromHash,
  slideHash,
  splitLessonHtml,
} from '../../src/presenter/slides.ts';
import {
  clockStorageKey,
  describeModuleUsage,
  emptyClock,
  formatClock,
  parseClock,
  pauseClock,
  plannedHoursFor,
  presentModule,
  resumeClock,
  usedForModule,
  usedInSession,
} from '../../src/presenter/presenter-clock.ts';
import {
  presenterChannelName,
  readPresenterMessage,
} from '../../src/presenter/presenter-messages.ts';
import { presenterNotesUrl, presenterUrl } from '../../src/presenter/presenter-urls.ts';

const MINUTE = 60_000;

/** A lesson body as Astro renders it from MDX, with the site's MDX components. */
const LESSON_HTML = `<p>A ship is many things at once.</p>
<h2 id="security-is-not-safety">Security is not <em>safety</em></h2>
<p>Safety protects against accidents.</p>
<!-- a comment -->
<h2 id="why-targets">Why ships are targets</h2>
<ul><li>Money</li><li>Transport</li></ul>
<aside class="scenario" aria-label="Scenario: The maintenance man"><h3>Scenario: The maintenance man</h3><p>A man in overalls.</p></aside>
<aside class="instructor-notes" aria-label="Instructor notes"><p class="label">Instructor notes</p><p>Open with a question.</p></aside>
<section class="key-points" aria-labelledby="key-points-heading"><h2 id="key-points-heading">Key points</h2><ul><li>Report it.</li></ul></section>`;

describe('splitting a lesson into slides', () => {
  const sections = splitLessonHtml(LESSON_HTML);

  it('starts a slide at every top-level h2 and at a box that opens with one', () => {
    expect(sections.map((s) => s.title)).toEqual([
      null,
      'Security is not safety',
      'Why ships are targets',
      'Key points',
    ]);
  });

  it('keeps the text before the first h2 as a lead section', () => {
    expect(sections[0]?.html).toBe('<p>A ship is many things at once.</p>');
  });

  it('keeps headings, their ids and the MDX components in their section', () => {
    expect(sections[1]?.html).toContain(
      '<h2 id="security-is-not-safety">Security is not <em>safety</em></h2>',
    );
    expect(sections[1]?.html).not.toContain('a comment');
    // The scenario's h3 does not open a slide of its own.
    expect(sections[2]?.html).toContain('<aside class="scenario"');
    expect(sections[2]?.html).toContain('<h3>Scenario: The maintenance man</h3>');
    expect(sections[3]?.html).toMatch(/^<section class="key-points"/);
  });

  it('takes instructor notes out of the slide and keeps them beside it', () => {
    expect(sections[2]?.html).not.toContain('Open with a question');
    expect(sections[2]?.notes).toEqual(['<p>Open with a question.</p>']);
    expect(sections[1]?.notes).toEqual([]);
  });

  it('finds instructor notes nested inside other blocks', () => {
    const [only] = splitLessonHtml(
      '<h2>One</h2><div><p>Text</p><aside class="instructor-notes"><p class="label">Tip</p><p>Nested</p></aside></div>',
    );
    expect(only?.notes).toEqual(['<p>Nested</p>']);
    expect(only?.html).toBe('<h2>One</h2>\n<div><p>Text</p></div>');
  });

  it('has no lead section when the body opens with an h2, and one section without any h2', () => {
    expect(splitLessonHtml('<h2>Only</h2><p>x</p>').map((s) => s.title)).toEqual(['Only']);
    const plain = splitLessonHtml('\n<p>Just text.</p>\n');
    expect(plain).toEqual([{ title: null, html: '<p>Just text.</p>', notes: [] }]);
    expect(splitLessonHtml('  \n ')).toEqual([]);
  });

  it('does not split at an h2 nested in a block that opens with something else', () => {
    const sections = splitLessonHtml('<h2>A</h2><div><p>p</p><h2>Inner</h2></div>');
    expect(sections.map((s) => s.title)).toEqual(['A']);
  });

  it('makes page-relative links work from the presenter page', () => {
    const [section] = splitLessonHtml(
      '<h2>Links</h2><p><a href="../02-next/">next</a> <a href="#why">here</a> <a href="/courses/">all</a> <a href="https://imo.org/">IMO</a> <img src="plan.png" alt="Plan"></p>',
      '/courses/3.27/m1/01-why/',
    );
    expect(section?.html).toContain('href="/courses/3.27/m1/02-next/"');
    expect(section?.html).toContain('href="#why"');
    expect(section?.html).toContain('href="/courses/"');
    expect(section?.html).toContain('href="https://imo.org/"');
    expect(section?.html).toContain('src="/courses/3.27/m1/01-why/plan.png"');
  });

  it('builds the deck: title slide, lead, sections, closing slide', () => {
    const deck = buildDeck('Why ships need security', sections, 'Check your understanding');
    expect(deck.map((s) => [s.kind, s.title])).toEqual([
      ['title', 'Why ships need security'],
      ['lead', 'Introduction'],
      ['section', 'Security is not safety'],
      ['section', 'Why ships are targets'],
      ['section', 'Key points'],
      ['end', 'Check your understanding'],
    ]);
  });
});

describe('slide numbers in the URL hash', () => {
  it('writes #slide-N counting from 1 and reads it back', () => {
    expect(slideHash(2)).toBe('#slide-3');
    expect(slideFromHash('#slide-3', 7)).toBe(2);
    expect(slideFromHash(slideHash(6), 7)).toBe(6);
  });

  it('falls back to the first slide and clamps numbers past the end', () => {
    expect(slideFromHash('', 7)).toBe(0);
    expect(slideFromHash('#key-points', 7)).toBe(0);
    expect(slideFromHash('#slide-0', 7)).toBe(0);
    expect(slideFromHash('#slide-99', 7)).toBe(6);
    expect(clampSlide(-3, 5)).toBe(0);
    expect(clampSlide(Number.NaN, 5)).toBe(0);
    expect(clampSlide(2, 0)).toBe(0);
  });
});

describe('presenter keys', () => {
  it('maps the keys of a presentation clicker and a keyboard', () => {
    expect(actionForKey({ key: 'ArrowRight' })).toBe('next');
    expect(actionForKey({ key: 'PageDown' })).toBe('next');
    expect(actionForKey({ key: ' ' })).toBe('next');
    expect(actionForKey({ key: ' ', shiftKey: true })).toBe('previous');
    expect(actionForKey({ key: 'ArrowLeft' })).toBe('previous');
    expect(actionForKey({ key: 'PageUp' })).toBe('previous');
    expect(actionForKey({ key: 'Home' })).toBe('first');
    expect(actionForKey({ key: 'End' })).toBe('last');
    expect(actionForKey({ key: 'n' })).toBe('toggle-notes');
    expect(actionForKey({ key: 'N', shiftKey: true })).toBe('toggle-notes');
    expect(actionForKey({ key: 't' })).toBe('toggle-timetable');
    expect(actionForKey({ key: 'f' })).toBe('fullscreen');
    expect(actionForKey({ key: '?', shiftKey: true })).toBe('help');
    expect(actionForKey({ key: 'Escape' })).toBe('exit');
  });

  it('leaves browser shortcuts and other keys alone', () => {
    expect(actionForKey({ key: 'ArrowLeft', altKey: true })).toBeNull();
    expect(actionForKey({ key: 'f', ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: 'n', metaKey: true })).toBeNull();
    expect(actionForKey({ key: 'ArrowDown' })).toBeNull();
    expect(actionForKey({ key: 'x' })).toBeNull();
  });

  it('moves within the deck and stops at its ends', () => {
    expect(slideAfter('next', 2, 7)).toBe(3);
    expect(slideAfter('next', 6, 7)).toBe(6);
    expect(slideAfter('previous', 0, 7)).toBe(0);
    expect(slideAfter('first', 4, 7)).toBe(0);
    expect(slideAfter('last', 1, 7)).toBe(6);
    expect(slideAfter('toggle-notes', 1, 7)).toBeNull();
  });
});

describe('question text on the closing slide', () => {
  it('turns *emphasis* into emphasised runs and leaves the rest as text', () => {
    expect(emphasisRuns('Which is a matter of *security* rather than safety?')).toEqual([
      { text: 'Which is a matter of ', emphasis: false },
      { text: 'security', emphasis: true },
      { text: ' rather than safety?', emphasis: false },
    ]);
    expect(emphasisRuns('2 * 3 = 6 and <b>')).toEqual([
      { text: '2 * 3 = 6 and <b>', emphasis: false },
    ]);
  });
});

describe('the session clock', () => {
  const start = Date.UTC(2026, 10, 21, 9, 0);

  it('counts time for the module being presented', () => {
    const clock = presentModule(emptyClock(), 'm1', start);
    expect(usedForModule(clock, 'm1', start + 42 * MINUTE)).toBe(42 * MINUTE);
    expect(usedForModule(clock, 'm2', start + 42 * MINUTE)).toBe(0);
    // Moving to another lesson of the same module does not restart the count.
    expect(presentModule(clock, 'm1', start + 10 * MINUTE)).toBe(clock);
  });

  it('keeps what a module used when presenting moves on to the next module', () => {
    let clock = presentModule(emptyClock(), 'm1', start);
    clock = presentModule(clock, 'm2', start + 30 * MINUTE);
    const later = start + 50 * MINUTE;
    expect(usedForModule(clock, 'm1', later)).toBe(30 * MINUTE);
    expect(usedForModule(clock, 'm2', later)).toBe(20 * MINUTE);
    expect(usedInSession(clock, later)).toBe(50 * MINUTE);
  });

  it('stands still while paused, also across pages, until resumed', () => {
    let clock = presentModule(emptyClock(), 'm1', start);
    clock = pauseClock(clock, start + 10 * MINUTE);
    clock = presentModule(clock, 'm1', start + 20 * MINUTE);
    expect(usedForModule(clock, 'm1', start + 40 * MINUTE)).toBe(10 * MINUTE);
    clock = resumeClock(clock, 'm1', start + 40 * MINUTE);
    expect(clock.paused).toBe(false);
    expect(usedForModule(clock, 'm1', start + 45 * MINUTE)).toBe(15 * MINUTE);
  });

  it('survives the round trip through session storage and ignores what is not a clock', () => {
    let clock = presentModule(emptyClock(), 'm1', start);
    clock = presentModule(clock, 'm2', start + 5 * MINUTE);
    expect(parseClock(JSON.stringify(clock))).toEqual(clock);
    expect(parseClock(null)).toEqual(emptyClock());
    expect(parseClock('not json')).toEqual(emptyClock());
    expect(parseClock('{"version":2}')).toEqual(emptyClock());
    expect(
      parseClock('{"version":1,"used":{"m1":-5,"m2":"x","m3":60000},"running":{"moduleId":3}}'),
    ).toEqual({ version: 1, used: { m3: MINUTE }, running: null, paused: false });
    expect(clockStorageKey('3.27')).toBe('gangway:presenter-clock:3.27');
  });

  it('shows hours and minutes, and compares a module with its plan', () => {
    expect(formatClock(42 * MINUTE + 59_000)).toBe('0:42');
    expect(formatClock(125 * MINUTE)).toBe('2:05');
    expect(formatClock(-1)).toBe('0:00');
    expect(describeModuleUsage(42 * MINUTE, 2)).toEqual({
      text: '0:42 used of 2:00 planned for this module',
      over: false,
    });
    expect(describeModuleUsage(120 * MINUTE + 30_000, 2).over).toBe(false);
    expect(describeModuleUsage(130 * MINUTE, 2)).toEqual({
      text: '2:10 used of 2:00 planned for this module (0:10 over)',
      over: true,
    });
  });

  it('plans a module with the theory and practical hours of its outline rows', async () => {
    const { catalogue } = await loadCoursesFolder('courses');
    const course = catalogue.courses.find((c) => c.id === '3.27')!;
    const outline = course.framework.outline;
    for (const module of course.modules) {
      const rows = outline.filter((row) => row.module === module.id);
      expect(rows.length).toBeGreaterThan(0);
      expect(plannedHoursFor(outline, module.id)).toBeCloseTo(
        rows.reduce((sum, r) => sum + r.theoryHours + r.practicalHours, 0),
      );
    }
    expect(plannedHoursFor(outline, 'm3-recognising-threats')).toBe(1);
    expect(plannedHoursFor(outline, 'no-such-module')).toBe(0);
  });
});

describe('messages between the presenter and the notes window', () => {
  const state = {
    type: 'state',
    lessonKey: '3.27/m1/01',
    notesUrl: '/courses/3.27/m1/01/present/notes/',
    slide: 2,
    count: 7,
    clock: presentModule(emptyClock(), 'm1', 1000),
  };

  it('accepts the messages presenter mode sends', () => {
    expect(readPresenterMessage(state)).toEqual(state);
    expect(readPresenterMessage({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(readPresenterMessage({ type: 'go', action: 'next' })).toEqual({
      type: 'go',
      action: 'next',
    });
  });

  it('ignores anything else posted on the channel', () => {
    expect(readPresenterMessage(null)).toBeNull();
    expect(readPresenterMessage('state')).toBeNull();
    expect(readPresenterMessage({ type: 'go', action: 'exit' })).toBeNull();
    expect(readPresenterMessage({ ...state, slide: '2' })).toBeNull();
    // The notes window navigates to notesUrl, so it must be a page of this site.
    expect(readPresenterMessage({ ...state, notesUrl: 'https://evil.example/' })).toBeNull();
    expect(readPresenterMessage({ ...state, notesUrl: '//evil.example/courses/' })).toBeNull();
    expect(readPresenterMessage({ ...state, clock: 'broken' })).toEqual({
      ...state,
      clock: emptyClock(),
    });
  });

  it('names one channel per course and places the pages beside the lesson', () => {
    expect(presenterChannelName('3.27')).not.toBe(presenterChannelName('3.19'));
    expect(presenterUrl('/courses/3.27/m1/01/')).toBe('/courses/3.27/m1/01/present/');
    expect(presenterNotesUrl('/courses/3.27/m1/01/')).toBe('/courses/3.27/m1/01/present/notes/');
  });
});
