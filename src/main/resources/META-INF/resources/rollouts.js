// The Widget view's rollouts part: the widget's canary rollouts (GET /api/v1/widgets/{id}/rollouts), one followed as
// server-sent events (GET /api/v1/rollouts/{id}/events) with its stages and last gate's figures for control and
// variant, the commands pause / resume / promote / abort for publishers, and a form that starts one.
import { $, say, field, fromTemplate, localTime, fillTable, showFieldErrors, newestOnly } from './ui.js';
import { request, complain, tokenRoles, serverEvents } from './api.js';

const PUBLISHER = 'theme-publisher';
const METRICS = [['theme_load_time', 'Theme load p95 (ms)', 'themeLoadP95'], ['render_duration', 'Render p95 (ms)',
  'renderP95'], ['first_paint', 'First paint p95 (ms)', 'firstPaintP95']];
// which command each state takes (the service refuses the others with 409, whose detail is shown)
const TAKES = {
  pause: r => r.state === 'RUNNING' && r.stage != null,
  resume: r => r.state === 'PAUSED' || r.state === 'STALLED',
  promote: r => ['RUNNING', 'PAUSED', 'STALLED'].includes(r.state) && r.stage != null,
  abort: r => ['PENDING_APPROVAL', 'SCHEDULED', 'RUNNING', 'PAUSED', 'STALLED'].includes(r.state)
};

let widgetId = null;
let following = null; // the AbortController of the followed rollout's event stream
const newest = newestOnly();

const stageText = r => (r.stage == null ? `– of ${r.stages.length}` : `${r.stage + 1} of ${r.stages.length}`);

function row(r) {
  const tr = fromTemplate('rollout-row', {
    id: r.id, theme: `${r.themeId} v${r.themeVersion}`, state: r.state, stage: stageText(r),
    weight: `variant ${r.variantPercent} %, control ${100 - r.variantPercent} %`, created: localTime(r.createdAt)
  });
  field(tr, 'id').setAttribute('aria-label', `Show rollout ${r.id}`);
  field(tr, 'id').addEventListener('click', () => follow(r.id));
  return tr;
}

export async function loadRollouts(id = widgetId) {
  widgetId = id;
  $('#rollout-form').querySelectorAll('input, button').forEach(e => { e.disabled = !tokenRoles().includes(PUBLISHER); });
  const current = newest();
  const res = await request(`/api/v1/widgets/${encodeURIComponent(id)}/rollouts?size=100`);
  if (!current()) return;
  if (!res.ok) return complain(res, 'Loading the rollouts');
  fillTable($('#rollout-table tbody'), res.body.items.map(row), {
    text: 'No rollout yet: start one below to move traffic to a new version stage by stage.',
    action: { label: 'Start a rollout', run: () => $('#r-theme').focus() }
  });
}

function showStages(r) {
  const rows = r.stages.map((percent, i) => fromTemplate('stage-row', {
    stage: `${i + 1} of ${r.stages.length}`, variant: `${percent} %`, control: `${100 - percent} %`,
    progress: r.stage == null ? (r.state === 'PROMOTED' ? 'done' : 'not started')
      : i < r.stage ? 'passed' : i === r.stage ? (r.live ? 'current' : r.state.toLowerCase()) : 'not reached'
  }));
  $('#stage-table tbody').replaceChildren(...rows);
}

function showGate(r) {
  const g = r.lastGate;
  if (!g) {
    $('#gate-caption').textContent = 'No gate read yet: the first is read when the first stage\'s hold ends.';
    $('#gate-table tbody').replaceChildren();
    $('#gate-failed').textContent = '';
    return;
  }
  $('#gate-caption').textContent = `Last gate read: stage ${g.stage + 1} (variant ${g.variantPercent} %)`
    + `${g.since ? ', figures since ' + localTime(g.since) : ''}`;
  const figure = v => (v == null ? 'no samples' : String(v));
  const rows = METRICS.map(([metric, label, gate]) => fromTemplate('gate-row', {
    figure: label, control: figure(g.control?.p95?.[metric]), variant: figure(g.variant?.p95?.[metric]),
    gate: `at most ${r.gates[gate]} × control${g.failed === gate ? ' (failed)' : ''}`
  }));
  rows.push(fromTemplate('gate-row', {
    figure: 'Samples', control: String(g.control?.samples ?? 0), variant: String(g.variant?.samples ?? 0),
    gate: `at least ${r.gates.minSamples} each${g.failed === 'minSamples' ? ' (too few)' : ''}`
  }));
  $('#gate-table tbody').replaceChildren(...rows);
  $('#gate-failed').textContent = g.failed ? `Failing gate: ${g.failed}${g.reason ? ' (' + g.reason + ')' : ''}` : '';
}

