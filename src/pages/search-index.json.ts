import type { APIRoute } from 'astro';
import { getCatalogue } from '../content/catalogue.ts';
import { buildSearchIndex } from '../search/build-search-index.ts';

/** The lunr index of every lesson, built once at build time and fetched on first search. */
export const GET: APIRoute = async () => {
  const { courses } = await getCatalogue();
  const documents = courses.flatMap((course) =>
    course.lessons.map((lesson) => ({
      url: lesson.url,
      title: lesson.data.title,
      course: `${course.framework.number} ${course.framework.title}`,
      summary: lesson.data.summary,
      objectives: lesson.data.objectives.map((id) => course.objectives.get(id)?.text ?? ''),
      body: lesson.body,
    })),
  );
  return new Response(JSON.stringify(buildSearchIndex(documents)), {
    headers: { 'Content-Type': 'application/json' },
  });
};
