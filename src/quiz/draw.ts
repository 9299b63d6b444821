/**
 * Drawing and shuffling questions with a seed, so that an attempt shows the same questions in
 * the same order after a reload. Pure.
 */

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A new random seed for an attempt. */
export function newSeed(): number {
  return Math.floor(Math.random() * 0xffffffff);
}

/** Returns a shuffled copy (Fisher–Yates) driven by `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Draws `count` questions spread evenly over the groups (objectives): round-robin over the
 * shuffled groups, so that an assessment samples every objective before it repeats one.
 */
export function drawQuestions<T extends { objective: string }>(
  questions: readonly T[],
  count: number,
  seed: number,
): T[] {
  const random = seededRandom(seed);
  const groups = new Map<string, T[]>();
  for (const question of shuffled(questions, random)) {
    const group = groups.get(question.objective) ?? [];
    group.push(question);
    groups.set(question.objective, group);
  }
  const queues = shuffled([...groups.values()], random);
  const drawn: T[] = [];
  while (drawn.length < Math.min(count, questions.length)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && drawn.length < count) drawn.push(next);
    }
  }
  return drawn;
}