function showRollout(r) {
  r.live = TAKES.abort(r);
  $('#rollout-detail').hidden = false;
  $('#rollout-detail').dataset.id = r.id;
  $('#rollout-title').textContent = `Rollout ${r.id}`;
  $('#rollout-state').textContent = r.state;
  $('#rollout-summary').textContent = `, stage ${stageText(r)}, variant ${r.variantPercent} % / control `
    + `${100 - r.variantPercent} %${r.command ? `; ${r.command} asked by ${r.commandBy}` : ''}`
    + `${r.outcome ? '; ' + r.outcome : ''}`;
  const publisher = tokenRoles().includes(PUBLISHER);
  $('#rollout-commands').hidden = !publisher;
  $('#rollout-commands').querySelectorAll('button').forEach(b => {
    b.disabled = !TAKES[b.dataset.command](r) || r.command != null;
    b.setAttribute('aria-label', `${b.textContent} rollout ${r.id}`);
  });
  showStages(r);
  showGate(r);
}

/** Shows a rollout and follows its events until it is over or another is chosen. */
async function follow(id) {
  following?.abort();
  const controller = new AbortController();
  following = controller;
  let lastState = null;
  try {
    for await (const data of serverEvents(`/api/v1/rollouts/${encodeURIComponent(id)}/events`, controller.signal)) {
      const r = JSON.parse(data);
      showRollout(r);
      if (lastState !== null && r.state !== lastState) loadRollouts();
      lastState = r.state;
    }
  } catch (e) {
    if (e.name === 'AbortError') return;
    say(`Following rollout ${id} stopped: ${e.message}. Choose it again to reload.`, true);
  }
}

async function command(verb) {
  const id = $('#rollout-detail').dataset.id;
  const res = await request(`/api/v1/rollouts/${encodeURIComponent(id)}/${verb}`, { method: 'POST' });
  if (!res.ok) return complain(res, `Asking to ${verb}`); // 409: the detail says which commands the state takes
  showRollout(res.body);
  say(`Rollout ${id}: ${verb} asked; it takes effect within a tick.`);
}

function entered() {
  const number = id => ($(id).value.trim() === '' ? undefined : Number($(id).value));
  return {
    themeId: $('#r-theme').value.trim(),
    stages: $('#r-stages').value.split(/[\s,]+/).filter(Boolean).map(Number),
    holdSeconds: number('#r-hold'),
    gates: {
      themeLoadP95: number('#r-load'), renderP95: number('#r-render'), firstPaintP95: number('#r-paint'),
      minSamples: number('#r-samples'), liveChannelPassing: $('#r-live').checked
    }
  };
}

async function start(event) {
  event.preventDefault();
  const res = await request(`/api/v1/widgets/${encodeURIComponent(widgetId)}/rollouts`, { method: 'POST', json: entered() });
  if (res.status === 400) {
    const rest = showFieldErrors($('#rollout-form'), res.body?.errors);
    $('#rollout-form [aria-invalid=true]')?.focus();
    return say(`The rollout was not started: ${res.body?.detail ?? 'see the fields marked'}${rest.length
      ? ' (' + rest.map(e => `${e.path}: ${e.message}`).join('; ') + ')' : ''}`, true);
  }
  showFieldErrors($('#rollout-form'), []);
  if (!res.ok) return complain(res, 'Starting the rollout');
  say(`Rollout ${res.body.id} started: ${res.body.state}.`);
  await loadRollouts();
  follow(res.body.id);
}

export function stopFollowing() {
  following?.abort();
  following = null;
  $('#rollout-detail').hidden = true;
}

export function initRollouts() {
  $('#reload-rollouts').addEventListener('click', () => loadRollouts());
  $('#rollout-form').addEventListener('submit', start);
  $('#rollout-commands').querySelectorAll('button').forEach(b => b.addEventListener('click', () => command(b.dataset.command)));
}
