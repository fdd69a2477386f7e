// The Widget view: one widget's change-control policy and its canary rollouts, chosen by widget id.
import { $, say, onShow } from './ui.js';
import { initPolicy, loadPolicy } from './policy.js';
import { initRollouts, loadRollouts, stopFollowing } from './rollouts.js';

async function choose(event) {
  event.preventDefault();
  const id = $('#wg-id').value.trim();
  if (!id) return say('Enter a widget id first.', true);
  stopFollowing();
  $('#widget-subtitle').textContent = id;
  $('#widget-detail').hidden = false;
  await Promise.all([loadPolicy(id), loadRollouts(id)]);
}

export function initWidget() {
  initPolicy();
  initRollouts();
  $('#widget-form').addEventListener('submit', choose);
  onShow('widget', () => $('#wg-id').focus());
}
