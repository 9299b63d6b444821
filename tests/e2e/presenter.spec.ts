/**
 * Presenter mode, as a trainer uses it in class: open it from the lesson page, move through the
 * slides by keyboard, keep the slide across reloads, read the instructor notes in the side panel
 * and in a second window that follows the slides, watch the timetable clock, and leave with Esc.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { course } from './support/catalogue.ts';
import { expect, test } from './support/fixtures.ts';
import { formatClock, hoursToMs, plannedHoursFor } from '../../src/presenter/presenter-clock.ts';

/** The first lesson of 3.27, its module and what its slides should be, from the course files. */
async function firstLesson() {
  const c = await course('3.27');
  const module = c.modules[0]!;
  const lesson = module.lessons[0]!;
  const next = module.lessons[1]!;
  const headings = [...lesson.body.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
  const keyPoints = lesson.body.includes('<KeyPoints');
  // Title slide, the text before the first section, one per section, key points, closing slide.
  const slideCount = 1 + 1 + headings.length + (keyPoints ? 1 : 0) + 1;
  const lead = lesson.body.trim().split('\n')[0]!;
  return { c, module, lesson, next, headings, slideCount, lead };
}

const counter = (page: Page) => page.locator('.slide-counter');
const currentSlide = (page: Page) => page.locator('.slide:not([hidden])');

async function openPresenter(page: Page, lessonUrl: string): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('gangway:trainer-view', 'on'));
  await page.goto(lessonUrl);
  await page.getByRole('link', { name: 'Present this lesson' }).click();
  await expect(page).toHaveURL(/\/present\/$/);
  await expect(page.locator('.presenter[data-ready="true"]')).toBeAttached();
}

