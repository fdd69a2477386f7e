// The Widget view's policy part: the widget's approvals, publication windows and approval time-to-live
// (GET /api/v1/widgets/{id}/policy), edited and saved with PUT by publishers; a refusal's errors[] are shown next to
// the field each one names (windows[1].zone beside that window's zone).
import { $, say, field, fromTemplate, localTime, showFieldErrors } from './ui.js';
import { request, complain, tokenRoles } from './api.js';

const PUBLISHER = 'theme-publisher';
let widgetId = null;

function windowRow(w = { days: [], from: '09:00', to: '17:00', zone: 'Europe/Berlin' }) {
  const tr = fromTemplate('window-row');
  field(tr, 'days').value = w.days.join(', ');
  field(tr, 'from').value = w.from;
  field(tr, 'to').value = w.to;
  field(tr, 'zone').value = w.zone;
  field(tr, 'remove').addEventListener('click', () => { tr.remove(); numberWindows(); });
  return tr;
}

/** Labels and error places follow a window's position: the server's paths count from 0 in the order sent. */
function numberWindows() {
  [...$('#window-table tbody').rows].forEach((tr, i) => {
    ['days', 'from', 'to', 'zone'].forEach(name => {
      const input = field(tr, name);
      const error = field(tr, `${name}-error`);
      error.id = `err-windows-${i}-${name}`;
      error.dataset.errorFor = `windows[${i}].${name}`;
      input.setAttribute('aria-label', `Window ${i + 1} ${name === 'days' ? 'days' : name === 'zone' ? 'time zone' : name}`);
      input.setAttribute('aria-describedby', error.id);
    });
    field(tr, 'remove').setAttribute('aria-label', `Remove window ${i + 1}`);
  });
}

function show(policy) {
  $('#pol-approvals').value = String(policy.approvals);
  $('#pol-ttl').value = policy.approvalTtl;
  $('#window-table tbody').replaceChildren(...policy.windows.map(windowRow));
  numberWindows();
  $('#policy-summary').textContent = policy.stored
    ? `Stored by ${policy.updatedBy} on ${localTime(policy.updatedAt)}; applies to publications requested afterwards.`
    : 'No policy stored for this widget: this is the default.';
  showFieldErrors($('#policy-form'), []);
}

export async function loadPolicy(id) {
  widgetId = id;
  const mayEdit = tokenRoles().includes(PUBLISHER);
  $('#policy-form').querySelectorAll('input, select, button').forEach(e => { e.disabled = !mayEdit; });
  const res = await request(`/api/v1/widgets/${encodeURIComponent(id)}/policy`);
  if (!res.ok) return complain(res, 'Loading the policy');
  show(res.body);
}

function entered() {
  return {
    approvals: Number($('#pol-approvals').value),
    approvalTtl: $('#pol-ttl').value.trim(),
    windows: [...$('#window-table tbody').rows].map(tr => ({
      days: field(tr, 'days').value.split(/[\s,]+/).filter(Boolean).map(d => d.toUpperCase()),
      from: field(tr, 'from').value, to: field(tr, 'to').value, zone: field(tr, 'zone').value.trim()
    }))
  };
}

async function save(event) {
  event.preventDefault();
  const res = await request(`/api/v1/widgets/${encodeURIComponent(widgetId)}/policy`, { method: 'PUT', json: entered() });
  if (res.status === 400) {
    const rest = showFieldErrors($('#policy-form'), res.body?.errors);
    const first = $('#policy-form [aria-invalid=true]');
    first?.focus();
    return say(`The policy was not saved: ${res.body?.detail ?? 'see the fields marked'}${rest.length
      ? ' (' + rest.map(e => `${e.path}: ${e.message}`).join('; ') + ')' : ''}`, true);
  }
  if (!res.ok) return complain(res, 'Saving the policy');
  show(res.body);
  say(`Policy of widget ${widgetId} saved: ${res.body.approvals} approval(s), ${res.body.windows.length} window(s).`);
}

export function initPolicy() {
  $('#policy-form').addEventListener('submit', save);
  $('#add-window').addEventListener('click', () => {
    $('#window-table tbody').append(windowRow());
    numberWindows();
    $('#window-table tbody tr:last-child input').focus();
  });
}
