/**
 * Assembles parsed course files into the catalogue the pages render, and checks everything that
 * spans files: objective and question ids, module and lesson order, outline hours, answer keys
 * and links between lessons. Pure: the caller reads the files (Astro collections or the CLI).
 */
import type { ContentProblem } from './content-problems.ts';
import {
  assessmentUrl,
  contentIdsFromPath,
  courseUrl,
  lessonUrl,
  moduleCheckUrl,
  RESERVED_LESSON_IDS,
  RESERVED_MODULE_IDS,
} from './content-paths.ts';
import type {
  CourseFramework,
  LessonData,
  ModuleData,
  Objective,
  Question,
  QuestionBank,
} from './schemas.ts';

/** A parsed content file. */
export interface SourceFile<T> {
  /** Path shown in messages (relative to the project, e.g. `courses/3.27/course.yaml`). */
  file: string;
  /** Path relative to the courses folder, from which the ids come. */
  relativePath: string;
  /** The validated frontmatter or YAML data. */
  data: T;
  /** The MDX body, for lessons and modules. */
  body?: string;
}

/** Every parsed file of the courses folder. */
export interface CatalogueSource {
  courses: SourceFile<CourseFramework>[];
  modules: SourceFile<ModuleData>[];
  lessons: SourceFile<LessonData>[];
  banks: SourceFile<QuestionBank>[];
  /** Paths (relative to the courses folder) of files that failed their schema and were left out. */
  invalidFiles?: string[];
}

/** A question together with where it lives. */
export type QuestionEntry = Question & { courseId: string; moduleId: string };

/** A lesson in its place in the course. */
export interface LessonEntry {
  /** Lesson id (file name). */
  id: string;
  courseId: string;
  moduleId: string;
  /** Collection id, `<course>/<module>/<lesson>`, for rendering the MDX. */
  entryId: string;
  file: string;
  data: LessonData;
  body: string;
  url: string;
  /** 0-based position in the whole course. */
  position: number;
}

/** A module with its lessons and questions, in order. */
export interface ModuleEntry {
  id: string;
  courseId: string;
  /** Collection id, `<course>/<module>/module`. */
  entryId: string;
  file: string;
  data: ModuleData;
  lessons: LessonEntry[];
  questions: QuestionEntry[];
  /** URL of the module check, when the module has one. */
  checkUrl?: string;
}

/** A course with everything in it. */
export interface CourseEntry {
  id: string;
  file: string;
  framework: CourseFramework;
  url: string;
  assessmentUrl: string;
  modules: ModuleEntry[];
  /** Every lesson of the course in study order. */
  lessons: LessonEntry[];
  /** Every question of the course's bank. */
  questions: QuestionEntry[];
  /** Objectives by id. */
  objectives: Map<string, Objective>;
}

/** The assembled catalogue. */
export interface Catalogue {
  /** Courses ordered by number. */
  courses: CourseEntry[];
}

