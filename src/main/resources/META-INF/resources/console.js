// The console's entry module: the token form, the tabs, and the start of each view. Plain ES modules served as they
// are (no build step), loaded under the page's CSP (script-src 'self').
import { $, say, show } from './ui.js';
import { token, keepToken, forgetToken, describeToken } from './api.js';
import { initThemes, loadThemes } from './themes.js';
import { initEditor } from './editor.js';
import { initPublications } from './publications.js';
import { initAudit } from './audit.js';
import { initApprovals } from './approvals.js';
import { initChannels } from './channels.js';
import { initWidget } from './widget.js';

const NO_TOKEN = 'Paste a token first.';

function useToken(event) {
  event.preventDefault();
  const raw = $('#token').value.trim().replace(/^Bearer\s+/i, '');
  $('#token').value = '';
  if (raw) {
    keepToken(raw);
    say(`Token set (${describeToken(raw)}).`); // replaces whatever the status line said before, errors included
    loadThemes();
  } else if (token()) {
    // pressed again with the field cleared (a double click, Enter twice): the kept token is still in use
    say(`Still using the token kept in this tab (${describeToken()}); paste another to replace it.`);
  } else {
    say(NO_TOKEN, true);
  }
}

$('#auth').addEventListener('submit', useToken);
$('#token').addEventListener('input', () => {
  if ($('#status').textContent === NO_TOKEN) say('Press "Use token" to keep it.'); // the request was just followed
});
$('#forget').addEventListener('click', () => {
  forgetToken();
  say('Token forgotten.');
});
document.querySelectorAll('nav [data-view]').forEach(b => b.addEventListener('click', () => show(b.dataset.view)));
initThemes();
initEditor();
initPublications();
initAudit();
initApprovals();
initChannels();
initWidget();
// Signed in through the identity provider: the page names the person and their roles (SessionCsrf fills it in).
const signedIn = document.querySelector('meta[name="signed-in-as"]')?.content;
if (signedIn) {
  // the session is the credential: no token to paste, and signing out is a link to /logout (ends it at the provider too)
  $('#auth').hidden = true;
  $('#sign-out').hidden = false;
  say(`Signed in as ${signedIn}.`);
  loadThemes();
} else if (token()) {
  say(`Using the token kept in this tab (${describeToken()}).`);
  loadThemes();
} else {
  say('Paste a bearer token to start.');
}
