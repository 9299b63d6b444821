/**
 * Problems found in course content, and how they are told to the author: always the file, the
 * field and what is wrong, in words a course writer understands.
 */
import type { z } from 'astro/zod';

/** One thing wrong with one file of a course. */
export interface ContentProblem {
  /** The file, relative to the project (e.g. `courses/3.27/m1-awareness/questions.yaml`). */
  file: string;
  /** The field, as a readable path (e.g. `questions[3] "levels".choices`); empty for the whole file. */
  field: string;
  /** What is wrong and, where it helps, how to put it right. */
  message: string;
}

/** Thrown when course content is broken; its message lists every problem, grouped by file. */
export class CourseContentError extends Error {
  /** The problems, in the order they were found. */
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(formatContentProblems(problems));
    this.name = 'CourseContentError';
    this.problems = problems;
  }
}

/** Renders problems as a block of text, grouped by file, for build output and the CLI. */
export function formatContentProblems(problems: ContentProblem[]): string {
  const byFile = new Map<string, ContentProblem[]>();
  for (const problem of problems) {
    const list = byFile.get(problem.file) ?? [];
    list.push(problem);
    byFile.set(problem.file, list);
  }
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  const lines = [`Course content has ${count}:`];
  for (const [file, list] of byFile) {
    lines.push('', `  ${file}`);
    for (const { field, message } of list)
      lines.push(`    - ${field ? `${field}: ` : ''}${message}`);
  }
  return lines.join('\n');
}

/** Writes a zod path as `questions[3] "levels".choices[0].text`, naming list items by their id. */
export function formatFieldPath(path: readonly PropertyKey[], data: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = isRecord(node) && typeof node.id === 'string' ? node.id : undefined;
      if (id) out += ` "${id}"`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = isRecord(node) ? node[String(key)] : undefined;
    }
  }
  return out;
}

/** Turns a zod error into problems with friendly messages for one file. */
export function schemaProblems(file: string, error: z.ZodError, data: unknown): ContentProblem[] {
  if (!isRecord(data) || Object.keys(data).length === 0) {
    return [
      {
        file,
        field: '',
        message:
          'the file has no frontmatter or data; it must start with a YAML block between "---" lines',
      },
    ];
  }
  return error.issues.map((issue) => ({
    file,
    field: formatFieldPath(issue.path, data),
    message: friendlyIssueMessage(issue),
  }));
}

function friendlyIssueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return 'is required but missing';
      return `should be ${article(issue.expected)} (${issue.message.replace(/^Invalid input: /, '')})`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        return `"${issue.discriminator}" must be one of single, multiple, true-false, ordering, matching, scenario`;
      }
      return issue.message;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)} characters`;
      }
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