test('a lesson is presented one slide at a time by keyboard, and Esc returns to it', async ({
  page,
}) => {
  const { lesson, next, headings, slideCount, lead } = await firstLesson();
  await openPresenter(page, lesson.url);

  await expect(currentSlide(page).getByRole('heading', { level: 1 })).toHaveText(lesson.data.title);
  await expect(counter(page)).toHaveText(`1 / ${slideCount}`);
  await expect(page.getByRole('button', { name: '← Previous' })).toBeDisabled();

  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText(`2 / ${slideCount}`);
  await expect(currentSlide(page)).toContainText(lead.slice(0, 40));
  await expect(page.getByRole('heading', { name: lesson.data.title })).toBeHidden();

  await page.keyboard.press('PageDown');
  await expect(counter(page)).toHaveText(`3 / ${slideCount}`);
  await expect(currentSlide(page).getByRole('heading', { level: 2 })).toHaveText(headings[0]!);
  await expect(page).toHaveURL(/#slide-3$/);
  await expect(page.locator('[data-slide-status]')).toHaveText(
    `Slide 3 of ${slideCount}: ${headings[0]}`,
  );

  await page.keyboard.press('Space');
  await expect(currentSlide(page).getByRole('heading', { level: 2 })).toHaveText(headings[1]!);
  await page.keyboard.press('PageUp');
  await expect(currentSlide(page).getByRole('heading', { level: 2 })).toHaveText(headings[0]!);

  // The hash keeps the slide across a reload, and back/forward walk the slides.
  await page.reload();
  await expect(counter(page)).toHaveText(`3 / ${slideCount}`);
  await expect(currentSlide(page).getByRole('heading', { level: 2 })).toHaveText(headings[0]!);
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText(`4 / ${slideCount}`);
  await page.goBack();
  await expect(counter(page)).toHaveText(`3 / ${slideCount}`);
  await page.goForward();
  await expect(counter(page)).toHaveText(`4 / ${slideCount}`);

  await page.keyboard.press('End');
  await expect(counter(page)).toHaveText(`${slideCount} / ${slideCount}`);
  await expect(currentSlide(page).getByRole('heading', { level: 2 })).toHaveText(
    'Check your understanding',
  );
  await expect(
    currentSlide(page).getByRole('link', { name: `Present the next lesson: ${next.data.title}` }),
  ).toHaveAttribute('href', `${next.url}present/`);
  await expect(page.getByRole('button', { name: 'Next →' })).toBeDisabled();
  await page.keyboard.press('Home');
  await expect(counter(page)).toHaveText(`1 / ${slideCount}`);

  // The toolbar does the same as the keys.
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(counter(page)).toHaveText(`2 / ${slideCount}`);
  // At the last slide Next is marked disabled but keeps the keyboard focus.
  const nextButton = page.getByRole('button', { name: 'Next →' });
  await nextButton.focus();
  await page.keyboard.press('End');
  await expect(nextButton).toBeDisabled();
  await expect(nextButton).toBeFocused();
  await page.keyboard.press('Home');
  await page.getByRole('button', { name: 'Next →' }).click();

  // F and the Full screen button use the Fullscreen API where the browser offers it.
  const fullScreen = page.getByRole('button', { name: 'Full screen' });
  if (await page.evaluate(() => document.fullscreenEnabled)) {
    await page.keyboard.press('f');
    await expect(fullScreen).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => document.fullscreenElement?.tagName)).toBe('HTML');
    await fullScreen.click();
    await expect(fullScreen).toHaveAttribute('aria-pressed', 'false');
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
  } else {
    await expect(fullScreen).toBeHidden();
  }

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Presenter keys' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Leave presenter mode');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page).toHaveURL(/\/present\/#slide-2$/);

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`${lesson.url}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.data.title);
});

test('the notes panel shows the module notes and the notes of the current slide', async ({
  page,
}) => {
  const { lesson, module, headings, slideCount } = await firstLesson();
  // A sentence of the module's instructor notes (courses/3.27/m1-…/module.mdx).
  const phrase = 'Keep the history short.';
  expect(module.file.endsWith('module.mdx')).toBe(true);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.clock.install({ time: new Date('2026-11-21T09:00:00Z') });
  await openPresenter(page, lesson.url);

  const notes = page.getByRole('complementary', { name: 'Instructor notes' });
  await expect(notes).toBeHidden();
  await page.keyboard.press('n');
  await expect(notes).toBeVisible();
  await expect(page.getByRole('button', { name: 'Notes', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(notes).toContainText(phrase);
  await expect(notes.locator('[data-no-slide-notes]')).toBeVisible();

  // The lesson's own <InstructorNotes> sit in the section "Why your eyes matter".
  const withNotes = headings.indexOf('Why your eyes matter');
  expect(withNotes).toBeGreaterThan(-1);
  await page.goto(`${lesson.url}present/#slide-${withNotes + 3}`);
  await page.reload();
  await expect(counter(page)).toHaveText(`${withNotes + 3} / ${slideCount}`);
  // The panel stays open when the page loads again (and on the next lesson's page).
  await expect(notes).toBeVisible();
  await expect(notes.locator('.slide-notes:not([hidden])')).toContainText('Open with the question');
  await expect(notes.locator('[data-no-slide-notes]')).toBeHidden();
  // …and not on the projected slide.
  await expect(currentSlide(page)).not.toContainText('Open with the question');

  await page.keyboard.press('t');
  const timetable = page.getByRole('complementary', { name: 'Timetable' });
  await expect(timetable).toBeVisible();
  await page.clock.fastForward('18:00');
  await expect(timetable.locator('[data-module-usage]')).toContainText('0:18 used');
  // Doc screenshots go to docs/images only when asked for, so test runs leave the tree clean.
  const imageDir = process.env.UPDATE_DOC_SCREENSHOTS ? 'docs/images' : 'test-results/doc-images';
  mkdirSync(imageDir, { recursive: true });
  await page.screenshot({ path: `${imageDir}/trainer-presenter.png` });

  await page.getByRole('button', { name: 'Notes', exact: true }).click();
  await expect(notes).toBeHidden();
  await expect(page.getByRole('button', { name: 'Notes', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
});

test('the timetable shows the outline, the module highlighted and the time used', async ({
  page,
}) => {
  const { c, lesson, module, next } = await firstLesson();
  const planned = formatClock(hoursToMs(plannedHoursFor(c.framework.outline, module.id)));
  await page.clock.install({ time: new Date('2026-11-21T09:00:00Z') });
  await openPresenter(page, lesson.url);

  await page.keyboard.press('t');
  const timetable = page.getByRole('complementary', { name: 'Timetable' });
  await expect(timetable).toBeVisible();
  const rows = timetable.locator('tbody tr');
  await expect(rows).toHaveCount(c.framework.outline.length);
  const current = timetable.locator('tr[aria-current="true"]');
  await expect(current).toHaveCount(1);
  const row = c.framework.outline.find((r) => r.module === module.id)!;
  await expect(current.getByRole('rowheader')).toContainText(row.subject);
  await expect(current).toContainText('this module');
  await expect(current.locator('td').first()).toHaveText(planned);
  const usage = timetable.locator('[data-module-usage]');
  await expect(usage).toHaveText(`0:00 used of ${planned} planned for this module`);

  await page.clock.fastForward('12:00');
  await expect(usage).toHaveText(`0:12 used of ${planned} planned for this module`);

  // The clock carries on in the next lesson's presenter page (same module, same tab).
  await page.keyboard.press('End');
  await page.getByRole('link', { name: `Present the next lesson: ${next.data.title}` }).click();
  await expect(page).toHaveURL(new RegExp(`${next.url}present/$`));
  await expect(timetable).toBeVisible();
  await expect(usage).toHaveText(`0:12 used of ${planned} planned for this module`);
  await page.clock.fastForward('30:00');
  await expect(usage).toContainText(`0:42 used of ${planned} planned for this module`);
  await expect(usage).toHaveClass(/over/);

  await page.getByRole('button', { name: 'Pause clock' }).click();
  await expect(timetable.getByRole('button', { name: 'Resume clock' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.clock.fastForward('20:00');
  await expect(usage).toContainText('0:42 used');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Reset clock' }).click();
  await expect(usage).toHaveText(`0:00 used of ${planned} planned for this module`);
  await expect(timetable.locator('tfoot [data-session-total]')).toHaveText('0:00');
});

test('the notes window on a second screen follows the slides and the lesson', async ({
  page,
  context,
}) => {
  const { lesson, next, headings } = await firstLesson();
  await openPresenter(page, lesson.url);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');

  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Open notes on a second screen' }).click();
  const notes = await opened;
  await expect(notes).toHaveURL(new RegExp(`${lesson.url}present/notes/#slide-3$`));
  await expect(notes.getByRole('status')).toHaveText('Following the presenter window');
  await expect(notes.locator('[data-current-title]')).toHaveText(headings[0]!);
  await expect(notes.locator('[data-next-title]')).toHaveText(headings[1]!);
  await expect(notes.getByRole('main')).toContainText('Keep the history short.');

  await page.bringToFront();
  await page.keyboard.press('ArrowRight');
  await expect(notes.locator('[data-current-title]')).toHaveText(headings[1]!);
  await expect(notes.locator('[data-next-title]')).toHaveText(headings[2]!);

  // The notes window can move the slides too.
  await notes.getByRole('button', { name: 'Previous slide' }).click();
  await expect(counter(page)).toContainText('3 /');
  await expect(notes.locator('[data-current-title]')).toHaveText(headings[0]!);

  // When the presenter moves on to the next lesson, the notes window goes with it.
  await page.keyboard.press('End');
  await page.getByRole('link', { name: `Present the next lesson: ${next.data.title}` }).click();
  await expect(notes).toHaveURL(new RegExp(`${next.url}present/notes/#slide-1$`));
  await expect(notes.locator('[data-current-title]')).toHaveText(next.data.title);
});

test('the course page links each lesson to presenter mode in trainer view', async ({ page }) => {
  const { c, lesson } = await firstLesson();
  await page.goto(c.url);
  const link = page.getByRole('link', { name: `Present ${lesson.data.title}` });
  await expect(link).toBeHidden();
  await page.getByRole('button', { name: 'Trainer view: off' }).click();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${lesson.url}present/$`));
  await expect(page.locator('.slide:not([hidden]) h1')).toHaveText(lesson.data.title);
});
