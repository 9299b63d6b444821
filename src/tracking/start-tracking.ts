/**
 * Starts tracking on a page: reads the configuration and the launch, knows who is learning,
 * turns learning events into statements in the outbox, runs the sender and shows the status.
 */
import type { Agent } from '@xapi/xapi';
import { onLearningEvent, type LearningEvent } from '../learning/learning-events.ts';
import { activityIds } from '../statements/activity-ids.ts';
import type { CourseInfo, LearnerContext } from '../statements/build-statements.ts';
import { statementsForEvent } from './event-statements.ts';
import { currentLaunch, type Launch } from './launch.ts';
import { askForLearner, renderLearnerBadge } from './learner-dialog.ts';
import { learnerActor, loadLearner } from './learner-profile.ts';
import { loadSiteConfig } from './site-config.ts';
import { describeStatus } from './sync-status.ts';
import { SyncService } from './sync-service.ts';
import { uuid } from './uuid.ts';

/** Statements made while the page was closing, kept synchronously until the next page. */
const UNLOAD_KEY = 'gangway:unload-statements:v1';

/** The running tracker of this page, for other scripts (classroom join, progress page). */
export let tracking: { sync: SyncService; actor: () => Agent | undefined } | undefined;

function courseOfPage(): CourseInfo | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="gangway-course"]');
  return meta ? (JSON.parse(meta.content) as CourseInfo) : undefined;
}

/** Starts everything; safe to call once per page. */
export async function startTracking(): Promise<void> {
  const config = await loadSiteConfig();
  let launch: Launch | undefined;
  try {
    launch = currentLaunch();
  } catch (error) {
    showNotice(
      `This launch link is not valid: ${(error as Error).message}. Progress is kept for the learner signed in on this device.`,
    );
  }
  const target = launch
    ? {
        endpoint: launch.endpoint,
        auth: launch.mode === 'link' ? (launch.auth ?? config.lrs?.auth ?? '') : '',
      }
    : config.lrs;
  const sync = new SyncService(launch?.mode === 'cmi5' ? null : target);
  const ids = activityIds(config.activityBase);
  const actor = (): Agent | undefined => {
    if (launch) return launch.actor;
    const learner = loadLearner();
    return learner ? learnerActor(learner, config.organisation.homePage) : undefined;
  };
  tracking = { sync, actor };

  // Statements written while the previous page was closing move into the outbox first.
  const leftOver = localStorage.getItem(UNLOAD_KEY);
  if (leftOver) {
    await sync.queue(JSON.parse(leftOver));
    localStorage.removeItem(UNLOAD_KEY);
  }

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

  const learnerContext = (): LearnerContext | undefined => {
    const who = actor();
    if (!who) return undefined;
    return { actor: who, registration: launch?.registration };
  };

  onLearningEvent((event: LearningEvent) => {
    const learner = learnerContext();
    if (!course || !learner) return;
    const statements = statementsForEvent(event, { ids, learner, course, newId: uuid });
    if (event.type === 'lesson-left') {
      // The page is closing: IndexedDB may not finish in time, localStorage does.
      const kept = JSON.parse(localStorage.getItem(UNLOAD_KEY) ?? '[]') as unknown[];
      localStorage.setItem(UNLOAD_KEY, JSON.stringify([...kept, ...statements]));
    }
    void sync.queue(statements).then(() => {
      if (event.type === 'lesson-left') localStorage.removeItem(UNLOAD_KEY);
    });
  });
}

function showNotice(text: string) {
  const notice = document.getElementById('tracking-notice');
  if (notice) {
    notice.textContent = text;
    notice.hidden = false;
  }
}
