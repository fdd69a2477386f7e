// The Themes view: drafts, most recently changed first (GET /api/v1/themes: {items: [DraftView], page, pageSize,
// totalItems}, each item with its contrast summary {valid, fieldErrors, failingChecks, warnings}).
import { $, field, fillTable, fromTemplate, localTime, onShow, newestOnly, Pager } from './ui.js';
import { request, complain, canCall } from './api.js';
import { openDraft } from './editor.js';

const newest = newestOnly();
let pager;

function contrast(summary) {
  if (summary.valid) return 'valid' + (summary.warnings ? `, ${summary.warnings} warnings` : '');
  return `invalid: ${summary.failingChecks} failing checks`
    + (summary.fieldErrors ? `, ${summary.fieldErrors} field errors` : '');
}

function row(item) {
  const tr = fromTemplate('theme-row', {
    name: item.name, version: String(item.version), updated: localTime(item.updatedAt), contrast: contrast(item.summary)
  });
  tr.dataset.id = item.id;
  const status = field(tr, 'contrast');
  status.className = item.summary.valid ? 'ok' : 'bad';
  status.dataset.valid = String(item.summary.valid);
  field(tr, 'name').addEventListener('click', () => openDraft(item.id));
  return tr;
}

export async function loadThemes() {
  if (!canCall()) return;
  const isNewest = newest();
  const res = await request(`/api/v1/themes?page=${pager.page}&size=20`);
  if (!isNewest()) return;
  if (!res.ok) return complain(res, 'Loading the themes');
  fillTable($('#theme-table tbody'), res.body.items.map(row), res.body.totalItems
    ? { text: 'No drafts on this page: press "Previous page".' }
    : {
      text: 'No drafts yet. Start one with "New theme", or make one from a live chat channel\'s look in Live channels.',
      action: { label: 'New theme', run: () => $('#new-theme').click() }
    });
  pager.show(res.body);
}

export function initThemes() {
  pager = new Pager('themes', loadThemes);
  $('#reload-themes').addEventListener('click', loadThemes);
  onShow('themes', loadThemes);
}
