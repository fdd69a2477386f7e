// The theme editor: form <-> theme JSON, debounced validation, contrast badges, live widget, save, history and diff.
'use strict';
(() => {
  const { el, say, api, complain, show, getPath, setPath, HEX, SAMPLE, $ } = window.CxConsole;
  const POSITIONS = ['left', 'center', 'right'];
  let current = { id: null, etag: null, version: null };
  let timer = null;
  let sequence = 0;

  /** A "#RRGGBB" text field with a colour picker mirroring it; the text field is what gets sent. */
  function colorField(holder, path, labelText) {
    const id = 'c-' + path.replace(/[^\w]/g, '-');
    const text = el('input', { id, type: 'text', spellcheck: false, 'data-path': path, 'data-hex': '' });
    const picker = el('input', { type: 'color', 'aria-label': labelText + ' picker', 'data-mirror': id });
    holder.replaceChildren(el('label', { htmlFor: id }, labelText + ' (#RRGGBB)'), el('div', { className: 'pair' }, picker, text));
  }

  function buttonEditor(index, button) {
    const item = el('div', { className: 'button-item', 'data-button': String(index) });
    const p = 'buttons[' + index + ']';
    const field = (name, labelText, input) => {
      input.id = 'b' + index + '-' + name;
      input.setAttribute('data-path', p + '.' + name);
      item.append(el('label', { htmlFor: input.id }, labelText), input);
    };
    field('label', 'Button ' + (index + 1) + ' label', el('input', { type: 'text' }));
    const fill = el('div', { className: 'color' });
    const ink = el('div', { className: 'color' });
    item.append(fill, ink);
    colorField(fill, p + '.color', 'Button ' + (index + 1) + ' colour');
    colorField(ink, p + '.textColor', 'Button ' + (index + 1) + ' text colour');
    const select = el('select', {}, ...POSITIONS.map(v => el('option', { value: v }, v)));
    field('position', 'Button ' + (index + 1) + ' position', select);
    field('iconUrl', 'Button ' + (index + 1) + ' icon URL (https, optional)', el('input', { type: 'url' }));
    const remove = el('button', { type: 'button' }, 'Remove button ' + (index + 1));
    remove.addEventListener('click', () => {
      const theme = collect();
      theme.buttons.splice(index, 1);
      fillForm(theme);
      changed();
    });
    item.append(remove);
    return item;
  }

  function inputs() {
    return [...$('#theme-form').querySelectorAll('[data-path]')];
  }

  /** The theme as the form describes it; numbers as numbers, unparsable input sent as is for the server to name. */
  function collect() {
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

  /** Sets every input from a theme (button editors are rebuilt for its buttons). */
  function fillForm(theme) {
    $('#buttons').replaceChildren(...(theme.buttons || []).map((b, i) => buttonEditor(i, b)));
    $('#add-button').disabled = (theme.buttons || []).length >= 3;
    $('#f-header').checked = !!theme.header;
    inputs().forEach(input => {
      const value = getPath(theme, input.dataset.path);
      input.value = value == null ? '' : String(value);
      input.disabled = input.dataset.path.startsWith('header.') && !theme.header;
      mirror(input);
    });
  }

  function mirror(text) {
    if (!text.hasAttribute('data-hex')) return;
    const picker = $('[data-mirror="' + text.id + '"]');
    if (HEX.test(text.value.trim())) picker.value = text.value.trim().toLowerCase();
    picker.disabled = text.disabled;
  }

  function changed() {
    clearTimeout(timer);
    timer = setTimeout(validate, 250); // debounced: one request per pause in typing
  }

  async function validate() {
    const mine = ++sequence;
    const theme = collect();
    const res = await api('/api/v1/themes/validate', { method: 'POST', json: theme });
    if (mine !== sequence) return; // a newer edit is already on its way
    if (res.status === 200) {
      render(theme, res.body);
    } else if (res.body && res.body.errors) {
      render(theme, { valid: false, errors: res.body.errors, contrast: [] });
    } else {
      complain(res, 'Validation');
    }
  }

  function render(theme, report) {
    window.CxReport.show(report, applySuggestion);
    window.CxReport.widget(theme, report);
  }

  function applySuggestion(path, color) {
    const input = inputs().find(i => i.dataset.path === path);
    if (!input) return;
    input.value = color;
    mirror(input);
    say('Applied ' + color + ' to ' + path + '.');
    clearTimeout(timer);
    validate();
  }

  function setCurrent(draft) {
    current = { id: draft.id, etag: draft.etag, version: draft.version };
    $('#editor-subtitle').textContent = draft.name + ' · version ' + draft.version;
    $('#reload-theme').hidden = true;
  }

  async function open(id) {
    const res = await api('/api/v1/themes/' + encodeURIComponent(id));
    if (!res.ok) return complain(res, 'Opening the theme');
    setCurrent(res.body);
    fillForm(res.body.theme);
    render(res.body.theme, res.body.report);
    show('editor');
    window.CxHistory.load(id);
  }

  function startNew() {
    current = { id: null, etag: null, version: null };
    $('#editor-subtitle').textContent = 'new, not saved yet';
    fillForm(JSON.parse(JSON.stringify(SAMPLE)));
    window.CxHistory.clear();
    show('editor');
    validate();
  }

  async function save(event) {
    event.preventDefault();
    const theme = collect();
    const res = current.id
      ? await api('/api/v1/themes/' + current.id, { method: 'PUT', json: theme, headers: { 'If-Match': current.etag } })
      : await api('/api/v1/themes', { method: 'POST', json: theme });
    if (res.status === 200 || res.status === 201) {
      setCurrent(res.body);
      say('Saved "' + res.body.name + '" as version ' + res.body.version + '.');
      window.CxHistory.load(res.body.id);
    } else if (res.status === 412) {
      say('Not saved: someone else changed this theme since you opened it. Reload the stored version to see their '
        + 'changes (yours are still in the form until you do).', true);
      $('#reload-theme').hidden = false;
    } else if (res.status === 400 && res.body && res.body.report) {
      render(theme, res.body.report);
      say('Not saved: ' + res.body.detail, true);
    } else {
      complain(res, 'Saving');
    }
  }

  function init() {
    const weights = $('#f-weight');
    for (let w = 100; w <= 900; w += 100) weights.append(el('option', { value: String(w) }, String(w)));
    document.querySelectorAll('#theme-form .color[data-color]').forEach(h => colorField(h, h.dataset.color, h.dataset.label));
    const form = $('#theme-form');
    form.addEventListener('input', event => {
      const target = event.target;
      if (target.dataset.mirror) {
        const text = $('#' + target.dataset.mirror);
        text.value = target.value.toUpperCase();
      } else {
        mirror(target);
      }
      changed();
    });
    form.addEventListener('change', event => {
      if (event.target.id === 'f-header') {
        const theme = collect();
        if (event.target.checked) theme.header = { backgroundColor: '#FFFFFF', textColor: '#1A1A1A' };
        else delete theme.header;
        fillForm(theme);
      }
      changed();
    });
    form.addEventListener('submit', save);
    $('#add-button').addEventListener('click', () => {
      const theme = collect();
      theme.buttons.push({ label: 'New button', color: '#FFFFFF', textColor: '#1A1A1A', position: 'center' });
      fillForm(theme);
      changed();
    });
    $('#new-theme').addEventListener('click', startNew);
    $('#reload-theme').addEventListener('click', () => current.id && open(current.id));
    window.CxConsole.loaders.editor = () => { if (!current.id && !$('#f-name').value) startNew(); };
  }

  window.CxEditor = { init, open, current: () => current };
})();
