import { describe, expect, it } from 'vitest';
import { coverageReport, MIN_QUESTIONS_PER_OBJECTIVE } from '../../src/content/coverage.ts';
import { loadCoursesFolder } from '../../src/content/read-courses-folder.ts';
import { buildSearchIndex } from '../../src/search/build-search-index.ts';
import { loadSearchIndex, runSearch } from '../../src/search/run-search.ts';

const { catalogue, problems } = await loadCoursesFolder('courses');

describe('the course library', () => {
  it('builds without content problems', () => {
    expect(problems).toEqual([]);
    expect(catalogue.courses.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        '3.19',
        '3.20',
        '3.21',
        '3.22',
        '3.23',
        '3.24',
        '3.25',
        '3.26',
        '3.27',
      ]),
    );
  });

  const index = loadSearchIndex(
    buildSearchIndex(
      catalogue.courses.flatMap((course) =>
        course.lessons.map((lesson) => ({
          url: lesson.url,
          title: lesson.data.title,
          course: `${course.framework.number} ${course.framework.title}`,
          summary: lesson.data.summary,
          objectives: [],
          body: lesson.body,
        })),
      ),
    ),
  );

  for (const course of catalogue.courses) {
    describe(`${course.id} ${course.framework.title}`, () => {
      it('covers every competence with lessons and questions, and every objective with enough questions', () => {
        expect(coverageReport(course)).toEqual([]);
        for (const competence of course.framework.competences) {
          const objectives = [...course.objectives.values()].filter(
            (o) => o.competence === competence.id,
          );
          expect(
            course.lessons.some((l) =>
              l.data.objectives.some((id) => objectives.some((o) => o.id === id)),
            ),
          ).toBe(true);
          expect(course.questions.some((q) => objectives.some((o) => o.id === q.objective))).toBe(
            true,
          );
        }
        for (const objective of course.objectives.values()) {
          const count = course.questions.filter((q) => q.objective === objective.id).length;
          expect(count, objective.id).toBeGreaterThanOrEqual(MIN_QUESTIONS_PER_OBJECTIVE);
        }
      });

      it('uses every core question type (toolkits also branching scenarios) and can fill its final assessment', () => {
        const types = new Set(course.questions.map((q) => q.type));
        expect([...types]).toEqual(
          expect.arrayContaining(['matching', 'multiple', 'ordering', 'single', 'true-false']),
        );
        if (course.framework.kind === 'toolkit') expect([...types]).toContain('scenario');
        expect(course.framework.assessment.questionCount).toBeLessThanOrEqual(
          course.questions.length,
        );
      });

      it('can be found by search, lesson by lesson', () => {
        for (const lesson of course.lessons) {
          const hits = runSearch(index, lesson.data.title, 10).map((hit) => hit.url);
          expect(hits, lesson.data.title).toContain(lesson.url);
        }
      });

      it('says how it relates to the IMO course or toolkit it follows', () => {
        const relation = course.framework.relationToModelCourse;
        if (course.framework.kind === 'toolkit')
          expect(relation.toLowerCase()).toContain('toolkit');
        else expect(relation).toContain(course.framework.number);
      });
    });
  }
});

describe('coverageReport', () => {
  it('names an objective with too few questions', async () => {
    const fixture = await loadCoursesFolder('tests/fixtures/valid-courses');
    const course = fixture.catalogue.courses[0]!;
    const thin = { ...course, questions: course.questions.slice(0, 1) };
    expect(coverageReport(thin)).toContain(
      `objective 9.99-LO-1.1 has 1 question(s); it needs ${MIN_QUESTIONS_PER_OBJECTIVE}`,
    );
  });
});
