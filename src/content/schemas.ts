/**
 * The content model of a Gangway course, as zod schemas.
 *
 * A course lives in one folder of `courses/`:
 *
 * - `course.yaml` — the course framework ({@link CourseFrameworkSchema});
 * - `<module>/module.mdx` — a module: frontmatter ({@link ModuleSchema}), body = instructor notes;
 * - `<module>/<lesson>.mdx` — a lesson: frontmatter ({@link LessonSchema}), body = the lesson;
 * - `<module>/questions.yaml` — the module's question bank ({@link QuestionBankSchema}).
 *
 * These schemas check each file on its own; `validate-catalogue.ts` checks what spans files
 * (objective ids, question ids, links, outline hours).
 */
import { z } from 'astro/zod';

/** Who a course is for; the catalogue filters on these. */
export const AudienceSchema = z.enum(['ship', 'company', 'port', 'administration', 'everyone']);
/** One audience of {@link AudienceSchema}. */
export type Audience = z.infer<typeof AudienceSchema>;

/** A stable id made of lower-case letters, digits and hyphens (safe in URLs and xAPI responses). */
export const SlugSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'use lower-case letters, digits and hyphens only (e.g. "level-2")',
  );

/** A learning-objective id such as `3.27-LO-2.1` (course number, "LO", module.objective). */
export const ObjectiveIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9.]+(-[A-Za-z0-9.]+)*-LO-\d+\.\d+$/,
    'objective ids look like "3.27-LO-2.1" (course, "LO", module number, objective number)',
  );

/** A citation such as "ISPS A/12.2", "SOLAS XI-2/6" or "STCW table A-VI/6-1". */
export const ReferenceCodeSchema = z
  .string()
  .trim()
  .min(2, 'a reference needs a code such as "ISPS A/12.2"');

/** An entry of the course's reference list, coded as in the IMO model courses. */
export const CourseReferenceSchema = z.strictObject({
  /** R = IMO/ILO instruments, T = textbooks, B = bibliography, A = teaching aids; then a number. */
  code: z
    .string()
    .regex(/^[RTBA]\d+$/, 'reference codes are R, T, B or A followed by a number (e.g. "R1")'),
  /** The title of the instrument, book or aid. */
  title: z.string().min(1),
  /** Edition, year or document symbol, where it helps to find the right version. */
  detail: z.string().optional(),
});

/** A competence the course develops, from the STCW table or guidance the course rests on. */
export const CompetenceSchema = z.strictObject({
  /** Short id used by objectives, e.g. "c1". */
  id: SlugSchema,
  /** The competence in the course's own words. */
  title: z.string().min(1),
  /** Where the competence comes from, e.g. "STCW table A-VI/6-1". */
  basis: ReferenceCodeSchema,
});

/** One row of the course outline (the timetable): a subject area and its hours. */
export const OutlineRowSchema = z.strictObject({
  /** The subject area. */
  subject: z.string().min(1),
  /** The module that teaches it, by folder name; omit for rows such as "Final assessment". */
  module: SlugSchema.optional(),
  /** Hours of theory (lecture, discussion). */
  theoryHours: z.number().min(0),
  /** Hours of practical work (exercises, drills, tabletop). */
  practicalHours: z.number().min(0).default(0),
});

/** How the final assessment is drawn and retaken. */
export const AssessmentPolicySchema = z.strictObject({
  /** How many questions one attempt draws from the course's question bank. */
  questionCount: z.number().int().min(1),
  /** Attempts allowed before a trainer must reset; omit for unlimited. */
  maxAttempts: z.number().int().min(1).optional(),
  /** When the learner sees right/wrong and explanations: after each question, or after submitting. */
  feedback: z.enum(['immediate', 'on-submit']).default('on-submit'),
});

