// The Editor view: open, create and save drafts (DraftView: {id, name, version, etag, theme, report, ...}), validate
// 250 ms after the last edit (POST /api/v1/themes/validate answers a ValidationReport) and apply suggestions.
import { $, say, show, onShow, newestOnly } from './ui.js';
import { request, complain, SESSION_ENDED } from './api.js';
import { sample } from './theme.js';
import { collect, fillForm, initFields, inputFor, mirror } from './editor-fields.js';
import { showReport, drawWidget } from './report.js';
import { loadVersions, clearVersions } from './versions.js';
import { visionKind, seenWith, paint, initPreviewControls } from './vision.js';

let current = { id: null, etag: null, version: null };
let baseline = null; // the form as last opened or saved (collect()'s JSON): anything else is unsaved
let timer = null;
let shown = null; // the theme and report last drawn, for the preview controls
const newest = newestOnly();
const newestVision = newestOnly();

/** The draft being edited: {id, etag, version}, id null for a theme not saved yet. */
export const currentDraft = () => ({ ...current });

function edited() {
  clearTimeout(timer);
  timer = setTimeout(validate, 250); // debounced: one request per pause in typing
}

async function validate() {
  const isNewest = newest();
  const theme = collect();
  const res = await request('/api/v1/themes/validate', { method: 'POST', json: theme });
  if (!isNewest()) return; // a newer edit is already on its way
  if (res.ok) return render(theme, res.body);
  // a body the validator cannot even read is a 400 problem naming the fields: shown as the report's field errors
  if (res.status === 400 && res.body?.errors) return render(theme, { valid: false, errors: res.body.errors, contrast: [] });
  complain(res, 'Validation');
}

function render(theme, report) {
  shown = { theme, report };
  showReport(report, applySuggestion);
  redraw();
}

/** Draws the widget in the theme's colours, then (with a vision chosen) as the server says they are seen. */
async function redraw() {
  if (!shown) return;
  const { theme } = shown;
  const isNewest = newestVision();
  drawWidget(theme, shown.report);
  $('#widget').dataset.vision = '';
  const kind = visionKind();
  if (!kind) return;
  const seen = await seenWith(theme, kind);
  if (isNewest() && seen) paint($('#widget'), seen);
}

function applySuggestion(path, color) {
  const input = inputFor(path);
  if (!input) return;
  input.value = color;
  mirror(input);
  say(`Applied ${color} to ${path}.`);
  clearTimeout(timer);
  validate();
}

function setCurrent(draft) {
  current = { id: draft.id, etag: draft.etag, version: draft.version };
  $('#editor-subtitle').textContent = `${draft.name} · version ${draft.version}`;
  $('#reload-theme').hidden = true;
}

// ---- unsaved changes across a new sign-in: when the session ends (api.js), the form goes to this tab's
// sessionStorage, one entry per theme ('new' for one not saved yet), and comes back after signing in. The entry goes
// only once a save of it succeeded: until then the page or the storage holds it.
const KEPT = 'cxone-console-draft:';
const keptKey = id => KEPT + (id ?? 'new');

function keepUnsaved() {
  const theme = collect();
  if (baseline === null || JSON.stringify(theme) === baseline) return;
  sessionStorage.setItem(keptKey(current.id), JSON.stringify({ ...current, theme, keptAt: Date.now() }));
}

/** The newest kept draft back in the form, against the version it was edited from (so If-Match still guards it). */
async function restoreKept() {
  await null; // after the entry module's first words in the status line ("Signed in as ..."), not before them
  const kept = Object.keys(sessionStorage).filter(k => k.startsWith(KEPT))
    .map(k => JSON.parse(sessionStorage.getItem(k))).sort((a, b) => b.keptAt - a.keptAt)[0];
  if (!kept) return;
  if (kept.id) {
    const res = await request('/api/v1/themes/' + encodeURIComponent(kept.id));
    if (!res.ok) return complain(res, 'Restoring your unsaved changes');
    setCurrent({ ...res.body, etag: kept.etag, version: kept.version });
    loadVersions(kept.id);
  } else {
    current = { id: null, etag: null, version: null };
    $('#editor-subtitle').textContent = 'new, not saved yet';
    clearVersions();
  }
  fillForm(kept.theme);
  baseline = ''; // unsaved whatever the form holds: kept again if the session ends again
  show('editor');
  validate();
  say(`Restored your unsaved changes to "${kept.theme.name}" from before you signed in again: save to store them.`);
}

export async function openDraft(id) {
  const res = await request('/api/v1/themes/' + encodeURIComponent(id));
  if (!res.ok) return complain(res, 'Opening the theme');
  setCurrent(res.body);
  fillForm(res.body.theme);
  baseline = JSON.stringify(collect());
  render(res.body.theme, res.body.report);
  show('editor');
  loadVersions(id);
}

function startNew() {
  current = { id: null, etag: null, version: null };
  $('#editor-subtitle').textContent = 'new, not saved yet';
  fillForm(sample());
  baseline = JSON.stringify(collect());
  clearVersions();
  show('editor');
  validate();
}

async function save(event) {
  event.preventDefault();
  const theme = collect();
  const res = current.id
    ? await request('/api/v1/themes/' + current.id, { method: 'PUT', json: theme, headers: { 'If-Match': current.etag } })
    : await request('/api/v1/themes', { method: 'POST', json: theme });
  if (res.ok) {
    sessionStorage.removeItem(keptKey(current.id)); // stored now: what was kept for it is no longer needed
    setCurrent(res.body);
    baseline = JSON.stringify(theme);
    say(`Saved "${res.body.name}" as version ${res.body.version}.`);
    loadVersions(res.body.id);
  } else if (res.status === 412) {
    say('Not saved: someone else changed this theme since you opened it. Reload the stored version to see their '
      + 'changes (yours are still in the form until you do).', true);
    $('#reload-theme').hidden = false;
  } else if (res.status === 400 && res.body?.report) {
    render(theme, res.body.report); // an invalid theme: the problem carries the full report, nothing was stored
    say('Not saved: ' + res.body.detail, true);
  } else {
    complain(res, 'Saving');
  }
}

export function initEditor() {
  initFields(edited);
  initPreviewControls(redraw);
  $('#theme-form').addEventListener('submit', save);
  $('#new-theme').addEventListener('click', startNew);
  $('#reload-theme').addEventListener('click', () => {
    if (!current.id) return;
    sessionStorage.removeItem(keptKey(current.id)); // the person chose the stored version over their changes
    openDraft(current.id);
  });
  onShow('editor', () => { if (!current.id && !$('#f-name').value) startNew(); });
  window.addEventListener(SESSION_ENDED, keepUnsaved);
  restoreKept();
}
