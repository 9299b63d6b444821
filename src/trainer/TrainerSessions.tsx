/**
 * The trainer's home: their classroom sessions (from their `host` statements, so any LRS works)
 * and the form that creates a new one. Creating a session stores the `host` statement (which
 * describes it) and the join code's lookup document, then opens the session's dashboard.
 */
import { useEffect, useState } from 'react';
import { activityIds } from '../statements/activity-ids.ts';
import { VERBS } from '../statements/build-statements.ts';
import { StaffClient } from '../staff/staff-client.ts';
import { useSiteConfig, useStaffSession } from '../staff/use-staff.ts';
import { uuid } from '../tracking/uuid.ts';
import {
  createClassroomSession,
  joinCodeDocument,
  newSessionProblems,
  sessionFromStatement,
  type ClassroomSession,
} from './classroom-session.ts';
import { sessionHostStatement } from './session-statements.ts';
import type { TrainerCourse } from './trainer-course.ts';
import { trainerAgent } from './trainer-identity.ts';

/** Props: the courses a session can teach. */
export interface TrainerSessionsProps {
  courses: TrainerCourse[];
}

/** Where a session's dashboard lives. */
export function dashboardUrl(session: ClassroomSession): string {
  return `/trainer/session/?id=${encodeURIComponent(session.sessionId)}`;
}

const SESSION_CACHE = 'gangway:trainer-sessions:v1';

/** Remembers sessions for this tab, so the dashboard opens at once after creating one. */
export function rememberSession(session: ClassroomSession): void {
  const known = JSON.parse(sessionStorage.getItem(SESSION_CACHE) ?? '{}') as Record<
    string,
    ClassroomSession
  >;
  known[session.sessionId] = session;
  sessionStorage.setItem(SESSION_CACHE, JSON.stringify(known));
}

/** A session remembered by {@link rememberSession}. */
export function rememberedSession(sessionId: string): ClassroomSession | undefined {
  try {
    const known = JSON.parse(sessionStorage.getItem(SESSION_CACHE) ?? '{}') as Record<
      string,
      ClassroomSession
    >;
    return known[sessionId];
  } catch {
    return undefined;
  }
}

