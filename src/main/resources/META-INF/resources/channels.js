// The Live channels view (SPEC section 7): the fleet at a glance (GET /api/v1/channels: {items: [Watch], page,
// pageSize, totalItems}, a Watch being {id, brandId, channelId, env, domain, name, themeId, intervalSeconds, state,
// lastCheckedAt, lastChangedAt, nextCheckAt, consecutiveFailures, worstCheck (a ContrastCheck or null), driftFields,
// createdBy, createdAt}), one channel's snapshots (GET …/{id}/snapshots: a page of {id, time, contentHash,
// appearance, theme, report}), "check now" (POST …/{id}/check, 202) and a draft from the live look
// (POST /api/v1/themes/import with the watch's {brandId, channelId, env, domain}, 201 with the draft).
//
// The before/after preview is drawn here, with the editor's widget (report.js drawWidget, CSS custom properties
// only), not with POST /preview: that answers a whole HTML page whose styles carry its own CSP nonce, and the
// console's CSP (default-src 'none', so no frames) can neither frame it nor show a copy of it.
import { $, field, fillTable, fromTemplate, localTime, onShow, newestOnly, Pager, say } from './ui.js';
import { request, complain, canCall } from './api.js';
import { drawWidget } from './report.js';

const newest = newestOnly();
const newestSnapshots = newestOnly();
let pager;
let selected = null; // the watch shown in the detail panel

/** "2.10:1, needs 4.5:1 (pair)" for the worst failing check, or why there is none. */
export function worstRatio(watch) {
  const c = watch.worstCheck;
  if (c) return `${Number(c.ratio).toFixed(2)}:1, needs ${c.required}:1 (${c.pair})`;
  return watch.lastCheckedAt ? 'none failing' : 'not checked yet';
}

function row(watch) {
  const tr = fromTemplate('channel-row', {
    name: watch.name, state: watch.state, worst: worstRatio(watch),
    changed: watch.lastChangedAt ? localTime(watch.lastChangedAt) : 'never',
    checked: watch.lastCheckedAt ? localTime(watch.lastCheckedAt) : 'never'
  });
  tr.dataset.id = watch.id;
  field(tr, 'state').dataset.state = watch.state;
  field(tr, 'name').addEventListener('click', () => openChannel(watch));
  return tr;
}

export async function loadChannels() {
  if (!canCall()) return;
  const isNewest = newest();
  const res = await request(`/api/v1/channels?page=${pager.page}&size=50`);
  if (!isNewest()) return;
  if (!res.ok) return complain(res, 'Loading the channels');
  fillTable($('#channel-table tbody'), res.body.items.map(row), res.body.totalItems
    ? { text: 'No channels on this page: press "Previous page".' }
    : {
      text: 'No chat channel is watched yet. Add one with "Watch a channel" below: the brand id, channel id, '
        + 'environment and domain of the chat\'s channel address.',
      action: { label: 'Watch a channel', run: () => $('#w-brand').focus() }
    });
  pager.show(res.body);
}

function summary(watch) {
  const drift = watch.driftFields.length ? `; differs from its draft in ${watch.driftFields.join(', ')}` : '';
  const failures = watch.consecutiveFailures ? `; ${watch.consecutiveFailures} failed fetches in a row` : '';
  return `${watch.brandId}/${watch.channelId} on ${watch.env}.${watch.domain}: ${watch.state}, worst failing ratio `
    + `${worstRatio(watch)}${drift}${failures}.`;
}

function contrast(report) {
  const failing = report.contrast.filter(c => !c.passes && c.severity === 'error').length;
  return failing ? `${failing} failing checks` : 'passes';
}

/** Draws one snapshot's mapped theme into the figure `side` ("before" or "after"). */
function drawSide(side, snapshot) {
  const caption = $(`#${side}-caption`);
  const host = $(`#${side}-widget`);
  if (!snapshot) {
    caption.textContent = side === 'before' ? 'Before: no earlier look recorded' : '';
    host.replaceChildren();
    return;
  }
  caption.textContent = `${side === 'before' ? 'Before' : 'After'}: ${localTime(snapshot.time)}, `
    + contrast(snapshot.report);
  const widget = fromTemplate('mini-widget');
  widget.setAttribute('aria-label', `The live look ${side === 'before' ? 'before' : 'after'} the change`);
  drawWidget(snapshot.theme, snapshot.report, widget);
  host.replaceChildren(widget);
}

/** Shows snapshot `index` of `items` (newest first) as "after", the one before it as "before". */
function compare(items, index) {
  $('#snapshot-compare').hidden = false;
  drawSide('before', items[index + 1]);
  drawSide('after', items[index]);
}

