/**
 * A classroom session's live dashboard: how to join (code, QR code, link), the roster with each
 * trainee's current lesson, lessons done, module-check scores and final result, attendance marks
 * (sent with the trainer's own credential; undo voids them), what the class got wrong, and a
 * timeline. Refreshes from the LRS every few seconds with incremental `since` queries; a failed
 * refresh keeps what was shown and says so. Names are rendered as text only.
 */
import type { Agent } from '@xapi/xapi';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { presenterUrl } from '../presenter/presenter-urls.ts';
import { activityIds } from '../statements/activity-ids.ts';
import { buildVoidingStatement, VERBS } from '../statements/build-statements.ts';
import { StaffClient } from '../staff/staff-client.ts';
import { useSiteConfig, useStaffSession } from '../staff/use-staff.ts';
import { uuid } from '../tracking/uuid.ts';
import { joinLink, sessionFromStatement, type ClassroomSession } from './classroom-session.ts';
import JoinQrCode from './JoinQrCode.tsx';
import { SessionFeed } from './session-feed.ts';
import { sessionAttendedStatement } from './session-statements.ts';
import { summariseSession, type RosterRow } from './session-summary.ts';
import { rememberedSession, rememberSession } from './TrainerSessions.tsx';
import { sessionOutline, type TrainerCourse } from './trainer-course.ts';
import { trainerAgent } from './trainer-identity.ts';

/** Props: the courses, for lesson titles and presenter links. */
export interface SessionDashboardProps {
  courses: TrainerCourse[];
  /** How often to refresh, in milliseconds. */
  refreshMs?: number;
}

const percent = (scaled: number) => `${Math.round(scaled * 100)} %`;
const time = (iso: string) =>
  iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';

/** The dashboard of the session named in the page address (`?id=`). */
export default function SessionDashboard({ courses, refreshMs = 5000 }: SessionDashboardProps) {
  const staff = useStaffSession();
  const config = useSiteConfig();
  const [session, setSession] = useState<ClassroomSession | undefined>(undefined);
  const [loadError, setLoadError] = useState('');
  const client = useMemo(() => (staff ? new StaffClient(staff.lrs) : undefined), [staff]);
  const sessionId = useMemo(
    () => new URLSearchParams(globalThis.location?.search ?? '').get('id') ?? '',
    [],
  );

  useEffect(() => {
    if (!staff || !config) return;
    if (!sessionId) {
      setLoadError('No session was named in the address. Open a session from your sessions list.');
      return;
    }
    const known = rememberedSession(sessionId);
    if (known) {
      setSession(known);
      return;
    }
    const ids = activityIds(config.activityBase);
    new StaffClient(staff.lrs)
      .all({ verb: VERBS.hosted, activity: ids.session(sessionId) })
      .then((statements) => {
        const found = statements.map(sessionFromStatement).find((s) => s);
        if (!found) setLoadError(`No session ${sessionId} was found in the records server.`);
        else {
          rememberSession(found);
          setSession(found);
        }
      })
      .catch((error: unknown) => setLoadError((error as Error).message));
  }, [staff, config, sessionId]);

  if (!staff) return <p className="empty-state">Sign in above to open the session.</p>;
  if (loadError)
    return (
      <p className="warning" role="alert">
        {loadError} <a href="/trainer/">Your sessions</a>
      </p>
    );
  if (!session || !config || !client) return <p>Loading the session…</p>;
  const course = courses.find((c) => c.id === session.course.id);
  return (
    <LiveSession
      session={session}
      course={course}
      client={client}
      activityBase={config.activityBase}
      homePage={config.organisation.homePage}
      trainer={trainerAgent(staff.person, config.organisation.homePage)}
      refreshMs={refreshMs}
    />
  );
}