/** The trainer's session list and new-session form. */
export default function TrainerSessions({ courses }: TrainerSessionsProps) {
  const staff = useStaffSession();
  const config = useSiteConfig();
  const [sessions, setSessions] = useState<ClassroomSession[] | undefined>(undefined);
  const [listError, setListError] = useState('');

  useEffect(() => {
    if (!staff || !config) return;
    const client = new StaffClient(staff.lrs);
    const me = trainerAgent(staff.person, config.organisation.homePage);
    setListError('');
    client
      .all({ verb: VERBS.hosted, agent: JSON.stringify({ account: me.account }) })
      .then((statements) => {
        const found = new Map<string, ClassroomSession>();
        for (const statement of statements) {
          const session = sessionFromStatement(statement);
          if (session) found.set(session.sessionId, session);
        }
        setSessions([...found.values()].sort((a, b) => b.date.localeCompare(a.date)));
      })
      .catch((error: unknown) => setListError((error as Error).message));
  }, [staff, config]);

  if (!staff) return <p className="empty-state">Sign in above to see and create your sessions.</p>;
  if (!config) return <p>Loading…</p>;
  return (
    <div className="dashboard-grid">
      <NewSessionForm courses={courses} />
      <section className="card" aria-labelledby="my-sessions-heading">
        <h2 id="my-sessions-heading">Your sessions</h2>
        {listError && (
          <p className="warning" role="alert">
            {listError}
          </p>
        )}
        {!listError && sessions === undefined && <p>Loading your sessions…</p>}
        {sessions?.length === 0 && (
          <p className="empty-state">
            You have not run a session yet. Create one above: trainees then join with its code.
          </p>
        )}
        {sessions && sessions.length > 0 && (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Class</th>
                <th scope="col">Course</th>
                <th scope="col">Place</th>
                <th scope="col">Code</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.sessionId}>
                  <td>{s.date}</td>
                  <td>
                    <a href={dashboardUrl(s)} onClick={() => rememberSession(s)}>
                      {s.className}
                    </a>
                  </td>
                  <td>
                    {s.course.number} {s.course.title}
                  </td>
                  <td>{s.place}</td>
                  <td>{s.joinCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function NewSessionForm({ courses }: TrainerSessionsProps) {
  const staff = useStaffSession();
  const config = useSiteConfig();
  const [courseId, setCourseId] = useState(courses[0]?.id ?? '');
  const course = courses.find((c) => c.id === courseId);
  const [modules, setModules] = useState<string[]>(course?.modules.map((m) => m.id) ?? []);
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [place, setPlace] = useState('');
  const [className, setClassName] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const chooseCourse = (id: string) => {
    setCourseId(id);
    setModules(courses.find((c) => c.id === id)?.modules.map((m) => m.id) ?? []);
  };

  const create = async () => {
    if (!staff || !config || !course) return;
    const input = {
      course: {
        id: course.id,
        title: course.title,
        number: course.number,
        language: course.language,
      },
      modules: course.modules.filter((m) => modules.includes(m.id)).map((m) => m.id),
      date,
      place,
      className,
      trainer: staff.person,
      homePage: config.organisation.homePage,
    };
    const problems = newSessionProblems(input);
    if (problems.length) {
      setMessage(problems.join(' '));
      return;
    }
    setBusy(true);
    setMessage('Creating the session…');
    const ids = activityIds(config.activityBase);
    const session = createClassroomSession(input, { now: new Date(), uuid });
    const client = new StaffClient(staff.lrs);
    try {
      await client.send([
        sessionHostStatement(ids, session, { id: uuid(), timestamp: new Date().toISOString() }),
      ]);
    } catch (error) {
      setBusy(false);
      setMessage(`The session was not created: ${(error as Error).message}`);
      return;
    }
    rememberSession(session);
    try {
      const where = joinCodeDocument(ids, session.joinCode, config.organisation.homePage);
      await client.putState({ ...where, document: session });
    } catch (error) {
      // The session exists; trainees can still join by its link or QR code.
      sessionStorage.setItem(
        `gangway:join-code-problem:${session.sessionId}`,
        `The join code could not be saved, so trainees cannot type it: ${(error as Error).message} Share the link or the QR code instead.`,
      );
    }
    location.href = dashboardUrl(session);
  };

  return (
    <form
      className="card stacked-form"
      noValidate
      aria-labelledby="new-session-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <h2 id="new-session-heading">New classroom session</h2>
      <p>
        <label htmlFor="session-course">Course</label>
        <select id="session-course" value={courseId} onChange={(e) => chooseCourse(e.target.value)}>
          {courses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.number} {c.title}
            </option>
          ))}
        </select>
      </p>
      {course && (
        <fieldset>
          <legend>Modules to cover</legend>
          {course.modules.map((m) => (
            <p key={m.id}>
              <input
                type="checkbox"
                id={`session-module-${m.id}`}
                checked={modules.includes(m.id)}
                onChange={(e) =>
                  setModules(
                    e.target.checked ? [...modules, m.id] : modules.filter((id) => id !== m.id),
                  )
                }
              />{' '}
              <label htmlFor={`session-module-${m.id}`}>
                Module {m.order}: {m.title} ({m.hours} h)
              </label>
            </p>
          ))}
        </fieldset>
      )}
      <p>
        <label htmlFor="session-date">Date</label>
        <input
          id="session-date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </p>
      <p>
        <label htmlFor="session-place">Place</label>
        <input
          id="session-place"
          type="text"
          value={place}
          placeholder="Training room 2, or MV Example"
          onChange={(e) => setPlace(e.target.value)}
        />
      </p>
      <p>
        <label htmlFor="session-class">Class name</label>
        <input
          id="session-class"
          type="text"
          value={className}
          placeholder="Deck ratings, November intake"
          onChange={(e) => setClassName(e.target.value)}
        />
      </p>
      <p className="warning" role="alert">
        {message}
      </p>
      <p>
        <button type="submit" disabled={busy}>
          Create the session
        </button>
      </p>
    </form>
  );
}