/** Assembles the catalogue and lists every cross-file problem found. */
export function buildCatalogue(source: CatalogueSource): {
  catalogue: Catalogue;
  problems: ContentProblem[];
} {
  const problems: ContentProblem[] = [];
  const report = (file: string, field: string, message: string) =>
    problems.push({ file, field, message });
  const invalid = new Set(source.invalidFiles ?? []);
  // A file that failed its schema has been reported already; do not also blame what it contains.
  const reportOrphan = (file: string, relativePath: string, parent: string, message: string) => {
    if (invalid.has(parent)) invalid.add(relativePath);
    else report(file, '', message);
  };

  const courses = new Map<string, CourseEntry>();
  for (const { file, relativePath, data } of source.courses) {
    const { courseId } = contentIdsFromPath(relativePath);
    courses.set(courseId, {
      id: courseId,
      file,
      framework: data,
      url: courseUrl(courseId),
      assessmentUrl: assessmentUrl(courseId),
      modules: [],
      lessons: [],
      questions: [],
      objectives: new Map(),
    });
    checkFramework(file, data, report);
  }

  const modulesByKey = new Map<string, ModuleEntry>();
  for (const { file, relativePath, data } of source.modules) {
    const { courseId, moduleId = '' } = contentIdsFromPath(relativePath);
    const course = courses.get(courseId);
    if (!course) {
      reportOrphan(
        file,
        relativePath,
        `${courseId}/course.yaml`,
        `there is no courses/${courseId}/course.yaml for this module to belong to`,
      );
      continue;
    }
    if (RESERVED_MODULE_IDS.includes(moduleId)) {
      report(
        file,
        '',
        `"${moduleId}" is reserved for a page of the site; rename the module folder`,
      );
    }
    const clash = course.modules.find((m) => m.data.order === data.order);
    if (clash) report(file, 'order', `order ${data.order} is also used by ${clash.file}`);
    const entry: ModuleEntry = {
      id: moduleId,
      courseId,
      entryId: `${courseId}/${moduleId}/module`,
      file,
      data,
      lessons: [],
      questions: [],
    };
    course.modules.push(entry);
    modulesByKey.set(`${courseId}/${moduleId}`, entry);
    data.objectives.forEach((objective, index) => {
      const field = `objectives[${index}] "${objective.id}"`;
      const expectedPrefix = `${course.framework.number}-LO-${data.order}.`;
      if (!objective.id.startsWith(expectedPrefix)) {
        report(
          file,
          field,
          `ids in module ${data.order} of course ${course.framework.number} start with "${expectedPrefix}"`,
        );
      }
      const earlier = course.objectives.get(objective.id);
      if (earlier) report(file, field, `duplicate objective id (already declared in this course)`);
      if (!course.framework.competences.some((c) => c.id === objective.competence)) {
        report(
          file,
          `${field}.competence`,
          `unknown competence "${objective.competence}"; course.yaml declares ${list(course.framework.competences.map((c) => c.id))}`,
        );
      }
      course.objectives.set(objective.id, objective);
    });
  }

  for (const { file, relativePath, data } of source.banks) {
    const { courseId, moduleId = '' } = contentIdsFromPath(relativePath);
    const module = modulesByKey.get(`${courseId}/${moduleId}`);
    if (!module) {
      reportOrphan(
        file,
        relativePath,
        `${courseId}/${moduleId}/module.mdx`,
        `there is no module.mdx beside this question bank (courses/${courseId}/${moduleId}/module.mdx)`,
      );
      continue;
    }
    const course = courses.get(courseId);
    if (!course) continue;
    data.questions.forEach((question, index) => {
      const field = `questions[${index}] "${question.id}"`;
      if (course.questions.some((q) => q.id === question.id)) {
        report(
          file,
          field,
          `duplicate question id in course ${course.framework.number}; ids must be unique in a course`,
        );
      }
      if (!course.objectives.has(question.objective)) {
        report(
          file,
          `${field}.objective`,
          `unknown objective "${question.objective}"; the course declares ${list([...course.objectives.keys()])}`,
        );
      }
      for (const message of answerKeyProblems(question)) report(file, field, message);
      const entry: QuestionEntry = { ...question, courseId, moduleId };
      module.questions.push(entry);
      course.questions.push(entry);
    });
  }

  for (const { file, relativePath, data, body = '' } of source.lessons) {
    const { courseId, moduleId = '', lessonId = '' } = contentIdsFromPath(relativePath);
    const module = modulesByKey.get(`${courseId}/${moduleId}`);
    const course = courses.get(courseId);
    if (!module || !course) {
      reportOrphan(
        file,
        relativePath,
        `${courseId}/${moduleId}/module.mdx`,
        `there is no module.mdx in courses/${courseId}/${moduleId}/ for this lesson to belong to`,
      );
      continue;
    }
    if (RESERVED_LESSON_IDS.includes(lessonId)) {
      report(file, '', `"${lessonId}" is reserved for a page of the site; rename the lesson file`);
    }
    const clash = module.lessons.find((l) => l.data.order === data.order);
    if (clash) report(file, 'order', `order ${data.order} is also used by ${clash.file}`);
    data.objectives.forEach((id, index) => {
      if (!course.objectives.has(id)) {
        report(
          file,
          `objectives[${index}]`,
          `unknown objective "${id}"; the course declares ${list([...course.objectives.keys()])}`,
        );
      }
    });
    const bankInvalid = invalid.has(`${courseId}/${moduleId}/questions.yaml`);
    data.questions.forEach((id, index) => {
      if (!bankInvalid && !module.questions.some((q) => q.id === id)) {
        report(file, `questions[${index}]`, `no question "${id}" in ${moduleId}/questions.yaml`);
      }
    });
    module.lessons.push({
      id: lessonId,
      courseId,
      moduleId,
      entryId: `${courseId}/${moduleId}/${lessonId}`,
      file,
      data,
      body,
      url: lessonUrl(courseId, moduleId, lessonId),
      position: 0,
    });
  }

  for (const course of courses.values()) {
    course.modules.sort((a, b) => a.data.order - b.data.order);
    for (const module of course.modules) {
      module.lessons.sort((a, b) => a.data.order - b.data.order);
      if (module.lessons.length === 0) report(module.file, '', 'the module has no lessons');
      if (module.data.checkQuestionCount > 0) {
        module.checkUrl = moduleCheckUrl(course.id, module.id);
        const bankInvalid = invalid.has(`${course.id}/${module.id}/questions.yaml`);
        if (!bankInvalid && module.data.checkQuestionCount > module.questions.length) {
          report(
            module.file,
            'checkQuestionCount',
            `asks for ${module.data.checkQuestionCount} questions but questions.yaml has ${module.questions.length}`,
          );
        }
      }
      for (const lesson of module.lessons) {
        lesson.position = course.lessons.length;
        course.lessons.push(lesson);
      }
    }
    checkOutlineModules(course, report);
    const { questionCount } = course.framework.assessment;
    const anyBankInvalid = [...invalid].some(
      (path) => path.startsWith(`${course.id}/`) && path.endsWith('/questions.yaml'),
    );
    if (!anyBankInvalid && questionCount > course.questions.length) {
      report(
        course.file,
        'assessment.questionCount',
        `asks for ${questionCount} questions but the course's banks hold ${course.questions.length}`,
      );
    }
  }

  const knownUrls = new Set<string>();
  // Lessons that failed their schema are reported already; links to them are not broken links.
  for (const path of invalid) {
    const { courseId, moduleId, lessonId } = contentIdsFromPath(path);
    if (moduleId && lessonId) knownUrls.add(lessonUrl(courseId, moduleId, lessonId));
  }
  for (const course of courses.values()) {
    knownUrls.add(course.url).add(course.assessmentUrl);
    for (const module of course.modules) if (module.checkUrl) knownUrls.add(module.checkUrl);
    for (const lesson of course.lessons) knownUrls.add(lesson.url);
  }
  for (const course of courses.values()) {
    for (const lesson of course.lessons) {
      if (/^\s*[-*+] \[[ xX]\] /m.test(lesson.body)) {
        report(
          lesson.file,
          'body',
          'Markdown task lists ("- [ ]") render as checkboxes without labels, which screen readers cannot name; write "- ☐ " instead',
        );
      }
      for (const target of internalLinks(lesson.body)) {
        const resolved = new URL(target, `http://site${lesson.url}`);
        if (!resolved.pathname.startsWith('/courses/')) continue;
        if (knownUrls.has(resolved.pathname)) continue;
        const hint = knownUrls.has(`${resolved.pathname}/`) ? ' (add the trailing "/")' : '';
        report(
          lesson.file,
          'body',
          `links to "${target}", which is not a page of the catalogue${hint}`,
        );
      }
    }
  }

  const ordered = [...courses.values()].sort((a, b) =>
    a.framework.number.localeCompare(b.framework.number, 'en', { numeric: true }),
  );
  return { catalogue: { courses: ordered }, problems };
}

