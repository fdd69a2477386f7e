// The editor's accessibility report (field errors, one contrast badge per pair) and its live widget.
// Report shape (ValidationReport): {valid, level, errors: [{path, code, message}], contrast: [ContrastCheck]}, a
// ContrastCheck being {pair, foreground, background, ratio, required, criterion, severity, passes, suggestion?}.
import { $, field, fromTemplate } from './ui.js';
import { HEX, getPath } from './theme.js';

const verdict = check => (check.passes ? 'pass' : check.severity === 'warning' ? 'warning' : 'fail');

/** One badge; a failing pair offers its suggestion ({path, color, ratio, passes, message}) with an "Apply" button. */
function badge(check, apply) {
  const status = verdict(check);
  const item = fromTemplate('badge', {
    status, pair: check.pair,
    ratio: `${check.ratio.toFixed(2)}:1, needs ${check.required}:1 (WCAG ${check.criterion}, ${check.severity})`
  });
  Object.assign(item.dataset, { pair: check.pair, criterion: check.criterion, status });
  const fix = check.suggestion;
  if (fix) {
    const suggestion = fromTemplate('suggestion', { message: 'Suggestion: ' + fix.message, apply: 'Apply ' + fix.color });
    const button = field(suggestion, 'apply');
    button.setAttribute('aria-label', `Apply ${fix.color} to ${fix.path}`);
    button.addEventListener('click', () => apply(fix.path, fix.color));
    item.append(suggestion);
  }
  return item;
}

/** Shows `report`; `apply(path, color)` is called when a suggestion's "Apply" button is pressed. */
export function showReport(report, apply) {
  const failing = report.contrast.filter(c => verdict(c) === 'fail').length;
  const summary = $('#report-summary');
  summary.textContent = report.valid ? `Valid (${report.level}).`
    : `Not valid: ${report.errors.length} field errors, ${failing} failing contrast checks.`;
  summary.className = report.valid ? 'ok' : 'bad';
  summary.dataset.valid = String(report.valid);
  $('#field-errors').replaceChildren(...report.errors.map(e => {
    const item = fromTemplate('field-error');
    item.textContent = `${e.path}: ${e.message}`;
    item.dataset.path = e.path;
    return item;
  }));
  $('#badges').replaceChildren(...report.contrast.map(c => badge(c, apply)));
}

/**
 * Draws the widget through CSS custom properties only. A value is used only when the validator raised no error for
 * its path and (for colours) it is #RRGGBB, so nothing the server refused ever reaches a style.
 */
export function drawWidget(theme, report, widget = $('#widget')) {
  // `widget` is the editor's #widget or a copy of <template id="mini-widget"> (the channels tab's before/after)
  const refused = new Set(report.errors.map(e => e.path));
  const value = path => (refused.has(path) ? undefined : getPath(theme, path));
  const color = (target, name, path) => {
    const v = value(path);
    if (typeof v === 'string' && HEX.test(v)) target.style.setProperty(name, v);
  };
  const integer = (name, path, unit) => {
    const v = value(path);
    if (Number.isInteger(v)) widget.style.setProperty(name, v + unit);
  };
  color(widget, '--w-bg', 'backgroundColor');
  color(widget, '--w-primary', 'primaryColor');
  color(widget, '--w-text', 'font.color');
  // the focus ring and hover colours the widget draws (defaults: 2 px of the primary colour; the rest colours)
  widget.style.removeProperty('--w-focus');
  color(widget, '--w-focus', theme.focusIndicator ? 'focusIndicator.color' : 'primaryColor');
  widget.style.setProperty('--w-focus-width', '2px');
  integer('--w-focus-width', 'focusIndicator.widthPx', 'px');
  integer('--w-radius', 'borderRadiusPx', 'px');
  integer('--w-width', 'maxWidthPx', 'px');
  integer('--w-size', 'font.sizePx', 'px');
  integer('--w-weight', 'font.weight', '');
  if (typeof value('font.family') === 'string') widget.style.setProperty('--w-family', value('font.family'));
  widget.classList.toggle('no-header', !theme.header);
  if (theme.header) {
    color(widget, '--w-head-bg', 'header.backgroundColor');
    color(widget, '--w-head-text', 'header.textColor');
  }
  widget.querySelector('[data-w=title]').textContent = typeof theme.name === 'string' ? theme.name : '';
  widget.querySelector('[data-w=buttons]').replaceChildren(...(theme.buttons || []).map((b, i) => {
    const span = fromTemplate('widget-button');
    span.textContent = typeof b.label === 'string' ? b.label : '';
    if (['left', 'center', 'right'].includes(b.position)) span.dataset.position = b.position;
    color(span, '--b-bg', `buttons[${i}].color`);
    color(span, '--b-text', `buttons[${i}].textColor`);
    color(span, '--b-hover-bg', `buttons[${i}].hover.color`);
    color(span, '--b-hover-text', `buttons[${i}].hover.textColor`);
    return span;
  }));
}
