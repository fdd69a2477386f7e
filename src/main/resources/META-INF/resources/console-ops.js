// Publications, sync jobs (live progress over SSE read with fetch) and the audit trail.
'use strict';
(() => {
  const { el, say, api, complain, token, $ } = window.CxConsole;
  let stream = null;

  function log(text) {
    $('#progress').append(el('li', {}, new Date().toLocaleTimeString() + ' ' + text));
  }

  /** What a 404 means here: the endpoint may not exist on this server yet, or the id is unknown. */
  function missing(res, what) {
    if (res.status !== 404) return false;
    const detail = res.body && res.body.detail;
    say(what + ': not found (404). ' + (detail || 'This server may not offer publishing yet.'), true);
    return true;
  }

  /**
   * Follows a server-sent event stream. EventSource cannot send an Authorization header, so the stream is read with
   * fetch() and a ReadableStream, and its "data:" lines are joined per event (a blank line ends one).
   */
  async function follow(url, label) {
    if (stream) stream.abort();
    stream = new AbortController();
    let res;
    try {
      res = await fetch(url, { headers: { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' }, signal: stream.signal });
    } catch (e) {
      return log(label + ': could not connect (' + e.message + ')');
    }
    if (!res.ok) return log(label + ': events not available (HTTP ' + res.status + ')');
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let data = [];
    const dispatch = () => {
      if (data.length) event(label, data.join('\n'));
      data = [];
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');
          buffer = buffer.slice(newline + 1);
          if (line === '') dispatch();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
      }
      dispatch();
      log(label + ': stream ended');
    } catch (e) {
      if (e.name !== 'AbortError') log(label + ': stream broken (' + e.message + ')');
    }
  }

  function event(label, text) {
    try {
      const e = JSON.parse(text);
      // sync progress: synced + skipped of total done (SyncJobView)
      const counts = e.total !== undefined ? ' ' + ((e.synced || 0) + (e.skipped || 0)) + '/' + e.total + ' done, ' + (e.failed || 0) + ' failed' : '';
      const why = e.failureReason || e.error || e.errorMessage;
      log(label + ': ' + (e.state || e.status || 'event') + counts + (why ? ' — ' + why : ''));
    } catch (err) {
      log(label + ': ' + text);
    }
  }

  async function history(event) {
    event.preventDefault();
    const widget = $('#p-widget').value.trim();
    if (!widget) return say('Enter a widget id.', true);
    const res = await api('/api/v1/widgets/' + encodeURIComponent(widget) + '/publications');
    if (missing(res, 'Publication history')) return;
    if (!res.ok) return complain(res, 'Loading the publications');
    const items = Array.isArray(res.body) ? res.body : res.body.items || [];
    $('#pub-table tbody').replaceChildren(...items.map(p => el('tr', {}, el('td', {}, p.id), el('td', {}, p.themeId),
      el('td', {}, String(p.themeVersion ?? '')), el('td', {}, p.state), el('td', {}, p.updatedAt || p.createdAt || ''))));
    say(items.length + ' publications for widget ' + widget + '.');
  }

  async function publish(event) {
    event.preventDefault();
    const widget = $('#p-widget').value.trim();
    const body = { themeId: $('#p-theme').value.trim(), onConflict: $('#p-conflict').value };
    if ($('#p-version').value) body.version = Number($('#p-version').value);
    if (!widget || !body.themeId) return say('Enter a widget id and a theme id.', true);
    const res = await api('/api/v1/widgets/' + encodeURIComponent(widget) + '/publications', { method: 'POST', json: body });
    if (missing(res, 'Publishing')) return;
    if (!res.ok) return complain(res, 'Publishing');
    const location = res.headers.get('Location') || '/api/v1/publications/' + (res.body && res.body.id);
    say('Publication accepted: ' + location);
    follow(new URL(location, window.location.href).pathname + '/events', 'publication');
  }

  async function job(event) {
    event.preventDefault();
    const id = $('#j-id').value.trim();
    if (!id) return say('Enter a sync job id.', true);
    const res = await api('/api/v1/sync-jobs/' + encodeURIComponent(id));
    if (missing(res, 'Sync job')) return;
    if (!res.ok) return complain(res, 'Loading the sync job');
    log('job ' + id + ': ' + JSON.stringify(res.body));
    follow('/api/v1/sync-jobs/' + encodeURIComponent(id) + '/events', 'job');
  }

  // ---- audit trail
  let auditPage = 1;
  let auditSequence = 0;

  async function audit() {
    const mine = ++auditSequence; // only the newest search may fill the table
    const params = new URLSearchParams({ page: String(auditPage), size: '20' });
    [['actor', '#a-actor'], ['action', '#a-action'], ['themeId', '#a-theme']].forEach(([name, sel]) => {
      if ($(sel).value.trim()) params.set(name, $(sel).value.trim());
    });
    const res = await api('/api/v1/audit?' + params);
    if (mine !== auditSequence) return;
    if (!res.ok) return complain(res, 'Loading the audit trail');
    $('#audit-table tbody').replaceChildren(...res.body.items.map(e => el('tr', { 'data-action': e.action },
      el('td', {}, String(e.seq)), el('td', {}, new Date(e.time).toLocaleString()), el('td', {}, e.actor),
      el('td', {}, e.action), el('td', {}, e.outcome), el('td', {}, e.themeId || ''))));
    const pages = Math.max(1, Math.ceil(res.body.totalItems / res.body.pageSize));
    $('#audit-page').textContent = 'Page ' + auditPage + ' of ' + pages + ' (' + res.body.totalItems + ' events)';
    $('#audit-prev').disabled = auditPage <= 1;
    $('#audit-next').disabled = auditPage >= pages;
  }

  async function verify() {
    const res = await api('/api/v1/audit/verify');
    if (!res.ok) return complain(res, 'Verifying the chain');
    const r = res.body;
    const out = $('#verify-result');
    // a deleted checkpoint names no event: the reason then says which checkpoint is missing
    out.textContent = r.valid
      ? 'Chain valid: ' + r.events + ' events checked, ' + r.checkpoints + ' signed checkpoints matched.'
      : 'Chain BROKEN' + (r.firstBrokenSeq != null ? ' at event #' + r.firstBrokenSeq : '') + ': ' + r.reason
        + ' (' + r.events + ' events read).';
    out.className = r.valid ? 'ok' : 'bad';
    out.setAttribute('data-valid', String(r.valid));
  }

  function init() {
    $('#pub-history-form').addEventListener('submit', history);
    $('#publish-form').addEventListener('submit', publish);
    $('#job-form').addEventListener('submit', job);
    $('#audit-form').addEventListener('submit', e => { e.preventDefault(); auditPage = 1; audit(); });
    $('#verify').addEventListener('click', verify);
    $('#audit-prev').addEventListener('click', () => { auditPage--; audit(); });
    $('#audit-next').addEventListener('click', () => { auditPage++; audit(); });
    window.CxConsole.loaders.audit = audit;
    window.CxConsole.loaders.publications = () => {
      const current = window.CxEditor.current();
      if (current.id && !$('#p-theme').value) {
        $('#p-theme').value = current.id;
        $('#p-version').value = String(current.version);
      }
    };
  }

  window.CxOps = { init, follow };
})();
