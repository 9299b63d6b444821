/**
 * Writes a synthetic course library for benchmarks: `courses × modules × lessons` lessons with
 * realistic length, citations, scenarios and question banks, valid against the content schemas.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const WORDS =
  'ship security officer gangway watch access control restricted area visitor identity stores delivery seal cargo search patrol lighting alarm report incident threat vigilance level declaration plan assessment drill exercise record port facility master company crew stowaway smuggling piracy robbery weapon device behaviour circumvention communication emergency contingency'.split(
    ' ',
  );

function sentence(seed: number, length: number): string {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 31 + i * 17) % WORDS.length]);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

function paragraph(seed: number): string {
  return Array.from({ length: 6 }, (_, i) => sentence(seed + i, 14)).join(' ');
}

/** Writes the corpus and returns how many lessons it holds. */
export async function generateCorpus(
  dir: string,
  { courses = 10, modules = 10, lessons = 10 } = {},
): Promise<number> {
  let count = 0;
  for (let c = 1; c <= courses; c++) {
    const courseId = `8.${c}`;
    const courseDir = join(dir, courseId);
    await mkdir(courseDir, { recursive: true });
    const outline = Array.from(
      { length: modules },
      (_, m) => `  - { subject: Module ${m + 1}, module: m${m + 1}, theoryHours: 1 }`,
    );
    await writeFile(
      join(courseDir, 'course.yaml'),
      `number: "${courseId}"
title: Benchmark course ${c}
edition: "2026"
summary: ${sentence(c, 12)}
audience: [ship]
trainees: Benchmark readers
entryStandards: None
regulatoryBasis: [ISPS A/2.1.9]
durationHours: ${modules}
masteryScore: 0.7
certificate: None
staffRequirements: None
facilities: None
relationToModelCourse: Generated for benchmarks.
competences:
  - { id: c1, title: Benchmark competence, basis: ISPS A/2.1.9 }
outline:
${outline.join('\n')}
assessment: { questionCount: 10, maxAttempts: 3 }
`,
    );
    for (let m = 1; m <= modules; m++) {
      const moduleDir = join(courseDir, `m${m}`);
      await mkdir(moduleDir, { recursive: true });
      const objective = `${courseId}-LO-${m}.1`;
      await writeFile(
        join(moduleDir, 'module.mdx'),
        `---\norder: ${m}\ntitle: Module ${m}\nsummary: ${sentence(m, 10)}\ncheckQuestionCount: 3\nobjectives:\n  - { id: ${objective}, text: ${sentence(m, 8)}, competence: c1, references: [ISPS A/12.2] }\n---\n\n## Timing\n\n${paragraph(m)}\n`,
      );
      const questions = Array.from(
        { length: 3 },
        (_, q) => `  - id: q${m}-${q}
    type: single
    objective: ${objective}
    reference: ISPS A/12.2
    prompt: ${sentence(q + m, 12)}
    explanation: ${sentence(q, 10)}
    choices:
      - { id: a, text: ${sentence(q, 5)}, correct: true, feedback: Right. }
      - { id: b, text: ${sentence(q + 1, 5)}, feedback: Not this one. }`,
      );
      await writeFile(join(moduleDir, 'questions.yaml'), `questions:\n${questions.join('\n')}\n`);
      for (let l = 1; l <= lessons; l++) {
        count++;
        const quiz = l % 3 === 0 ? `questions: [q${m}-0, q${m}-1]\n` : '';
        await writeFile(
          join(moduleDir, `l${l}.mdx`),
          `---\norder: ${l}\ntitle: Lesson ${m}.${l} ${WORDS[(l * 7 + m) % WORDS.length]}\nsummary: ${sentence(l + m, 10)}\nobjectives: [${objective}]\nminutes: 15\n${quiz}---\n\n${paragraph(l)} <Ref code="ISPS A/12.2" />\n\n## ${sentence(l, 3)}\n\n${paragraph(l + 1)}\n\n<Scenario title="${sentence(l, 4)}">\n${paragraph(l + 2)}\n</Scenario>\n\n## ${sentence(l + 3, 3)}\n\n${paragraph(l + 3)}\n\n${paragraph(l + 4)}\n\n<KeyPoints>\n- ${sentence(l, 6)}\n- ${sentence(l + 1, 6)}\n</KeyPoints>\n`,
        );
      }
    }
  }
  return count;
}