async function loadSnapshots(watch) {
  const isNewest = newestSnapshots();
  const res = await request(`/api/v1/channels/${watch.id}/snapshots?page=1&size=20`);
  if (!isNewest()) return;
  if (!res.ok) return complain(res, 'Loading the snapshots');
  const items = res.body.items;
  fillTable($('#snapshot-table tbody'), items.map((snapshot, i) => {
    const tr = fromTemplate('snapshot-row', {
      time: localTime(snapshot.time), hash: snapshot.contentHash.slice(0, 12), contrast: contrast(snapshot.report),
      preview: i + 1 < items.length ? 'Before/after' : 'Show'
    });
    tr.dataset.hash = snapshot.contentHash;
    field(tr, 'preview').addEventListener('click', () => compare(items, i));
    return tr;
  }), { text: 'No look recorded yet: the first check runs shortly after a watch is added. Press "Check now" to run '
    + 'one, then "Reload".' });
  if (items.length) compare(items, 0); else $('#snapshot-compare').hidden = true;
}

/** Shows one watch in the detail panel with its snapshot history. */
export function openChannel(watch) {
  selected = watch;
  $('#channel-detail').hidden = false;
  $('#channel-title').textContent = watch.name;
  $('#channel-summary').textContent = summary(watch);
  return loadSnapshots(watch);
}

// How long "check now" follows the watch: the check runs as a job, usually within a second or two; after this the
// console stops asking and says to reload (a slow or throttled channel host is not an error of the console).
const FOLLOW_TRIES = 30;
const FOLLOW_EVERY_MS = 1000;

async function checkNow() {
  const watch = selected;
  if (!watch) return;
  const res = await request(`/api/v1/channels/${watch.id}/check`, { method: 'POST' });
  if (!res.ok) return complain(res, 'Check now');
  // the 202 carries the watch as it was when the check was asked for: its result is a later lastCheckedAt
  const before = res.body.lastCheckedAt;
  say(`Check of ${watch.name} asked for; waiting for its result…`);
  for (let i = 0; i < FOLLOW_TRIES; i++) {
    await new Promise(resolve => setTimeout(resolve, FOLLOW_EVERY_MS));
    if (selected !== watch) return; // another channel was opened meanwhile
    const now = await request(`/api/v1/channels/${watch.id}`);
    if (!now.ok) return complain(now, 'Reading the channel');
    if (now.body.lastCheckedAt && now.body.lastCheckedAt !== before) {
      say(`Checked ${watch.name}: ${now.body.state}.`);
      await Promise.all([openChannel(now.body), loadChannels()]);
      return;
    }
  }
  say(`The check of ${watch.name} has not finished after ${FOLLOW_TRIES} s: press Reload later to see it.`, true);
}

async function importLive() {
  const watch = selected;
  if (!watch) return;
  const { brandId, channelId, env, domain } = watch;
  const res = await request('/api/v1/themes/import', { method: 'POST', json: { brandId, channelId, env, domain } });
  if (!res.ok) return complain(res, 'Creating a draft from the live look');
  say(`Draft "${res.body.name}" created from the live look of ${watch.name} (id ${res.body.id}); it is in Themes.`);
}

// the watch form's inputs by the request field each one fills (a problem document's errors[].path)
const WATCH_FIELDS = {
  brandId: '#w-brand', channelId: '#w-channel', env: '#w-env', domain: '#w-domain', name: '#w-name',
  themeId: '#w-theme', intervalSeconds: '#w-interval'
};

/** Lists why a watch was refused next to the form, from the problem document, and marks the fields it names. */
function showWatchErrors(problem) {
  const errors = problem?.errors ?? [];
  Object.values(WATCH_FIELDS).forEach(id => $(id).removeAttribute('aria-invalid'));
  errors.forEach(e => $(WATCH_FIELDS[e.path] ?? '#w-brand').setAttribute('aria-invalid', 'true'));
  const lines = errors.length ? errors.map(e => `${e.path}: ${e.message}`) : problem ? [problem.detail ?? problem.title] : [];
  $('#watch-errors').replaceChildren(...lines.map(text => {
    const li = fromTemplate('log-line');
    li.textContent = text;
    return li;
  }));
}

/** POST /api/v1/channels with what the form holds (empty fields left out, so the service names what is missing). */
async function addWatch(event) {
  event.preventDefault();
  const json = {};
  Object.entries(WATCH_FIELDS).forEach(([name, id]) => {
    const value = $(id).value.trim();
    if (value) json[name] = name === 'intervalSeconds' ? Number(value) : value;
  });
  const res = await request('/api/v1/channels', { method: 'POST', json });
  if (!res.ok) {
    showWatchErrors(res.body ?? { title: `HTTP ${res.status}` });
    return complain(res, 'Adding the watch');
  }
  showWatchErrors(null);
  $('#watch-form').reset();
  say(`Watching ${res.body.name} (state ${res.body.state}): its first check runs now; press "Check now" or "Reload" `
    + 'to follow it.');
  await loadChannels();
  return openChannel(res.body);
}

export function initChannels() {
  pager = new Pager('channels', loadChannels);
  $('#reload-channels').addEventListener('click', loadChannels);
  $('#check-now').addEventListener('click', checkNow);
  $('#import-live').addEventListener('click', importLive);
  $('#watch-form').addEventListener('submit', addWatch);
  onShow('channels', loadChannels);
}
