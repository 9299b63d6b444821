/** The trainer as statements name them: an account in the training centre's organisation. Pure. */
import type { Agent } from '@xapi/xapi';

/** The trainer's xAPI agent from the name and id given at sign-in. */
export function trainerAgent(person: { name: string; id: string }, homePage: string): Agent {
  return { objectType: 'Agent', name: person.name, account: { homePage, name: person.id } };
}
