/**
 * Starts tracking on a page: reads the configuration and the launch, knows who is learning,
 * turns learning events into statements in the outbox, runs the sender and shows the status.
 */
import type { Agent, Statement } from '@xapi/xapi';
import { onLearningEvent, RESUME_UPDATED } from '../learning/learning-events.ts';
import { activityIds, type ActivityIds } from '../statements/activity-ids.ts';
import { sessionJoinedStatement, classroomLearnerContext } from '../trainer/session-statements.ts';
import {
  leaveSession,
  loadMembership,
  markAnnounced,
  type ClassroomMembership,
} from './classroom-membership.ts';
import type { CourseInfo, LearnerContext } from '../statements/build-statements.ts';
import {
  buildCmi5Statement,
  completesOnPass,
  openCmi5Session,
  saveCmi5Session,
  type Cmi5Session,
} from './cmi5.ts';
import { holdLearningEvents, idsFrom, type HeldEvent } from './early-events.ts';
import { statementsForEvent } from './event-statements.ts';
import { currentLaunch, type Launch } from './launch.ts';
import { askForLearner, renderLearnerBadge } from './learner-dialog.ts';
import { learnerActor, loadLearner } from './learner-profile.ts';
import { loadSiteConfig } from './site-config.ts';
import { describeStatus } from './sync-status.ts';
import { StatementJournal } from './statement-journal.ts';
import { SyncService } from './sync-service.ts';
import { uuid } from './uuid.ts';

function courseOfPage(): CourseInfo | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="gangway-course"]');
  return meta ? (JSON.parse(meta.content) as CourseInfo) : undefined;
}

/** Starts everything; safe to call once per page. */
export async function startTracking(): Promise<void> {
  // Before the first await: events the page makes while tracking starts are held, not lost.
  const early = holdLearningEvents(courseOfPage());
  const config = await loadSiteConfig();
  let launch: Launch | undefined;
  try {
    launch = currentLaunch();
  } catch (error) {
    showNotice(
      `This launch link is not valid: ${(error as Error).message}. Progress is kept for the learner signed in on this device.`,
    );
  }
  let cmi5: Cmi5Session | undefined;
  if (launch?.mode === 'cmi5') {
    try {
      cmi5 = await openCmi5Session(launch);
    } catch (error) {
      showNotice(
        `${(error as Error).message}. Your progress is kept on this device; relaunch the course from your training system.`,
      );
    }
  }
  const target = !launch
    ? config.lrs
    : launch.mode === 'link'
      ? { endpoint: launch.endpoint, auth: launch.auth ?? config.lrs?.auth ?? '' }
      : cmi5
        ? { endpoint: launch.endpoint, auth: cmi5.auth }
        : null;
  const sync = new SyncService(target);
  const ids = activityIds(config.activityBase);
  const actor = (): Agent | undefined => {
    if (launch) return launch.actor;
    const learner = loadLearner();
    return learner ? learnerActor(learner, config.organisation.homePage) : undefined;
  };

  // Statements the previous page journaled but may not have finished writing go in first.
  adoptLegacyUnloadCopy();
  await sync.recover().catch((error: unknown) => console.warn('journal recovery failed', error));

  const indicator = document.getElementById('sync-status');
  sync.onStatus((status) => {
    if (!indicator) return;
    const { text, tone } = describeStatus(status);
    indicator.textContent = text;
    indicator.dataset.tone = tone;
  });
  sync.start();
  await sync.refresh();

  renderLearnerBadge(launch ? (launch.actor.name ?? 'launched learner') : undefined);
  document.getElementById('learner-badge')?.addEventListener('click', () => {
    if (!launch) void askForLearner({ required: false, organisation: config.organisation.name });
  });
  const course = courseOfPage();
  if (course && !launch && !loadLearner())
    await askForLearner({ required: true, organisation: config.organisation.name });

  const learnerContext = (courseId?: string): LearnerContext | undefined => {
    const who = actor();
    if (!who) return undefined;
    // A classroom session applies to its own course, for a learner studying on their own device.
    const classroom = !launch ? loadMembership()?.session : undefined;
    if (classroom && classroom.course.id === courseId)
      return classroomLearnerContext(ids, classroom, who);
    return {
      actor: who,
      registration: launch?.registration,
      contextTemplate: cmi5?.launchData.contextTemplate,
    };
  };
  renderClassroomBadge(launch ? undefined : loadMembership());
  announceMembership(sync, ids, course, learnerContext);

  if (launch?.mode === 'cmi5' && cmi5) {
    const session = cmi5;
    // cmi5: `initialized` is the session's first statement.
    if (!session.initializedSent) {
      await sync.queue([
        buildCmi5Statement({
          launch,
          launchData: session.launchData,
          verb: 'initialized',
          id: uuid(),
          timestamp: new Date().toISOString(),
        }),
      ]);
      session.initializedSent = true;
      saveCmi5Session(launch, session);
    }
    bindCmi5Bar(async () => {
      if (session.terminated) return;
      await sync.queue([
        buildCmi5Statement({
          launch,
          launchData: session.launchData,
          verb: 'terminated',
          id: uuid(),
          timestamp: new Date().toISOString(),
          durationMs: Date.now() - Date.parse(session.startedAt),
        }),
      ]);
      session.terminated = true;
      saveCmi5Session(launch, session);
      return session.launchData.returnURL;
    }, sync);
  }

  // Resume: share bookmark, lessons done and quiz progress with the learner's other devices.
  const resume = async () => {
    const who = actor();
    if (!course || !who || !target) return;
    // xAPI.js loads only here, after the page is up, to keep lesson pages light.
    const { syncResume } = await import('./resume-sync.ts');
    const changed = await syncResume({
      lrs: target,
      actor: who,
      activityId: ids.course(course.id),
      courseId: course.id,
      registration: launch?.registration,
    }).catch(() => false);
    if (changed) dispatchEvent(new Event(RESUME_UPDATED));
  };
  void resume();
  let resumeTimer: ReturnType<typeof setTimeout> | undefined;
  onLearningEvent(() => {
    clearTimeout(resumeTimer);
    resumeTimer = setTimeout(() => void resume(), 1500);
  });

  early.release((held: HeldEvent) => {
    const { event } = held;
    const eventCourse = held.course ?? course;
    const learner = learnerContext(eventCourse?.id);
    if (!eventCourse || !learner) return;
    // After `terminated` the cmi5 session is over: nothing more may be sent for it.
    if (cmi5?.terminated) return;
    const newId = idsFrom(held);
    const statements = statementsForEvent(event, {
      ids,
      learner,
      course: eventCourse,
      newId,
    });
    if (
      launch?.mode === 'cmi5' &&
      cmi5 &&
      event.type === 'assessment-finished' &&
      event.quizKind === 'final' &&
      cmi5.launchData.launchMode === 'Normal'
    ) {
      const session = cmi5;
      const mastery = session.launchData.masteryScore ?? event.masteryScore;
      const passed = event.scaled + 1e-9 >= mastery;
      const at = new Date(Date.parse(event.at) + 1).toISOString();
      if (!session.passedSent) {
        statements.push(
          buildCmi5Statement({
            launch,
            launchData: session.launchData,
            verb: passed ? 'passed' : 'failed',
            id: newId(),
            timestamp: at,
            scaled: event.scaled,
            durationMs: event.durationMs,
          }),
        );
        if (passed) session.passedSent = true;
      }
      if (
        passed &&
        !session.completedSent &&
        (completesOnPass(session.launchData.moveOn) ||
          session.launchData.moveOn === 'Passed' ||
          session.launchData.moveOn === 'NotApplicable')
      ) {
        statements.push(
          buildCmi5Statement({
            launch,
            launchData: session.launchData,
            verb: 'completed',
            id: newId(),
            timestamp: new Date(Date.parse(at) + 1).toISOString(),
          }),
        );
        session.completedSent = true;
      }
      saveCmi5Session(launch, session);
    }
    // queue() journals synchronously, so a page closing right after the event loses nothing.
    void sync.queue(statements);
  });
}

