import type { Audience } from './schemas.ts';

/** How each audience is named to people. */
export const AUDIENCE_LABELS: Record<Audience, string> = {
  ship: 'Ship',
  company: 'Company',
  port: 'Port facility',
  administration: 'Administration',
  everyone: 'Everyone',
};
