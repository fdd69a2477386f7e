// The Approvals view (role theme-approver): the pending publications that wait for the signed-in person
// (GET /api/v1/approvals: {items: [Publication], page, pageSize, totalItems}), approved with
// POST /api/v1/publications/{id}/approve or rejected with POST /api/v1/publications/{id}/reject {reason}.
import { $, say, fromTemplate, localTime, onShow } from './ui.js';
import { request, complain } from './api.js';

function row(p) {
  const tr = fromTemplate('approval-row', {
    id: p.id, widget: p.widgetId, theme: `${p.themeId} v${p.themeVersion}`, requester: p.requestedBy,
    approvals: `${p.approvedBy.length} of ${p.approvalsRequired}`, expires: localTime(p.deadlineAt)
  });
  const approve = tr.querySelector('[data-action=approve]');
  const reject = tr.querySelector('[data-action=reject]');
  // each button names its publication: a screen reader's list of buttons is otherwise "Approve, Approve, …"
  approve.setAttribute('aria-label', `Approve publication ${p.id}`);
  reject.setAttribute('aria-label', `Reject publication ${p.id}`);
  approve.addEventListener('click', () => decide(p.id, 'approve'));
  reject.addEventListener('click', () => decide(p.id, 'reject'));
  return tr;
}

export async function loadApprovals() {
  const res = await request('/api/v1/approvals?size=100');
  if (!res.ok) return complain(res, 'Loading the approvals');
  const { items, totalItems } = res.body;
  $('#approval-table tbody').replaceChildren(...items.map(row));
  say(`${totalItems} publication${totalItems === 1 ? '' : 's'} waiting for your decision.`);
}

async function decide(id, verb) {
  const reason = $('#a-reason').value.trim();
  if (verb === 'reject' && !reason) return say('Enter a reason for the rejection first.', true);
  const res = await request(`/api/v1/publications/${encodeURIComponent(id)}/${verb}`,
    verb === 'reject' ? { method: 'POST', json: { reason } } : { method: 'POST' });
  // four eyes: the service explains why this person may not decide (their own request, or approved already)
  if (res.status === 403 && res.body?.errors?.[0]?.code === 'same_person') return say(res.body.detail, true);
  if (!res.ok) return complain(res, verb === 'reject' ? 'Rejecting' : 'Approving');
  await loadApprovals();
  say(`Publication ${id} ${verb === 'reject' ? 'rejected' : 'approved'}: now ${res.body.state}.`);
}

export function initApprovals() {
  $('#approvals-refresh').addEventListener('click', loadApprovals);
  onShow('approvals', loadApprovals);
}
