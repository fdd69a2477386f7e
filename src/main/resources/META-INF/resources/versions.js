// The editor's version history (GET /api/v1/themes/{id}/versions: [VersionView], oldest first) and the field-level
// diff between two versions (GET .../diff?from&to: {changes: [{path, old, new, kind}]}).
import { $, field, fillTable, fromTemplate, localTime } from './ui.js';
import { request, complain } from './api.js';

let themeId = null;

export async function loadVersions(id) {
  themeId = id;
  const res = await request(`/api/v1/themes/${encodeURIComponent(id)}/versions`);
  if (!res.ok) return complain(res, 'Loading the versions');
  $('#version-table tbody').replaceChildren(...res.body.slice().reverse().map(v => {
    const row = fromTemplate('version-row', { version: 'v' + v.version, saved: localTime(v.createdAt), by: v.createdBy });
    row.dataset.version = String(v.version);
    const button = field(row, 'diff');
    if (v.version > 1) {
      button.textContent = `Changes from v${v.version - 1}`;
      button.addEventListener('click', () => showDiff(v.version - 1, v.version));
    } else {
      button.remove(); // the first version has nothing before it
    }
    return row;
  }));
}

/** A JSON value of the diff as text: strings as they are, absent as a dash, anything else as JSON. */
const asText = v => (v == null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

async function showDiff(from, to) {
  const res = await request(`/api/v1/themes/${encodeURIComponent(themeId)}/diff?from=${from}&to=${to}`);
  if (!res.ok) return complain(res, 'Loading the diff');
  $('#diff-title').textContent = `Changes from v${from} to v${to}`;
  const rows = res.body.changes.map(c => {
    const row = fromTemplate('diff-row', { path: c.path, old: asText(c.old), new: asText(c.new), kind: c.kind });
    row.dataset.path = c.path;
    return row;
  });
  $('#diff-table tbody').replaceChildren(...(rows.length ? rows : [fromTemplate('no-diff-row')]));
  $('#diff').hidden = false;
}

export function clearVersions() {
  themeId = null;
  fillTable($('#version-table tbody'), [], { text: 'A draft\'s versions show here once it is saved: press "Save".' });
  $('#diff').hidden = true;
}
