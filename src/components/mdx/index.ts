import InstructorNotes from './InstructorNotes.astro';
import KeyPoints from './KeyPoints.astro';
import Ref from './Ref.astro';
import Scenario from './Scenario.astro';

/** The components every lesson and module can use without importing them. */
export const mdxComponents = { InstructorNotes, KeyPoints, Ref, Scenario };
