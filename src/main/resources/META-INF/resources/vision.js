// The editor preview's "Colour vision" switch and "Keyboard focus" toggle. Colours as seen with a colour vision
// deficiency come from the server (POST /preview?vision=, the one implementation of the model, the same colours as
// every preview page): its stylesheet is parsed as a constructed CSSStyleSheet, never applied, and the widget's
// colours are read from its rules (.t0 custom properties, .t0 .btn-N and .t0 .btn-N:hover).
import { $ } from './ui.js';
import { request } from './api.js';
import { HEX } from './theme.js';

/** Our widget's custom property, the preview page's one. */
const SCOPE = { '--w-bg': '--bg', '--w-primary': '--primary', '--w-text': '--fg', '--w-head-bg': '--header-bg',
  '--w-head-text': '--header-fg', '--w-focus': '--focus' };

/** The kind chosen in the switch ('' for typical vision). */
export const visionKind = () => $('#vision').value;

/** A CSS colour as the CSSOM writes it ("#ABCDEF" or "rgb(1, 2, 3)") as #RRGGBB, or undefined. */
function hex(value) {
  const v = (value || '').trim();
  if (HEX.test(v)) return v.toUpperCase();
  const m = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(v);
  return m ? '#' + m.slice(1).map(n => Number(n).toString(16).padStart(2, '0')).join('').toUpperCase() : undefined;
}

/** The widget's colours as seen with `kind`, from the server; null when it could not draw them. */
export async function seenWith(theme, kind) {
  const res = await request('/preview?vision=' + encodeURIComponent(kind), { method: 'POST', json: theme, text: true });
  if (!res.ok || typeof res.body !== 'string') return null;
  const style = new DOMParser().parseFromString(res.body, 'text/html').querySelector('style');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(style ? style.textContent : '');
  const rules = [...sheet.cssRules].filter(r => r.selectorText);
  return selector => rules.find(r => r.selectorText === selector)?.style;
}

/** Paints the seen colours over what drawWidget set (only #RRGGBB values reach a style). */
export function paint(widget, rule) {
  const scope = rule('.t0');
  for (const [ours, theirs] of Object.entries(SCOPE)) {
    const v = hex(scope?.getPropertyValue(theirs));
    if (v) widget.style.setProperty(ours, v);
  }
  widget.querySelectorAll('.w-btn').forEach((span, i) => {
    const rest = rule(`.t0 .btn-${i}`), over = rule(`.t0 .btn-${i}:hover`);
    for (const [name, v] of [['--b-bg', rest?.backgroundColor], ['--b-text', rest?.color],
      ['--b-hover-bg', over?.backgroundColor], ['--b-hover-text', over?.color]]) {
      if (hex(v)) span.style.setProperty(name, hex(v));
    }
  });
  widget.dataset.vision = visionKind();
}

/** Wires the two controls; `redraw()` draws the widget again (the editor's current theme). */
export function initPreviewControls(redraw) {
  $('#vision').addEventListener('change', redraw);
  $('#show-focus').addEventListener('change', e => $('#widget').classList.toggle('show-focus', e.target.checked));
}