function checkFramework(
  file: string,
  framework: CourseFramework,
  report: (file: string, field: string, message: string) => void,
): void {
  const total = framework.outline.reduce(
    (sum, row) => sum + row.theoryHours + row.practicalHours,
    0,
  );
  if (Math.abs(total - framework.durationHours) > 0.01) {
    report(
      file,
      'outline',
      `the outline adds up to ${round(total)} hours but durationHours is ${framework.durationHours}`,
    );
  }
  duplicates(framework.competences.map((c) => c.id)).forEach((id) =>
    report(file, 'competences', `duplicate competence id "${id}"`),
  );
  duplicates(framework.references.map((r) => r.code)).forEach((code) =>
    report(file, 'references', `duplicate reference code "${code}"`),
  );
}

function checkOutlineModules(
  course: CourseEntry,
  report: (file: string, field: string, message: string) => void,
): void {
  course.framework.outline.forEach((row, index) => {
    if (row.module && !course.modules.some((m) => m.id === row.module)) {
      report(
        course.file,
        `outline[${index}].module`,
        `no module folder "${row.module}" in courses/${course.id}/`,
      );
    }
  });
  for (const module of course.modules) {
    if (!course.framework.outline.some((row) => row.module === module.id)) {
      report(course.file, 'outline', `module "${module.id}" has no row in the outline`);
    }
  }
}

