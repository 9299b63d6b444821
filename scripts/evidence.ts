/** `npm run evidence -- --help`: the evidence matrix of a course as CSV (see src/records/evidence-cli.ts). */
import { runEvidenceCli } from '../src/records/evidence-cli.ts';

process.exitCode = await runEvidenceCli(process.argv.slice(2));
