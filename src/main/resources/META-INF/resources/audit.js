// The Audit view: events filtered by actor, action and theme (GET /api/v1/audit: {items: [AuditEvent], page,
// pageSize, totalItems}) and "Verify chain" (GET /api/v1/audit/verify: {valid, events, checkpoints,
// firstBrokenSeq?, brokenCheckpoint?, reason?}).
import { $, fillTable, fromTemplate, localTime, onShow, newestOnly, Pager } from './ui.js';
import { request, complain } from './api.js';

const newest = newestOnly();
let pager;

// the person's name (details.actorName, from a console sign-in) next to the subject, which is what the actor filter takes
function actorOf(event) {
  const name = event.details?.actorName;
  return name ? `${name} · ${event.actor}` : event.actor;
}

function row(event) {
  const tr = fromTemplate('audit-row', {
    seq: String(event.seq), time: localTime(event.time), actor: actorOf(event), action: event.action,
    outcome: event.outcome, theme: event.themeId ?? '' // themeId is null for events about no theme
  });
  tr.dataset.action = event.action;
  return tr;
}

async function search() {
  const isNewest = newest();
  const params = new URLSearchParams({ page: String(pager.page), size: '20' });
  [['actor', '#a-actor'], ['action', '#a-action'], ['themeId', '#a-theme']].forEach(([name, selector]) => {
    const value = $(selector).value.trim();
    if (value) params.set(name, value);
  });
  const res = await request('/api/v1/audit?' + params);
  if (!isNewest()) return;
  if (!res.ok) return complain(res, 'Loading the audit trail');
  fillTable($('#audit-table tbody'), res.body.items.map(row), emptyText(params, res.body.totalItems));
  pager.show(res.body, ` (${res.body.totalItems} events)`);
}

/** What an empty result means: filters that match nothing, a page past the end, or a trail with no event yet. */
function emptyText(params, total) {
  if (total) return { text: 'No events on this page: press "Previous page".' };
  if (['actor', 'action', 'themeId'].some(name => params.has(name))) {
    return { text: 'No event matches these filters: clear a field and press "Search".' };
  }
  return { text: 'No events yet. Every change is recorded here: save a draft in the Editor, publish it, or watch a '
    + 'channel, then come back.' };
}

async function verify() {
  const res = await request('/api/v1/audit/verify');
  if (!res.ok) return complain(res, 'Verifying the chain');
  const r = res.body;
  const out = $('#verify-result');
  // a deleted checkpoint names no event: the reason then says which checkpoint is missing
  out.textContent = r.valid
    ? `Chain valid: ${r.events} events checked, ${r.checkpoints} signed checkpoints matched.`
    : `Chain BROKEN${r.firstBrokenSeq != null ? ' at event #' + r.firstBrokenSeq : ''}: ${r.reason} (${r.events} events read).`;
  out.className = r.valid ? 'ok' : 'bad';
  out.dataset.valid = String(r.valid);
}

export function initAudit() {
  pager = new Pager('audit', search);
  $('#audit-form').addEventListener('submit', event => {
    event.preventDefault();
    pager.page = 1;
    search();
  });
  $('#verify').addEventListener('click', verify);
  onShow('audit', search);
}
