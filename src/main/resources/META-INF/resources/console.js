// CXone theme console: plain DOM code, no framework. Data from the API only ever reaches the page through
// textContent, input values and CSSOM custom properties (never innerHTML), so hostile names stay text.
'use strict';
(() => {
  const TOKEN_KEY = 'cxone-console-token';
  const HEX = /^#[0-9A-Fa-f]{6}$/;
  const SAMPLE = {
    name: 'New theme', backgroundColor: '#1A1A1A', primaryColor: '#00E676',
    font: { family: 'Inter', sizePx: 14, weight: 500, color: '#FFFFFF' },
    buttons: [{ label: 'Start Chat', color: '#00E676', textColor: '#000000', position: 'center' },
      { label: 'Browse FAQ', color: '#2C2C2C', textColor: '#E0E0E0', position: 'left' }],
    borderRadiusPx: 8, maxWidthPx: 360
  };
  const $ = (selector, root = document) => root.querySelector(selector);

  /** Creates an element; string children become text nodes (never parsed as HTML). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
      else node[key] = value;
    });
    children.forEach(child => node.append(child == null ? '' : child));
    return node;
  }

  function say(text, isError) {
    const status = $('#status');
    status.textContent = text;
    status.classList.toggle('error', !!isError);
  }

  // ---- API access: the token travels only in the Authorization header, never in a URL
  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    if (token()) headers.set('Authorization', 'Bearer ' + token());
    headers.set('Accept', 'application/json, application/problem+json');
    let body;
    if (options.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(options.json);
    }
    let res;
    try {
      res = await fetch(path, { method: options.method || 'GET', headers, body, cache: 'no-store' });
    } catch (e) {
      say('The service did not answer: ' + e.message, true);
      return { status: 0, ok: false, headers: new Headers(), body: null };
    }
    const type = res.headers.get('Content-Type') || '';
    let data = null;
    if (type.includes('json')) {
      try { data = await res.json(); } catch (e) { data = null; }
    }
    if (res.status === 401) say('Not signed in (401): paste a valid, unexpired bearer token above.', true);
    if (res.status === 403) say('Your token lacks the role for this (403): ' + path.split('?')[0], true);
    return { status: res.status, ok: res.ok, headers: res.headers, body: data };
  }

  /** Says what went wrong unless api() already explained a 401/403. */
  function complain(res, what) {
    if (res.status === 401 || res.status === 403 || res.status === 0) return;
    const detail = res.body && (res.body.detail || res.body.title);
    say(what + ' failed (HTTP ' + res.status + ')' + (detail ? ': ' + detail : ''), true);
  }

  /** Subject and roles from the token's payload, for display only (the server verifies it). */
  function describeToken(raw) {
    try {
      const payload = JSON.parse(atob(raw.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return 'subject ' + payload.sub + ', roles ' + (payload.groups || []).join(', ');
    } catch (e) {
      return 'not a readable JWT';
    }
  }

  // ---- paths such as "buttons[1].textColor" address both the theme JSON and the inputs (data-path)
  function parts(path) {
    return path.split('.').flatMap(p => {
      const m = /^(\w+)\[(\d+)\]$/.exec(p);
      return m ? [m[1], Number(m[2])] : [p];
    });
  }
  function getPath(obj, path) {
    return parts(path).reduce((o, k) => (o == null ? undefined : o[k]), obj);
  }
  function setPath(obj, path, value) {
    const keys = parts(path);
    let o = obj;
    keys.slice(0, -1).forEach((k, i) => {
      if (o[k] == null) o[k] = typeof keys[i + 1] === 'number' ? [] : {};
      o = o[k];
    });
    o[keys[keys.length - 1]] = value;
  }

  // ---- views
  const loaders = {};
  function show(view) {
    document.querySelectorAll('[data-view-panel]').forEach(p => { p.hidden = p.dataset.viewPanel !== view; });
    document.querySelectorAll('nav [data-view]').forEach(b => {
      if (b.dataset.view === view) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    });
    if (loaders[view]) loaders[view]();
  }

  // ---- themes list
  let themesPage = 1;
  let themesSequence = 0;
  async function loadThemes() {
    if (!token()) return;
    const mine = ++themesSequence; // a slower, older answer must not replace a newer one
    const res = await api('/api/v1/themes?page=' + themesPage + '&size=20');
    if (mine !== themesSequence) return;
    if (!res.ok) return complain(res, 'Loading the themes');
    const rows = res.body.items.map(item => {
      const s = item.summary;
      const status = !s ? '' : s.valid ? 'valid' + (s.warnings ? ', ' + s.warnings + ' warnings' : '')
        : 'invalid: ' + s.failingChecks + ' failing checks' + (s.fieldErrors ? ', ' + s.fieldErrors + ' field errors' : '');
      const open = el('button', { type: 'button', className: 'link' }, item.name);
      open.addEventListener('click', () => openTheme(item.id));
      return el('tr', { 'data-id': item.id },
        el('td', { className: 'name' }, open), el('td', {}, String(item.version)),
        el('td', {}, new Date(item.updatedAt).toLocaleString()),
        el('td', { className: s && s.valid ? 'ok' : 'bad', 'data-valid': String(!!(s && s.valid)) }, status));
    });
    $('#theme-table tbody').replaceChildren(...rows);
    const pages = Math.max(1, Math.ceil(res.body.totalItems / res.body.pageSize));
    $('#themes-page').textContent = 'Page ' + themesPage + ' of ' + pages;
    $('#themes-prev').disabled = themesPage <= 1;
    $('#themes-next').disabled = themesPage >= pages;
  }
  loaders.themes = loadThemes;

  window.CxConsole = { el, say, api, complain, show, token, getPath, setPath, HEX, SAMPLE, $ };
  // the editor (console-editor.js) and publications/audit (console-ops.js) use these helpers
  document.addEventListener('DOMContentLoaded', () => {
    $('#auth').addEventListener('submit', event => {
      event.preventDefault();
      const raw = $('#token').value.trim().replace(/^Bearer\s+/i, '');
      $('#token').value = '';
      if (!raw) return say('Paste a token first.', true);
      sessionStorage.setItem(TOKEN_KEY, raw);
      say('Token set (' + describeToken(raw) + ').');
      loadThemes();
    });
    $('#forget').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      say('Token forgotten.');
    });
    document.querySelectorAll('nav [data-view]').forEach(b => b.addEventListener('click', () => show(b.dataset.view)));
    $('#reload-themes').addEventListener('click', loadThemes);
    $('#themes-prev').addEventListener('click', () => { themesPage--; loadThemes(); });
    $('#themes-next').addEventListener('click', () => { themesPage++; loadThemes(); });
    window.CxEditor.init();
    window.CxOps.init();
    if (token()) {
      say('Using the token kept in this tab (' + describeToken(token()) + ').');
      loadThemes();
    } else {
      say('Paste a bearer token to start.');
    }
  });

  function openTheme(id) {
    window.CxEditor.open(id);
  }
  window.CxConsole.loaders = loaders;
})();
