// The Publications view: a widget's publication history (GET /api/v1/widgets/{w}/publications: {items:
// [Publication], page, pageSize, totalItems}), publishing (202 with the Publication), and the live progress of a
// publication or sync job from their server-sent events (each event the whole Publication or SyncJobView).
import { $, say, fillTable, fromTemplate, localTime, onShow } from './ui.js';
import { request, complain, serverEvents, StreamError } from './api.js';
import { currentDraft } from './editor.js';

/** One progress line per event, by kind of stream. */
const describe = {
  // Publication: {state, failureReason? (FAILED), lastError? (the step is being retried), ...}
  publication: p => p.state + (p.failureReason ? ' — ' + p.failureReason : p.lastError ? ' — retrying: ' + p.lastError : ''),
  // SyncJobView: {state, total, synced, skipped, failed, pending, ...}
  job: j => `${j.state} ${j.synced + j.skipped}/${j.total} done, ${j.failed} failed`
};

let following = null;

function log(text) {
  const line = fromTemplate('log-line');
  line.textContent = new Date().toLocaleTimeString() + ' ' + text;
  $('#progress').append(line);
}

/** Follows the event stream at `path` of a `kind` ("publication" or "job") until it ends; a new one stops the old. */
export async function follow(path, kind) {
  following?.abort();
  following = new AbortController();
  try {
    for await (const data of serverEvents(path, following.signal)) log(`${kind}: ${describe[kind](JSON.parse(data))}`);
    log(`${kind}: stream ended`);
  } catch (e) {
    if (e instanceof StreamError) log(`${kind}: ${e.message}`);
    else if (e.name !== 'AbortError') throw e;
  }
}

function publicationRow(p) {
  return fromTemplate('publication-row', {
    id: p.id, theme: p.themeId, version: String(p.themeVersion), state: p.state, updated: localTime(p.updatedAt)
  });
}

async function showHistory(event) {
  event.preventDefault();
  const widget = $('#p-widget').value.trim();
  if (!widget) return say('Enter a widget id.', true);
  const res = await request(`/api/v1/widgets/${encodeURIComponent(widget)}/publications`);
  if (!res.ok) return complain(res, 'Loading the publications');
  const { items, totalItems } = res.body;
  fillTable($('#pub-table tbody'), items.map(publicationRow), {
    text: `Widget ${widget} has no publications yet: publish a theme version to it with "Publish a theme version" below.`
  });
  const shown = items.length < totalItems ? `, the newest ${items.length} shown` : '';
  say(`${totalItems} publication${totalItems === 1 ? '' : 's'} for widget ${widget}${shown}.`);
}

async function publish(event) {
  event.preventDefault();
  const widget = $('#p-widget').value.trim();
  const body = { themeId: $('#p-theme').value.trim(), onConflict: $('#p-conflict').value };
  if ($('#p-version').value) body.version = Number($('#p-version').value);
  if (!widget || !body.themeId) return say('Enter a widget id and a theme id.', true);
  const res = await request(`/api/v1/widgets/${encodeURIComponent(widget)}/publications`, { method: 'POST', json: body });
  if (!res.ok) return complain(res, 'Publishing');
  say(`Publication ${res.body.id} accepted (${res.body.state}); its progress follows below.`);
  follow(`/api/v1/publications/${res.body.id}/events`, 'publication');
}

async function followJob(event) {
  event.preventDefault();
  const id = $('#j-id').value.trim();
  if (!id) return say('Enter a sync job id.', true);
  // asked first so that an unknown id is explained from the problem document, not as a refused stream
  const res = await request('/api/v1/sync-jobs/' + encodeURIComponent(id));
  if (!res.ok) return complain(res, 'Loading the sync job');
  follow(`/api/v1/sync-jobs/${encodeURIComponent(id)}/events`, 'job');
}

export function initPublications() {
  fillTable($('#pub-table tbody'), [], {
    text: 'Enter a widget id and press "Show history" to see what was published to it; publish a theme version to a '
      + 'widget with the form below (the theme open in the Editor is filled in).'
  });
  $('#pub-history-form').addEventListener('submit', showHistory);
  $('#publish-form').addEventListener('submit', publish);
  $('#job-form').addEventListener('submit', followJob);
  onShow('publications', () => {
    const draft = currentDraft(); // offer the draft open in the editor
    if (draft.id && !$('#p-theme').value) {
      $('#p-theme').value = draft.id;
      $('#p-version').value = String(draft.version);
    }
  });
}