function LiveSession(props: {
  session: ClassroomSession;
  course: TrainerCourse | undefined;
  client: StaffClient;
  activityBase: string;
  homePage: string;
  trainer: Agent;
  refreshMs: number;
}) {
  const { session, course, client, refreshMs } = props;
  const ids = useMemo(() => activityIds(props.activityBase), [props.activityBase]);
  const feed = useRef(new SessionFeed(session.registration));
  const outline = useMemo(
    () =>
      course
        ? sessionOutline(course, ids, session.modules)
        : {
            lessons: new Map<string, string>(),
            moduleChecks: new Map<string, string>(),
            finalAssessment: ids.assessment(session.course.id, 'final'),
            lessonCount: 0,
          },
    [course, ids, session],
  );
  const [summary, setSummary] = useState(() => summariseSession([], outline));
  const [status, setStatus] = useState<{ at?: Date; problem?: string }>({});
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [actionError, setActionError] = useState('');
  const busy = useRef(false);

  const again = useRef(false);
  const refresh = useCallback(async () => {
    // One refresh at a time; a request made meanwhile runs once the current one ends.
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    do {
      again.current = false;
      try {
        const added = await feed.current.refresh(client);
        if (added > 0) setSummary(summariseSession(feed.current.statements(), outline));
        setStatus({ at: new Date() });
      } catch (error) {
        setStatus((s) => ({ ...s, problem: (error as Error).message }));
      }
    } while (again.current);
    busy.current = false;
  }, [client, outline]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [refresh, refreshMs]);

  const mark = async (row: { key: string; actor: Agent; attendedStatementId?: string }) => {
    setPending((p) => ({ ...p, [row.key]: true }));
    setActionError('');
    const meta = { id: uuid(), timestamp: new Date().toISOString() };
    try {
      await client.send([
        row.attendedStatementId
          ? buildVoidingStatement({
              meta,
              actor: props.trainer,
              targetId: row.attendedStatementId,
              registration: session.registration,
            })
          : sessionAttendedStatement(ids, session, row.actor, meta),
      ]);
      await refresh();
    } catch (error) {
      setActionError(`Attendance was not saved: ${(error as Error).message}`);
    } finally {
      setPending((p) => ({ ...p, [row.key]: false }));
    }
  };

  const link = joinLink(session, location.origin);
  const codeProblem = sessionStorage.getItem(`gangway:join-code-problem:${session.sessionId}`);
  const moduleTitles = (course?.modules ?? []).filter((m) => session.modules.includes(m.id));
  const present = summary.roster.filter((r) => r.attendedStatementId).length;

  return (
    <div className="dashboard-grid">
      <section className="card" aria-labelledby="join-heading">
        <h2 id="join-heading">How trainees join</h2>
        <div className="join-panel">
          <div>
            <p>
              Open <strong>{new URL('/join/', location.origin).href}</strong> and type the code:
            </p>
            <p className="join-code" data-testid="join-code">
              {session.joinCode}
            </p>
            <p className="join-link">
              Or scan the QR code, or share this link (it works offline):{' '}
              <a href={link} data-testid="join-link">
                {link}
              </a>
            </p>
            {codeProblem && (
              <p className="warning" role="alert">
                {codeProblem}
              </p>
            )}
          </div>
          <div className="join-qr">
            <JoinQrCode text={link} label={`QR code to join ${session.className}`} />
          </div>
        </div>
        <p>
          {session.course.number} {session.course.title} · {session.date} · {session.place} ·
          modules: {moduleTitles.map((m) => m.order).join(', ')}
        </p>
      </section>

      <section className="card" aria-labelledby="roster-heading">
        <h2 id="roster-heading">Class</h2>
        <p className="refresh-line" aria-live="polite">
          {status.problem
            ? `Cannot refresh: ${status.problem} Showing what was loaded${status.at ? ` at ${status.at.toLocaleTimeString()}` : ''}; trying again every ${Math.round(refreshMs / 1000)} s.`
            : status.at
              ? `Updated ${status.at.toLocaleTimeString()} · ${summary.roster.length} trainees · ${present} marked present`
              : 'Loading the class…'}{' '}
          <button type="button" className="link-button" onClick={() => void refresh()}>
            Refresh now
          </button>
        </p>
        {actionError && (
          <p className="warning" role="alert">
            {actionError}
          </p>
        )}
        {summary.roster.length === 0 ? (
          <p className="empty-state">
            No trainee has joined yet. Show the code or the QR code above; trainees appear here as
            soon as their device reaches the records server.
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="roster">
              <thead>
                <tr>
                  <th scope="col">Present</th>
                  <th scope="col">Trainee</th>
                  <th scope="col">Now on</th>
                  <th scope="col">Lessons done</th>
                  <th scope="col">Module checks</th>
                  <th scope="col">Final assessment</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {summary.roster.map((row) => (
                  <RosterLine
                    key={row.key}
                    row={row}
                    lessonCount={outline.lessonCount}
                    busy={!!pending[row.key]}
                    onToggle={() => void mark(row)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ManualAttendance
          onAdd={(name, id) =>
            void mark({
              key: `manual:${id}`,
              actor: { objectType: 'Agent', name, account: { homePage: props.homePage, name: id } },
            })
          }
        />
      </section>

      <section className="card" aria-labelledby="questions-heading">
        <h2 id="questions-heading">What the class got wrong</h2>
        {summary.questions.length === 0 ? (
          <p className="empty-state">No answers yet. Hardest questions will be listed first.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="question-analysis">
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Answered</th>
                  <th scope="col">Correct</th>
                  <th scope="col">Most chosen wrong answer</th>
                </tr>
              </thead>
              <tbody>
                {summary.questions.map((q) => (
                  <tr key={q.questionId} data-question-id={q.questionId}>
                    <td>{q.prompt}</td>
                    <td className="num">{q.answered}</td>
                    <td>
                      <span
                        className="share-bar"
                        style={{ width: `${Math.round(q.correctShare * 4)}rem` }}
                        aria-hidden="true"
                      />
                      {percent(q.correctShare)}
                    </td>
                    <td>
                      {q.commonWrong ? `${q.commonWrong.label} (${q.commonWrong.count})` : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {course && (
        <section className="card" aria-labelledby="present-heading">
          <h2 id="present-heading">Present the lessons</h2>
          {moduleTitles.map((m) => (
            <div key={m.id}>
              <h3>
                Module {m.order}: {m.title} ({m.hours} h planned)
              </h3>
              <ul>
                {m.lessons.map((l) => (
                  <li key={l.id}>
                    {l.title}: <a href={presenterUrl(l.url)}>present</a> ·{' '}
                    <a href={l.url}>lesson page</a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}

      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {summary.timeline.length === 0 ? (
          <p className="empty-state">Nothing has happened yet.</p>
        ) : (
          <ol className="timeline" reversed data-testid="timeline">
            {[...summary.timeline]
              .reverse()
              .slice(0, 200)
              .map((entry, index) => (
                <li key={`${entry.at}-${index}`}>
                  <time dateTime={entry.at}>{time(entry.at)}</time> {entry.who} {entry.what}
                </li>
              ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function RosterLine(props: {
  row: RosterRow;
  lessonCount: number;
  busy: boolean;
  onToggle: () => void;
}) {
  const { row } = props;
  const checks = Object.entries(row.moduleChecks);
  return (
    <tr data-trainee-id={row.traineeId}>
      <td>
        <input
          type="checkbox"
          checked={!!row.attendedStatementId}
          disabled={props.busy}
          aria-label={`${row.name} is present`}
          onChange={props.onToggle}
        />
      </td>
      <th scope="row">
        {row.name} <small>({row.traineeId})</small>
      </th>
      <td>{row.currentLesson ?? (row.joinedAt ? 'Joined, not started' : '—')}</td>
      <td className="num">
        {row.lessonsDone} of {props.lessonCount}
      </td>
      <td>{checks.length ? checks.map(([m, s]) => `${m}: ${percent(s)}`).join('; ') : '—'}</td>
      <td>
        {row.final ? `${row.final.passed ? 'Passed' : 'Failed'} ${percent(row.final.scaled)}` : '—'}
      </td>
      <td>{time(row.lastSeen)}</td>
    </tr>
  );
}

function ManualAttendance({ onAdd }: { onAdd: (name: string, id: string) => void }) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [problem, setProblem] = useState('');
  return (
    <form
      className="inline-form"
      noValidate
      aria-labelledby="manual-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim() || !id.trim()) {
          setProblem('Give the trainee’s name and trainee id.');
          return;
        }
        setProblem('');
        onAdd(name.trim(), id.trim());
        setName('');
        setId('');
      }}
    >
      <h3 id="manual-heading" style={{ width: '100%', marginBottom: 0 }}>
        Mark present a trainee without a device
      </h3>
      <p>
        <label htmlFor="manual-name">Name</label>
        <input id="manual-name" value={name} onChange={(e) => setName(e.target.value)} />
      </p>
      <p>
        <label htmlFor="manual-id">Trainee id</label>
        <input id="manual-id" value={id} onChange={(e) => setId(e.target.value)} />
      </p>
      <p>
        <button type="submit">Mark present</button>
      </p>
      {problem && (
        <p className="warning" role="alert" style={{ width: '100%' }}>
          {problem}
        </p>
      )}
    </form>
  );
}