/** What is wrong with a question's answer key, if anything. */
export function answerKeyProblems(question: Question): string[] {
  const problems: string[] = [];
  switch (question.type) {
    case 'single': {
      const correct = question.choices.filter((c) => c.correct).length;
      if (correct !== 1) {
        problems.push(
          correct === 0
            ? 'no choice is marked correct: true (single choice needs exactly one)'
            : `${correct} choices are marked correct: true (single choice needs exactly one; use type: multiple)`,
        );
      }
      duplicates(question.choices.map((c) => c.id)).forEach((id) =>
        problems.push(`duplicate choice id "${id}"`),
      );
      break;
    }
    case 'multiple':
      if (!question.choices.some((c) => c.correct)) {
        problems.push('no choice is marked correct: true (multiple response needs at least one)');
      }
      duplicates(question.choices.map((c) => c.id)).forEach((id) =>
        problems.push(`duplicate choice id "${id}"`),
      );
      break;
    case 'ordering':
      duplicates(question.items.map((i) => i.id)).forEach((id) =>
        problems.push(`duplicate item id "${id}"`),
      );
      break;
    case 'matching':
      duplicates(question.pairs.map((p) => p.id)).forEach((id) =>
        problems.push(`duplicate pair id "${id}"`),
      );
      duplicates(question.pairs.map((p) => p.target)).forEach((target) =>
        problems.push(`two pairs share the target "${target}", so the match is ambiguous`),
      );
      break;
    case 'true-false':
      break;
    case 'scenario':
      problems.push(...scenarioProblems(question));
      break;
  }
  return problems;
}

/** The longest path a branching scenario may take. */
export const MAX_SCENARIO_STEPS = 3;

function scenarioProblems(question: Extract<Question, { type: 'scenario' }>): string[] {
  const problems: string[] = [];
  const steps = new Map(question.steps.map((step) => [step.id, step]));
  duplicates(question.steps.map((s) => s.id)).forEach((id) =>
    problems.push(`duplicate step id "${id}"`),
  );
  if (!steps.has(question.start)) problems.push(`start names no step ("${question.start}")`);
  for (const step of question.steps) {
    duplicates(step.options.map((o) => o.id)).forEach((id) =>
      problems.push(`step "${step.id}": duplicate option id "${id}"`),
    );
    if (!step.options.some((o) => o.good))
      problems.push(`step "${step.id}": no option is marked good: true`);
    for (const option of step.options) {
      if (option.next && !steps.has(option.next))
        problems.push(
          `step "${step.id}", option "${option.id}": next names no step ("${option.next}")`,
        );
    }
  }
  if (problems.length > 0) return problems;
  // Walk every path from the start: no loops, no path longer than the limit, every step reached.
  const reached = new Set<string>();
  const walk = (id: string, path: string[]): void => {
    if (path.includes(id)) {
      problems.push(`the steps loop: ${[...path, id].join(' → ')}`);
      return;
    }
    if (path.length + 1 > MAX_SCENARIO_STEPS) {
      problems.push(
        `a path is longer than ${MAX_SCENARIO_STEPS} steps: ${[...path, id].join(' → ')}`,
      );
      return;
    }
    reached.add(id);
    for (const option of steps.get(id)?.options ?? [])
      if (option.next) walk(option.next, [...path, id]);
  };
  walk(question.start, []);
  for (const step of question.steps)
    if (!reached.has(step.id)) problems.push(`step "${step.id}" cannot be reached from the start`);
  return [...new Set(problems)];
}

/** Relative and site-absolute link targets in an MDX body (Markdown links and href attributes). */
export function internalLinks(body: string): string[] {
  const targets: string[] = [];
  const patterns = [/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, /href=["']([^"']+)["']/g];
  for (const pattern of patterns) {
    for (const match of body.matchAll(pattern)) {
      const target = match[1] ?? '';
      if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target)) continue;
      targets.push(target);
    }
  }
  return targets;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const value of values) (seen.has(value) ? dupes : seen).add(value);
  return [...dupes];
}

function list(values: string[]): string {
  return values.length ? values.map((v) => `"${v}"`).join(', ') : 'none';
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
