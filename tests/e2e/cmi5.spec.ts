/**
 * A cmi5 launch: the test-only launcher plays the LMS in front of the real records server. The
 * course must fetch its token once, read LMS.LaunchData, send `initialized` first, report against
 * the LMS's mastery score, and send `terminated` last — checked statement by statement.
 */
import { course } from './support/catalogue.ts';
import { launchCmi5 } from './support/cmi5-launcher.ts';
import { expect, test } from './support/fixtures.ts';
import { answerLessonQuestions, takeFinalAssessment } from './support/tracking.ts';

test.use({ signedIn: false });

const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

type Stmt = {
  id: string;
  verb: { id: string };
  object: { id: string };
  result?: { success?: boolean; completion?: boolean; score?: { scaled: number } };
  context?: {
    registration?: string;
    extensions?: Record<string, unknown>;
    contextActivities?: { category?: { id: string }[] };
  };
};

test('a course launched by a cmi5 LMS follows the cmi5 rules statement by statement', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const c = await course('3.27');
  const launch = await launchCmi5(baseURL!, c.url, {
    masteryScore: 0.8,
    moveOn: 'CompletedAndPassed',
  });
  try {
    await page.goto(launch.url);
    await expect(page.getByRole('dialog', { name: 'Who is learning?' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Learner: cmi5 Learner' })).toBeVisible();
    await expect(page.locator('#cmi5-bar')).toBeVisible();

    const lesson = c.lessons.find((l) => l.data.questions.length > 0)!;
    await page.getByRole('link', { name: lesson.data.title }).first().click();
    await answerLessonQuestions(page, true);
    await page.getByRole('button', { name: 'Mark this lesson as done' }).click();

    await page.goto(c.assessmentUrl);
    await takeFinalAssessment(page, '3.27', true);
    await expect(page.locator('.quiz-result')).toContainText('Passed');
    await page.getByRole('button', { name: 'Finish and return to your training system' }).click();
    await expect(page).toHaveURL(launch.returnUrl);

    const response = await page.request.get(
      `/xapi/statements?registration=${launch.registration}&ascending=true&limit=500`,
      {
        headers: { Authorization: launch.lmsAuth, 'X-Experience-API-Version': '1.0.3' },
      },
    );
    const statements = ((await response.json()) as { statements: Stmt[] }).statements;
    const fromAu = statements.filter(
      (s) => s.verb.id !== 'http://adlnet.gov/expapi/verbs/launched',
    );
    const verbOf = (s: Stmt) => s.verb.id.split('/').pop();
    const isDefined = (s: Stmt) =>
      Boolean(s.context?.contextActivities?.category?.some((a) => a.id === CMI5_CATEGORY));

    expect(launch.fetchCalls(), 'the token is fetched once for the whole session').toBe(1);
    expect(verbOf(fromAu[0]!), 'initialized comes first').toBe('initialized');
    expect(verbOf(fromAu.at(-1)!), 'terminated comes last').toBe('terminated');
    expect(fromAu.filter((s) => verbOf(s) === 'initialized')).toHaveLength(1);
    expect(fromAu.filter((s) => verbOf(s) === 'terminated')).toHaveLength(1);
    for (const s of fromAu) {
      expect(s.context?.registration, `${verbOf(s)} carries the registration`).toBe(
        launch.registration,
      );
      expect(s.context?.extensions?.[SESSION], `${verbOf(s)} carries the session id`).toBe(
        launch.sessionId,
      );
    }
    const defined = fromAu.filter(isDefined);
    expect(defined.map(verbOf)).toEqual(['initialized', 'passed', 'completed', 'terminated']);
    for (const s of defined) expect(s.object.id).toBe(launch.activityId);
    const passed = defined.find((s) => verbOf(s) === 'passed')!;
    expect(passed.result?.success).toBe(true);
    expect(passed.result?.score?.scaled).toBeGreaterThanOrEqual(0.8);
    expect(passed.context?.extensions?.[MASTERY]).toBe(0.8);
    expect(passed.context?.contextActivities?.category?.map((a) => a.id)).toContain(
      MOVEON_CATEGORY,
    );
    expect(defined.find((s) => verbOf(s) === 'completed')?.result?.completion).toBe(true);
    // cmi5-allowed statements (answers, lessons) carry the session but not the cmi5 category.
    const allowed = fromAu.filter((s) => !isDefined(s));
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.map(verbOf)).toContain('answered');
  } finally {
    await launch.close();
  }
});