/** The course framework (`course.yaml`): part A and B of an IMO model course. */
export const CourseFrameworkSchema = z.strictObject({
  /** The IMO model course number ("3.27"), or the toolkit's short name. */
  number: z.string().min(1),
  /** The course title. */
  title: z.string().min(1),
  /** Whether this follows an IMO model course or an IMO toolkit. */
  kind: z.enum(['model-course', 'toolkit']).default('model-course'),
  /** Edition of the IMO course or toolkit this course follows, e.g. "2012". */
  edition: z.string().min(1),
  /** One or two sentences for the catalogue card. */
  summary: z.string().min(1),
  /** Who the course is for, used by the catalogue filter. */
  audience: z.array(AudienceSchema).min(1),
  /** The trainees in plain words (e.g. "Everyone on board without designated security duties"). */
  trainees: z.string().min(1),
  /** What a trainee must have before starting. */
  entryStandards: z.string().min(1),
  /** Instruments the course rests on, as citations ("STCW VI/6", "ISPS B/13.4"). */
  regulatoryBasis: z.array(ReferenceCodeSchema).min(1),
  /** Total course length in hours; must equal the sum of the outline. */
  durationHours: z.number().positive(),
  /** Score needed to pass the final assessment, as a fraction 0–1 (0.7 = 70 %). */
  masteryScore: z.number().min(0).max(1),
  /** What the certificate or document of completion states. */
  certificate: z.string().min(1),
  /** Largest class the course is designed for. */
  intakeLimit: z.string().optional(),
  /** Who may teach the course and with what background. */
  staffRequirements: z.string().min(1),
  /** Rooms, equipment and teaching aids needed. */
  facilities: z.string().min(1),
  /** An honest statement of how this course relates to the IMO model course or toolkit. */
  relationToModelCourse: z.string().min(1),
  /** The course's reference list (R/T/B/A codes). */
  references: z.array(CourseReferenceSchema).default([]),
  /** The competences the course develops; every one must be taught and assessed. */
  competences: z.array(CompetenceSchema).min(1),
  /** The course outline: subject areas with hours. */
  outline: z.array(OutlineRowSchema).min(1),
  /** The final assessment policy. */
  assessment: AssessmentPolicySchema,
  /** Language of the course material (BCP 47), reported in xAPI `context.language`. */
  language: z.string().default('en'),
});
/** A parsed `course.yaml`. */
export type CourseFramework = z.infer<typeof CourseFrameworkSchema>;

/** A learning objective, declared by the module that teaches it. */
export const ObjectiveSchema = z.strictObject({
  /** Stable id such as "3.27-LO-2.1"; questions and lessons refer to it. */
  id: ObjectiveIdSchema,
  /** What the trainee will be able to do, starting with a verb. */
  text: z.string().min(1),
  /** The competence of the course this objective serves (an id from `course.yaml`). */
  competence: SlugSchema,
  /** The regulations or guidance the objective rests on. */
  references: z.array(ReferenceCodeSchema).min(1),
});
/** One learning objective. */
export type Objective = z.infer<typeof ObjectiveSchema>;

/** Frontmatter of `module.mdx`; its body holds the module's instructor notes. */
export const ModuleSchema = z.strictObject({
  /** Position of the module in the course (1, 2, …). */
  order: z.number().int().min(1),
  /** The module title. */
  title: z.string().min(1),
  /** One or two sentences on what the module covers. */
  summary: z.string().min(1),
  /** The learning objectives the module teaches. */
  objectives: z.array(ObjectiveSchema).min(1),
  /** The module check: how many questions it draws from the module's bank (0 = no check). */
  checkQuestionCount: z.number().int().min(0).default(5),
});
/** Parsed module frontmatter. */
export type ModuleData = z.infer<typeof ModuleSchema>;

/** Frontmatter of a lesson (`<module>/<lesson>.mdx`). */
export const LessonSchema = z.strictObject({
  /** Position of the lesson in its module (1, 2, …). */
  order: z.number().int().min(1),
  /** The lesson title. */
  title: z.string().min(1),
  /** One or two sentences; shown in lists and as the search snippet. */
  summary: z.string().min(1),
  /** Ids of the objectives the lesson teaches (declared in the module). */
  objectives: z.array(ObjectiveIdSchema).min(1),
  /** Estimated study time in minutes. */
  minutes: z.number().int().min(1),
  /** Question ids from the module's bank asked at the end of the lesson ("check your understanding"). */
  questions: z.array(SlugSchema).default([]),
});
/** Parsed lesson frontmatter. */
export type LessonData = z.infer<typeof LessonSchema>;

/** What every question has, whatever its type. */
const QuestionBaseSchema = z.strictObject({
  /** Stable id, unique within the course; reported in xAPI, so never reuse one for another question. */
  id: SlugSchema,
  /** The objective this question assesses. */
  objective: ObjectiveIdSchema,
  /** The regulation or guidance the right answer rests on, e.g. "ISPS A/12.2". */
  reference: ReferenceCodeSchema,
  /** The question as the learner sees it (plain text; a short scenario is fine). */
  prompt: z.string().min(1),
  /** Why the right answer is right; shown with the feedback. */
  explanation: z.string().min(1),
});