/** Queues the trainee's `joined` statement once, on the first page of the session's course. */
function announceMembership(
  sync: SyncService,
  ids: ActivityIds,
  course: CourseInfo | undefined,
  learnerContext: (courseId?: string) => LearnerContext | undefined,
) {
  const membership = loadMembership();
  if (!membership || membership.announced || membership.session.course.id !== course?.id) return;
  const learner = learnerContext(course.id);
  if (!learner) return;
  markAnnounced();
  void sync.queue([
    sessionJoinedStatement(ids, membership.session, learner.actor, {
      id: uuid(),
      timestamp: membership.joinedAt,
    }),
  ]);
}

/** Shows the classroom session this device is in, with a way to leave it. */
function renderClassroomBadge(membership: ClassroomMembership | undefined) {
  const badge = document.getElementById('classroom-badge');
  if (!badge || !membership) return;
  const { session } = membership;
  const text = badge.querySelector('[data-classroom-text]');
  if (text)
    text.textContent = `In class: ${session.className} (${session.course.number}) with ${session.trainer.name ?? 'your trainer'}`;
  badge.hidden = false;
  badge.querySelector('button')?.addEventListener('click', () => {
    leaveSession();
    badge.hidden = true;
  });
}

/** Shows the cmi5 bar; its button ends the session and returns to the LMS. */
function bindCmi5Bar(finish: () => Promise<string | undefined>, sync: SyncService) {
  const bar = document.getElementById('cmi5-bar');
  const button = bar?.querySelector('button');
  if (!bar || !button) return;
  bar.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const returnUrl = await finish();
    // Give the outbox a moment to upload `terminated` before leaving; it stays queued if not.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await sync.outbox.counts()).pending > 0)
      await new Promise((r) => setTimeout(r, 200));
    if (returnUrl) location.href = returnUrl;
    else button.textContent = 'Session finished: you can close this window';
  });
}

/** Versions before the journal kept lesson-left statements under their own key: move them in. */
function adoptLegacyUnloadCopy() {
  const legacyKey = 'gangway:unload-statements:v1';
  try {
    const legacy = JSON.parse(localStorage.getItem(legacyKey) ?? 'null') as Statement[] | null;
    if (Array.isArray(legacy) && new StatementJournal().append(legacy))
      localStorage.removeItem(legacyKey);
  } catch {
    // An unreadable copy is left where it is rather than thrown away.
  }
}

function showNotice(text: string) {
  const notice = document.getElementById('tracking-notice');
  if (notice) {
    notice.textContent = text;
    notice.hidden = false;
  }
}
