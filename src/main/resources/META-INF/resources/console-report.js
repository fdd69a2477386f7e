// Contrast badges, the live widget and the version history of the editor.
'use strict';
(() => {
  const { el, api, complain, getPath, HEX, $ } = window.CxConsole;

  function status(check) {
    if (check.passes) return 'pass';
    return check.severity === 'warning' ? 'warning' : 'fail';
  }

  /** One badge per contrast pair; a failing pair offers its suggested colour with an "Apply" button. */
  function badge(check, apply) {
    const s = status(check);
    const item = el('li', { className: 'badge', 'data-pair': check.pair, 'data-criterion': check.criterion, 'data-status': s },
      el('span', { className: 'verdict' }, s), el('strong', {}, check.pair),
      ' ' + check.ratio.toFixed(2) + ':1, needs ' + check.required + ':1 (WCAG ' + check.criterion + ', ' + check.severity + ')');
    if (check.suggestion) {
      const fix = check.suggestion;
      const button = el('button', { type: 'button', className: 'apply' }, 'Apply ' + fix.color);
      button.setAttribute('aria-label', 'Apply ' + fix.color + ' to ' + fix.path);
      button.addEventListener('click', () => apply(fix.path, fix.color));
      item.append(el('p', { className: 'suggestion' }, 'Suggestion: ' + fix.message + ' '), button);
    }
    return item;
  }

  function showReport(report, apply) {
    const failing = (report.contrast || []).filter(c => status(c) === 'fail').length;
    const summary = $('#report-summary');
    summary.textContent = report.valid ? 'Valid' + (report.level ? ' (' + report.level + ')' : '') + '.'
      : 'Not valid: ' + (report.errors || []).length + ' field errors, ' + failing + ' failing contrast checks.';
    summary.className = report.valid ? 'ok' : 'bad';
    summary.setAttribute('data-valid', String(!!report.valid));
    $('#field-errors').replaceChildren(...(report.errors || []).map(e =>
      el('li', { 'data-path': e.path }, e.path + ': ' + e.message)));
    $('#badges').replaceChildren(...(report.contrast || []).map(c => badge(c, apply)));
  }

  /**
   * Draws the widget from custom properties only. A value is used only when the validator raised no error for its
   * path and (for colours) it is #RRGGBB, so nothing the server refused ever reaches a style.
   */
  function widget(theme, report) {
    const refused = new Set((report.errors || []).map(e => e.path));
    const w = $('#widget');
    const value = path => {
      return refused.has(path) ? undefined : getPath(theme, path);
    };
    const color = (target, name, path) => {
      const v = value(path);
      if (typeof v === 'string' && HEX.test(v)) target.style.setProperty(name, v);
    };
    const px = (name, path) => {
      const v = value(path);
      if (Number.isInteger(v)) w.style.setProperty(name, v + 'px');
    };
    color(w, '--w-bg', 'backgroundColor');
    color(w, '--w-primary', 'primaryColor');
    color(w, '--w-text', 'font.color');
    px('--w-radius', 'borderRadiusPx');
    px('--w-width', 'maxWidthPx');
    px('--w-size', 'font.sizePx');
    if (Number.isInteger(value('font.weight'))) w.style.setProperty('--w-weight', String(value('font.weight')));
    if (typeof value('font.family') === 'string') w.style.setProperty('--w-family', value('font.family'));
    w.classList.toggle('no-header', !theme.header);
    if (theme.header) {
      color(w, '--w-head-bg', 'header.backgroundColor');
      color(w, '--w-head-text', 'header.textColor');
    }
    $('#w-title').textContent = typeof theme.name === 'string' ? theme.name : '';
    $('#w-buttons').replaceChildren(...(theme.buttons || []).map((b, i) => {
      const span = el('span', { className: 'w-btn' }, typeof b.label === 'string' ? b.label : '');
      if (['left', 'center', 'right'].includes(b.position)) span.setAttribute('data-position', b.position);
      color(span, '--b-bg', 'buttons[' + i + '].color');
      color(span, '--b-text', 'buttons[' + i + '].textColor');
      return span;
    }));
  }

  window.CxReport = { show: showReport, widget };

  // ---- version history and diff
  let themeId = null;

  async function load(id) {
    themeId = id;
    const res = await api('/api/v1/themes/' + encodeURIComponent(id) + '/versions');
    if (!res.ok) return complain(res, 'Loading the versions');
    $('#version-table tbody').replaceChildren(...res.body.slice().reverse().map(v => {
      const cell = el('td', {});
      if (v.version > 1) {
        const button = el('button', { type: 'button' }, 'Changes from v' + (v.version - 1));
        button.addEventListener('click', () => diff(v.version - 1, v.version));
        cell.append(button);
      }
      return el('tr', { 'data-version': String(v.version) }, el('td', {}, 'v' + v.version),
        el('td', {}, new Date(v.createdAt).toLocaleString()), el('td', {}, v.createdBy), cell);
    }));
  }

  async function diff(from, to) {
    const res = await api('/api/v1/themes/' + encodeURIComponent(themeId) + '/diff?from=' + from + '&to=' + to);
    if (!res.ok) return complain(res, 'Loading the diff');
    const show = v => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
    $('#diff-title').textContent = 'Changes from v' + from + ' to v' + to;
    const rows = res.body.changes.map(c => el('tr', { 'data-path': c.path }, el('td', {}, c.path),
      el('td', {}, show(c.old)), el('td', {}, show(c.new)), el('td', {}, c.kind)));
    $('#diff-table tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colSpan: 4 }, 'No changes'))]));
    $('#diff').hidden = false;
  }

  function clear() {
    themeId = null;
    $('#version-table tbody').replaceChildren();
    $('#diff').hidden = true;
  }

  window.CxHistory = { load, clear };
})();
