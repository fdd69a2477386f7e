// Page helpers shared by the views: the status line, copies of <template> rows, view switching and paging.
// Data from the API reaches the page only as textContent, input values and CSSOM custom properties (never as
// markup), so a hostile theme name stays text.

export const $ = (selector, root = document) => root.querySelector(selector);

/** The status line under the tabs: what just happened, or what went wrong and what to do next. */
export function say(text, isError = false) {
  const status = $('#status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

/** The element of `node` (itself included) marked data-field="name"; a missing one is a bug in index.html. */
export function field(node, name) {
  const selector = `[data-field="${name}"]`;
  const found = node.matches(selector) ? node : node.querySelector(selector);
  if (!found) throw new Error(`template element ${node.tagName} has no ${selector}`);
  return found;
}

/** A copy of the single element in <template id="id">, each field named in `texts` set as text. */
export function fromTemplate(id, texts = {}) {
  const node = document.getElementById(id).content.firstElementChild.cloneNode(true);
  Object.entries(texts).forEach(([name, text]) => { field(node, name).textContent = text; });
  return node;
}

export const localTime = iso => new Date(iso).toLocaleString();

// ---- views: the tabs show one panel; a view module registers what to do each time it is shown
const shownHandlers = {};

export function onShow(view, handler) {
  shownHandlers[view] = handler;
}

export function show(view) {
  document.querySelectorAll('[data-view-panel]').forEach(p => { p.hidden = p.dataset.viewPanel !== view; });
  document.querySelectorAll('nav [data-view]').forEach(b => {
    if (b.dataset.view === view) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  });
  shownHandlers[view]?.();
}

/**
 * A guard for loaders that may overlap: call it when a request starts and it answers a check that is true only while
 * no newer request was started, so a slower, older answer never replaces a newer one.
 */
export function newestOnly() {
  let sequence = 0;
  return () => {
    const mine = ++sequence;
    return () => mine === sequence;
  };
}

/** Previous/next buttons #name-prev, #name-next and the label #name-page, for a list answered as a page. */
export class Pager {
  constructor(name, load) {
    this.name = name;
    this.page = 1;
    $(`#${name}-prev`).addEventListener('click', () => { this.page--; load(); });
    $(`#${name}-next`).addEventListener('click', () => { this.page++; load(); });
  }

  /** Shows where `body` ({items, page, pageSize, totalItems}) is; `extra` is appended to the label. */
  show(body, extra = '') {
    const pages = Math.max(1, Math.ceil(body.totalItems / body.pageSize));
    $(`#${this.name}-page`).textContent = `Page ${this.page} of ${pages}${extra}`;
    $(`#${this.name}-prev`).disabled = this.page <= 1;
    $(`#${this.name}-next`).disabled = this.page >= pages;
  }
}

/**
 * Puts `rows` into `tbody`; with none, one row that says what to do next ({text, action?: {label, run}}): a new user
 * meets every table empty, and an empty table with no words teaches nothing.
 */
export function fillTable(tbody, rows, empty) {
  if (rows.length) {
    tbody.replaceChildren(...rows);
    return;
  }
  const tr = fromTemplate('empty-row', { text: empty.text });
  const cell = field(tr, 'cell');
  cell.colSpan = tbody.closest('table').querySelectorAll('thead th').length;
  if (empty.action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = empty.action.label;
    button.addEventListener('click', empty.action.run);
    cell.append(' ', button);
  }
  tbody.replaceChildren(tr);
}

/**
 * Shows each of a problem document's errors[] ({path, message}) next to its field: in the element of `form` marked
 * data-error-for="path", or for the nearest enclosing path ("windows[0].days[1]" falls back to "windows[0].days",
 * then "windows[0]", then "windows"). The input that names that element in aria-describedby is marked invalid. Answers
 * the errors that found no place, for the status line.
 */
export function showFieldErrors(form, errors) {
  form.querySelectorAll('[data-error-for]').forEach(e => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
  return (errors ?? []).filter(error => {
    for (let path = error.path; path; path = path.replace(/(\[\d+\]|\.?[^.[\]]+)$/, '')) {
      const place = [...form.querySelectorAll('[data-error-for]')].find(e => e.dataset.errorFor === path);
      if (place) {
        place.textContent = place.textContent ? `${place.textContent}; ${error.message}` : error.message;
        form.querySelector(`[aria-describedby~="${place.id}"]`)?.setAttribute('aria-invalid', 'true');
        return false;
      }
    }
    return true;
  });
}
