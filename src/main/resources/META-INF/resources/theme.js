// The theme JSON as the editor handles it: paths such as "buttons[1].textColor" address both the theme and the
// editor's inputs (data-path), colours are "#RRGGBB", and a new theme starts from SAMPLE.

export const HEX = /^#[0-9A-Fa-f]{6}$/;

export const SAMPLE = Object.freeze({
  name: 'New theme', backgroundColor: '#1A1A1A', primaryColor: '#00E676',
  font: { family: 'Inter', sizePx: 14, weight: 500, color: '#FFFFFF' },
  buttons: [{ label: 'Start Chat', color: '#00E676', textColor: '#000000', position: 'center' },
    { label: 'Browse FAQ', color: '#2C2C2C', textColor: '#E0E0E0', position: 'left' }],
  borderRadiusPx: 8, maxWidthPx: 360
});

/** A fresh, editable copy of the sample theme. */
export const sample = () => structuredClone(SAMPLE);

function keys(path) {
  return path.split('.').flatMap(part => {
    const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
    return indexed ? [indexed[1], Number(indexed[2])] : [part];
  });
}

export function getPath(theme, path) {
  return keys(path).reduce((node, key) => (node == null ? undefined : node[key]), theme);
}

export function setPath(theme, path, value) {
  const all = keys(path);
  let node = theme;
  all.slice(0, -1).forEach((key, i) => {
    if (node[key] == null) node[key] = typeof all[i + 1] === 'number' ? [] : {};
    node = node[key];
  });
  node[all[all.length - 1]] = value;
}
