// The editor's form <-> theme JSON: colour fields (a "#RRGGBB" text field with a picker mirroring it), the 1–3
// button editors, reading the form into a theme and filling it from one. Every input names its theme path (data-path).
import { $, field, fromTemplate } from './ui.js';
import { HEX, getPath, setPath } from './theme.js';

let edited = () => {};

/** A colour field for `path` from <template id="color-field">; the text field is what gets sent. */
function colorField(path, labelText) {
  const node = fromTemplate('color-field', { label: labelText + ' (#RRGGBB)' });
  const text = field(node, 'text');
  text.id = 'c-' + path.replace(/[^\w]/g, '-');
  text.dataset.path = path;
  field(node, 'label').htmlFor = text.id;
  const picker = field(node, 'picker');
  picker.setAttribute('aria-label', labelText + ' picker');
  picker.dataset.mirror = text.id;
  return node;
}

function buttonEditor(index) {
  const item = fromTemplate('button-editor');
  const name = 'Button ' + (index + 1);
  item.dataset.button = String(index);
  const labelled = (key, labelText) => {
    const input = field(item, key);
    input.id = `b${index}-${key}`;
    input.dataset.path = `buttons[${index}].${key}`;
    Object.assign(field(item, key + '-label'), { htmlFor: input.id, textContent: labelText });
  };
  labelled('label', name + ' label');
  labelled('position', name + ' position');
  labelled('iconUrl', name + ' icon URL (https, optional)');
  field(item, 'color').replaceWith(colorField(`buttons[${index}].color`, name + ' colour'));
  field(item, 'textColor').replaceWith(colorField(`buttons[${index}].textColor`, name + ' text colour'));
  const remove = field(item, 'remove');
  remove.textContent = 'Remove ' + name.toLowerCase();
  remove.addEventListener('click', () => {
    const theme = collect();
    theme.buttons.splice(index, 1);
    fillForm(theme);
    edited();
  });
  return item;
}

const inputs = () => [...$('#theme-form').querySelectorAll('[data-path]')];

export const inputFor = path => inputs().find(i => i.dataset.path === path);

/** The theme as the form describes it; numbers as numbers, unparsable input sent as is for the server to name. */
export function collect() {
  const theme = {};
  const withHeader = $('#f-header').checked;
  inputs().forEach(input => {
    const path = input.dataset.path;
    if (path.startsWith('header.') && !withHeader) return;
    let value = input.value.trim();
    if (path.endsWith('.iconUrl') && value === '') return;
    if (input.hasAttribute('data-number')) {
      if (value === '') return;
      value = Number.isFinite(Number(value)) ? Number(value) : value;
    }
    setPath(theme, path, value);
  });
  if (!theme.buttons) theme.buttons = [];
  return theme;
}

/** Sets every input from a theme (the button editors are rebuilt for its buttons). */
export function fillForm(theme) {
  const buttons = theme.buttons || [];
  $('#buttons').replaceChildren(...buttons.map((b, i) => buttonEditor(i)));
  $('#add-button').disabled = buttons.length >= 3;
  $('#f-header').checked = !!theme.header;
  inputs().forEach(input => {
    const value = getPath(theme, input.dataset.path);
    input.value = value == null ? '' : String(value);
    input.disabled = input.dataset.path.startsWith('header.') && !theme.header;
    mirror(input);
  });
}

/** Brings a colour text field's picker in line with it (a picker only takes #rrggbb). */
export function mirror(text) {
  if (!text.hasAttribute('data-hex')) return;
  const picker = $(`[data-mirror="${text.id}"]`);
  if (HEX.test(text.value.trim())) picker.value = text.value.trim().toLowerCase();
  picker.disabled = text.disabled;
}

/** Builds the fixed colour fields and keeps each picker and its text field in step; `onEdit` runs after every edit. */
export function initFields(onEdit) {
  edited = onEdit;
  document.querySelectorAll('#theme-form [data-color]')
    .forEach(holder => holder.replaceWith(colorField(holder.dataset.color, holder.dataset.label)));
  const form = $('#theme-form');
  form.addEventListener('input', event => {
    const target = event.target;
    if (target.dataset.mirror) $('#' + target.dataset.mirror).value = target.value.toUpperCase();
    else mirror(target);
    edited();
  });
  form.addEventListener('change', event => {
    if (event.target.id === 'f-header') {
      const theme = collect();
      if (event.target.checked) theme.header = { backgroundColor: '#FFFFFF', textColor: '#1A1A1A' };
      else delete theme.header;
      fillForm(theme);
    }
    edited();
  });
  $('#add-button').addEventListener('click', () => {
    const theme = collect();
    theme.buttons.push({ label: 'New button', color: '#FFFFFF', textColor: '#1A1A1A', position: 'center' });
    fillForm(theme);
    edited();
  });
}