/** One choice of a single- or multiple-choice question. */
export const ChoiceSchema = z.strictObject({
  /** Stable id within the question, e.g. "a" or "report-to-sso". */
  id: SlugSchema,
  /** The choice as the learner sees it. */
  text: z.string().min(1),
  /** Whether this choice is (one of) the right answer(s). */
  correct: z.boolean().default(false),
  /** Feedback shown when the learner picks this choice. */
  feedback: z.string().min(1),
});

/** A question with exactly one right choice. */
export const SingleChoiceQuestionSchema = QuestionBaseSchema.extend({
  /** Single choice: one right answer. */
  type: z.literal('single'),
  /** Two or more choices, exactly one marked `correct: true`. */
  choices: z.array(ChoiceSchema).min(2),
});

/** A question where the learner ticks every right choice. */
export const MultipleResponseQuestionSchema = QuestionBaseSchema.extend({
  /** Multiple response: one or more right answers, all must be ticked. */
  type: z.literal('multiple'),
  /** Two or more choices, at least one marked `correct: true`. */
  choices: z.array(ChoiceSchema).min(2),
});

/** A statement the learner marks true or false. */
export const TrueFalseQuestionSchema = QuestionBaseSchema.extend({
  /** True/false. */
  type: z.literal('true-false'),
  /** Whether the statement in the prompt is true. */
  answer: z.boolean(),
  /** Feedback when the learner answers "true". */
  feedbackTrue: z.string().min(1),
  /** Feedback when the learner answers "false". */
  feedbackFalse: z.string().min(1),
});

/** Items the learner puts in order. */
export const OrderingQuestionSchema = QuestionBaseSchema.extend({
  /** Ordering (reported as an xAPI `sequencing` interaction). */
  type: z.literal('ordering'),
  /** The items in their right order; the learner sees them shuffled. */
  items: z.array(z.strictObject({ id: SlugSchema, text: z.string().min(1) })).min(2),
});

/** Pairs the learner matches: each source to one target. */
export const MatchingQuestionSchema = QuestionBaseSchema.extend({
  /** Matching: each source has exactly one target. */
  type: z.literal('matching'),
  /** The right pairs; the learner chooses a target for each source. */
  pairs: z
    .array(
      z.strictObject({
        /** Stable id of the pair. */
        id: SlugSchema,
        /** What the learner matches from (e.g. a duty). */
        source: z.string().min(1),
        /** Its right match (e.g. the officer who has that duty). */
        target: z.string().min(1),
      }),
    )
    .min(2),
});

/** One choice at a step of a branching scenario. */
export const ScenarioOptionSchema = z.strictObject({
  /** Stable id within the step. */
  id: SlugSchema,
  /** What the learner would do. */
  text: z.string().min(1),
  /** Whether this is a good choice; the learner is right when every choice on their path is good. */
  good: z.boolean(),
  /** The consequence the learner sees after choosing. */
  feedback: z.string().min(1),
  /** The step that follows; absent when this choice ends the scenario. */
  next: SlugSchema.optional(),
});

/** One step of a branching scenario: a situation and what the learner could do. */
export const ScenarioStepSchema = z.strictObject({
  /** Stable id within the question. */
  id: SlugSchema,
  /** The situation at this step. */
  text: z.string().min(1),
  /** Two to four choices, at least one good. */
  options: z.array(ScenarioOptionSchema).min(2).max(4),
});

/** A branching scenario: choices with consequences over up to three steps. */
export const ScenarioQuestionSchema = QuestionBaseSchema.extend({
  /** Branching scenario (each step reported as an xAPI `choice` interaction). */
  type: z.literal('scenario'),
  /** The id of the first step. */
  start: SlugSchema,
  /** Every step of every path. */
  steps: z.array(ScenarioStepSchema).min(1),
});

/** Any question of the bank, told apart by `type`. */
export const QuestionSchema = z.discriminatedUnion('type', [
  SingleChoiceQuestionSchema,
  MultipleResponseQuestionSchema,
  TrueFalseQuestionSchema,
  OrderingQuestionSchema,
  MatchingQuestionSchema,
  ScenarioQuestionSchema,
]);
/** One question of any type. */
export type Question = z.infer<typeof QuestionSchema>;
/** The question types the quiz engine knows. */
export type QuestionType = Question['type'];

/** A module's question bank (`<module>/questions.yaml`). */
export const QuestionBankSchema = z.strictObject({
  /** The questions of the module; module checks and the final assessment draw from them. */
  questions: z.array(QuestionSchema).min(1),
});
/** A parsed question bank. */
export type QuestionBank = z.infer<typeof QuestionBankSchema>;
