/**
 * A trainer's train-the-trainer record: the sessions they hosted with joined, present, passed and
 * failed counts; trainees trained and their pass rate; the trainer's own completions with who
 * instructed them; and the "trained by" lineage followed upwards through each instructor's own
 * completions. Reads only standard xAPI queries.
 */
import type { Agent } from '@xapi/xapi';
import { useEffect, useState } from 'react';
import { StaffClient } from '../staff/staff-client.ts';
import { useSiteConfig, useStaffSession } from '../staff/use-staff.ts';
import { actorKey } from './session-summary.ts';
import { dashboardUrl } from './TrainerSessions.tsx';
import { trainerAgent } from './trainer-identity.ts';
import {
  ownCompletions,
  summariseTrainerHistory,
  type OwnCompletion,
  type TrainerHistory,
} from './trainer-record.ts';

/** One step up the lineage: a person and the completion through which someone trained them. */
interface LineageStep {
  person: Agent;
  completion?: OwnCompletion;
}

/** How far up the lineage is followed. */
const MAX_LINEAGE = 5;

const who = (agent: Agent) => agent.name ?? agent.account?.name ?? agent.mbox ?? 'someone';
const agentQuery = (agent: Agent) =>
  JSON.stringify(agent.account ? { account: agent.account } : { mbox: agent.mbox });
const day = (iso: string) => iso.slice(0, 10);
const verdictText = (c: OwnCompletion) =>
  `${c.verdict}${typeof c.scaled === 'number' ? ` (${Math.round(c.scaled * 100)} %)` : ''}`;

/** Follows "trained by" upwards from a person, one query per step, stopping at a loop. */
async function followLineage(client: StaffClient, start: Agent, first: OwnCompletion[]) {
  const steps: LineageStep[] = [];
  const seen = new Set([actorKey(start)]);
  let completions = first;
  for (let level = 0; level < MAX_LINEAGE; level++) {
    const taught = completions.find((c) => c.instructor);
    if (!taught?.instructor || seen.has(actorKey(taught.instructor))) break;
    steps.push({ person: taught.instructor, completion: taught });
    seen.add(actorKey(taught.instructor));
    completions = ownCompletions(
      await client.all({ agent: agentQuery(taught.instructor) }),
      taught.instructor,
    );
  }
  return steps;
}

/** The trainer record page's island. */
export default function TrainerRecords() {
  const staff = useStaffSession();
  const config = useSiteConfig();
  const [history, setHistory] = useState<TrainerHistory | undefined>(undefined);
  const [own, setOwn] = useState<OwnCompletion[]>([]);
  const [lineage, setLineage] = useState<LineageStep[] | undefined>(undefined);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    if (!staff || !config) return;
    const client = new StaffClient(staff.lrs);
    const me = trainerAgent(staff.person, config.organisation.homePage);
    setProblem('');
    void (async () => {
      const related = await client.all({ agent: agentQuery(me), related_agents: 'true' });
      setHistory(summariseTrainerHistory(related, me));
      const mine = ownCompletions(related, me);
      setOwn(mine);
      setLineage(await followLineage(client, me, mine));
    })().catch((error: unknown) => setProblem((error as Error).message));
  }, [staff, config]);

  if (!staff) return <p className="empty-state">Sign in above to see your trainer record.</p>;
  if (problem)
    return (
      <p className="warning" role="alert">
        {problem}
      </p>
    );
  if (!history) return <p>Reading your records…</p>;
  const rate = history.assessed ? Math.round((history.passed / history.assessed) * 100) : undefined;
  return (
    <div className="dashboard-grid">
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">As a trainer</h2>
        <ul data-testid="trainer-summary">
          <li>
            {history.sessions.length} {history.sessions.length === 1 ? 'session' : 'sessions'}{' '}
            hosted
          </li>
          <li>{history.trainees} trainees trained</li>
          <li>
            {rate === undefined
              ? 'No final assessments taken yet'
              : `${rate} % passed their final assessment (${history.passed} of ${history.assessed})`}
          </li>
        </ul>
        {history.sessions.length === 0 ? (
          <p className="empty-state">
            No sessions yet. <a href="/trainer/">Create your first session</a>.
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="hosted-sessions">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Class</th>
                  <th scope="col">Course</th>
                  <th scope="col">Joined</th>
                  <th scope="col">Present</th>
                  <th scope="col">Passed</th>
                  <th scope="col">Failed</th>
                </tr>
              </thead>
              <tbody>
                {history.sessions.map((h) => (
                  <tr key={h.session.sessionId}>
                    <td>{h.session.date}</td>
                    <td>
                      <a href={dashboardUrl(h.session)}>{h.session.className}</a>
                    </td>
                    <td>{h.session.course.number}</td>
                    <td className="num">{h.joined}</td>
                    <td className="num">{h.attended}</td>
                    <td className="num">{h.passed}</td>
                    <td className="num">{h.failed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="own-heading">
        <h2 id="own-heading">Your own training</h2>
        {own.length === 0 ? (
          <p className="empty-state">
            No course completions are recorded for you ({staff.person.id}) yet.
          </p>
        ) : (
          <table className="data-table" data-testid="own-completions">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Course</th>
                <th scope="col">Result</th>
                <th scope="col">Trained by</th>
              </tr>
            </thead>
            <tbody>
              {own.map((c, index) => (
                <tr key={`${c.courseId}-${c.at}-${index}`}>
                  <td>{day(c.at)}</td>
                  <td>
                    {c.courseId} {c.courseTitle}
                  </td>
                  <td>{verdictText(c)}</td>
                  <td>{c.instructor ? who(c.instructor) : 'self-study'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Trained by</h3>
        {lineage === undefined ? (
          <p>Following the lineage…</p>
        ) : lineage.length === 0 ? (
          <p className="empty-state">No instructor is recorded on your own completions.</p>
        ) : (
          <ol data-testid="lineage">
            <li>
              {staff.person.name} ({staff.person.id})
            </li>
            {lineage.map((step) => (
              <li key={actorKey(step.person)}>
                trained by {who(step.person)}
                {step.completion &&
                  ` (${step.completion.courseId}, ${verdictText(step.completion)} on ${day(step.completion.at)})`}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
