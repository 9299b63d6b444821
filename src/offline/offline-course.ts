/**
 * "Make this course available offline" on the course page: shows the download size first,
 * downloads every page of the course into its own cache with a progress bar, and later picks up
 * an updated course when back online. Progress and answers live elsewhere (local storage and the
 * outbox), so replacing a course's pages never loses them.
 */
import type { CourseOfflineManifest } from './offline-manifest.ts';

const KEY = (courseId: string) => `gangway:offline:${courseId}`;
const CACHE = (courseId: string) => `gangway-course-${courseId}`;

/** Formats a byte count for people ("2.4 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Saved {
  version: string;
  savedAt: string;
}

/** Wires the offline section of a course page. */
export async function bindOfflineCourse(): Promise<void> {
  const section = document.getElementById('offline-course');
  if (!section) return;
  const courseId = section.dataset.courseId ?? '';
  const button = section.querySelector<HTMLButtonElement>('[data-action="save"]');
  const remove = section.querySelector<HTMLButtonElement>('[data-action="remove"]');
  const bar = section.querySelector<HTMLProgressElement>('progress');
  const status = section.querySelector<HTMLElement>('[data-status]');
  if (!button || !remove || !bar || !status) return;
  if (!('caches' in window) || !('serviceWorker' in navigator)) {
    status.textContent =
      'This browser cannot keep courses offline here (it needs https or the address 127.0.0.1). You can still study while connected; your answers are kept on this device either way.';
    button.hidden = true;
    return;
  }
  const saved = (): Saved | undefined =>
    JSON.parse(localStorage.getItem(KEY(courseId)) ?? 'null') ?? undefined;
  let manifest: CourseOfflineManifest | undefined;
  try {
    const response = await fetch(`/offline/${encodeURIComponent(courseId)}.json`, {
      cache: 'no-cache',
    });
    if (response.ok) manifest = (await response.json()) as CourseOfflineManifest;
  } catch {
    // Offline: the saved copy (if any) is what there is.
  }

  const render = () => {
    const current = saved();
    remove.hidden = !current;
    if (current) {
      const outdated = manifest && manifest.version !== current.version;
      status.textContent = `Available offline since ${new Date(current.savedAt).toLocaleString()}.${outdated ? ' An update is available.' : ''}`;
      button.textContent = outdated ? 'Update the offline copy' : 'Download again';
      button.hidden = !manifest;
    } else if (manifest) {
      button.textContent = `Make this course available offline (${formatBytes(manifest.totalBytes)})`;
      status.textContent = `Downloads ${manifest.files.length} pages and files (${formatBytes(manifest.totalBytes)}) so you can study without a connection.`;
    } else {
      button.hidden = true;
      status.textContent = 'Connect to the internet to make this course available offline.';
    }
  };

  const download = async () => {
    if (!manifest) return;
    button.disabled = true;
    bar.hidden = false;
    bar.max = manifest.totalBytes;
    bar.value = 0;
    const cache = await caches.open(CACHE(courseId));
    let done = 0;
    try {
      const queue = [...manifest.files];
      // Four downloads at a time: quicker than one, gentle on a thin satellite link.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let file = queue.shift(); file; file = queue.shift()) {
            const response = await fetch(file.url, { cache: 'no-cache' });
            if (!response.ok) throw new Error(`${file.url} answered ${response.status}`);
            await cache.put(file.url, response);
            done += file.bytes;
            bar.value = done;
            status.textContent = `Downloading: ${formatBytes(done)} of ${formatBytes(manifest?.totalBytes ?? 0)}`;
          }
        }),
      );
      localStorage.setItem(
        KEY(courseId),
        JSON.stringify({ version: manifest.version, savedAt: new Date().toISOString() }),
      );
    } catch (error) {
      status.textContent = `The download stopped (${(error as Error).message}). Try again when the connection is better; what was downloaded is kept.`;
      button.disabled = false;
      bar.hidden = true;
      return;
    }
    button.disabled = false;
    bar.hidden = true;
    render();
  };

  button.addEventListener('click', () => void download());
  remove.addEventListener('click', async () => {
    await caches.delete(CACHE(courseId));
    localStorage.removeItem(KEY(courseId));
    render();
  });
  render();
  // Back online with an older copy: take the update without being asked (progress is not in it).
  const current = saved();
  if (current && manifest && current.version !== manifest.version) await download();
}
