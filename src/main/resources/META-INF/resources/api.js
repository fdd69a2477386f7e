// Everything that talks to the service: the bearer token, JSON requests, problem+json answers and server-sent
// events. The token is kept in this tab's sessionStorage and travels only in the Authorization header, never in a URL.
import { say } from './ui.js';

const TOKEN_KEY = 'cxone-console-token';

export const token = () => sessionStorage.getItem(TOKEN_KEY);
export const keepToken = raw => sessionStorage.setItem(TOKEN_KEY, raw);
export const forgetToken = () => sessionStorage.removeItem(TOKEN_KEY);

/** Subject and roles from a token's payload, for display only (the server verifies it). */
export function describeToken(raw = token()) {
  try {
    const payload = JSON.parse(atob(raw.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return `subject ${payload.sub}, roles ${(payload.groups || []).join(', ')}`;
  } catch (e) {
    return 'not a readable JWT';
  }
}

// Signed in through the identity provider: the page carries this session's token, which every call repeats (the
// session cookie alone is refused, so another site cannot make calls in the person's name).
const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content || '';
/** This page belongs to a signed-in session (and no pasted token overrides it). */
const signedIn = () => !!csrfToken() && !token();
/**
 * The roles of whoever is calling, to offer only what the server would allow (the server still decides): the signed-in
 * person's mapped roles (the page's <meta name="signed-in-roles">), else the groups in a pasted token's payload.
 */
export function tokenRoles(raw = token()) {
  const session = document.querySelector('meta[name="signed-in-roles"]')?.content;
  if (session) return session.split(' ');
  try {
    return JSON.parse(atob(raw.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).groups || [];
  } catch (e) {
    return [];
  }
}

/** Fired on window before the console leaves to sign in again: a view keeps what is unsaved (sessionStorage). */
export const SESSION_ENDED = 'cxone-session-ended';
// when the console last left to sign in again, cleared by the next call that succeeds: a 401 within a minute of that
// is not an expired session (the service refuses the new one too), and going round the provider again would loop
const SIGNING_IN_AGAIN = 'cxone-console-signing-in-again';
const LOOP_WINDOW_MS = 60_000;
let leaving = false;

/**
 * The signed-in session is over: Quarkus OIDC refreshes expired tokens by itself while the provider allows it, so a
 * redirect of an /api call (session-expired-path: it could not refresh and dropped the cookie) or a 401 (signed out,
 * cookie gone) means it cannot. Views keep their unsaved work first, then the console is opened anew, which goes
 * through the provider's sign-in and back.
 */
function signInAgain() {
  if (leaving) return; // several calls may fail at once: keep once, leave once
  if (Date.now() - Number(sessionStorage.getItem(SIGNING_IN_AGAIN)) < LOOP_WINDOW_MS) {
    say('The service refuses even the new sign-in (401): sign out, sign in again, and if that does not help ask your '
      + 'administrator to check the console\'s sign-in settings.', true);
    return;
  }
  leaving = true;
  window.dispatchEvent(new Event(SESSION_ENDED));
  sessionStorage.setItem(SIGNING_IN_AGAIN, String(Date.now()));
  say('Your session has ended: taking you to sign in again. Unsaved changes are kept in this tab and come back '
    + 'after you sign in.', true);
  location.assign('/');
}

function headers(accept, extra) {
  const result = new Headers(extra);
  if (token()) result.set('Authorization', 'Bearer ' + token());
  if (csrfToken()) result.set('X-CSRF-Token', csrfToken());
  result.set('Accept', accept);
  return result;
}

/**
 * One API call: {status, ok, headers, body}, body being the resource's JSON answer, the RFC 9457 problem document
 * when not ok, the text of any other answer when `text` is set (an HTML page), or null. No answer at all is status 0. 401 and 403 are explained in the status line here; a 401 to a signed-in session sends the person to sign in again.
 */
export async function request(path, { method = 'GET', json, headers: extra, text = false } = {}) {
  const sent = headers((text ? 'text/html, ' : 'application/json, ') + 'application/problem+json', extra);
  let body;
  if (json !== undefined) {
    sent.set('Content-Type', 'application/json');
    body = JSON.stringify(json);
  }
  let res;
  try {
    // signed in, an /api call is never redirected unless the session has ended (Quarkus then sends it to sign in)
    const redirect = signedIn() ? 'manual' : 'follow';
    res = await fetch(path, { method, headers: sent, body, cache: 'no-store', redirect });
  } catch (e) {
    say(`The service did not answer (${e.message}): check that it is running, then try again.`, true);
    return { status: 0, ok: false, headers: new Headers(), body: null };
  }
  if (res.type === 'opaqueredirect') {
    signInAgain();
    return { status: 401, ok: false, headers: res.headers, body: null };
  }
  const isJson = (res.headers.get('Content-Type') || '').includes('json');
  const data = isJson ? await res.json().catch(() => null) : text ? await res.text().catch(() => null) : null;
  if (res.ok) sessionStorage.removeItem(SIGNING_IN_AGAIN);
  if (res.status === 401 && signedIn()) signInAgain();
  else if (res.status === 401) say('Not signed in (401): paste a valid, unexpired bearer token above.', true);
  if (res.status === 403 && signedIn() && (data?.detail || '').includes('X-CSRF-Token')) {
    // the page's token is not this session's (signed in again in another tab): the service says to reload
    say(data.detail, true);
  } else if (res.status === 403) {
    say((signedIn() ? 'Your groups at the identity provider grant no role for this (403): '
      : 'Your token lacks the role for this (403): ') + path.split('?')[0], true);
  }
  return { status: res.status, ok: res.ok, headers: res.headers, body: data };
}

/**
 * Says in the status line why `what` failed, from the problem document ({title, status, detail?, errors?: [{path,
 * code, message}]}); 401, 403 and no answer at all were explained by request() already.
 */
export function complain(res, what) {
  if (res.status === 401 || res.status === 403 || res.status === 0) return;
  const problem = res.body;
  const detail = problem ? problem.detail ?? problem.title : null;
  const fields = (problem?.errors ?? []).map(e => `${e.path}: ${e.message}`).join('; ');
  say(`${what} failed (HTTP ${res.status})${detail ? ': ' + detail : ''}${fields ? ' (' + fields + ')' : ''}`, true);
}

/** Why a server-sent event stream could not be followed to its end, in words for the progress log. */
export class StreamError extends Error {}

/**
 * The data of each event of a server-sent event stream, as text. EventSource cannot send an Authorization header, so
 * the stream is read with fetch(): "data:" lines are joined per event and a blank line ends one. Ends when the server
 * ends the stream; throws a StreamError, or an AbortError once `signal` aborts.
 */
export async function* serverEvents(path, signal) {
  let res;
  try {
    res = await fetch(path, { headers: headers('text/event-stream'), signal, cache: 'no-store',
      redirect: signedIn() ? 'manual' : 'follow' });
  } catch (e) {
    throw e.name === 'AbortError' ? e : new StreamError(`could not connect (${e.message})`);
  }
  if (res.type === 'opaqueredirect') {
    signInAgain();
    throw new StreamError('the session has ended');
  }
  if (!res.ok) throw new StreamError(`events not available (HTTP ${res.status})`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  try {
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw e.name === 'AbortError' ? e : new StreamError(`stream broken (${e.message})`);
      }
      if (chunk.done) break;
      buffer += chunk.value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '' && data.length) {
          yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
      }
    }
    if (data.length) yield data.join('\n');
  } finally {
    reader.cancel().catch(() => {}); // a consumer that stops early closes the connection
  }
}

/** Whether calls can be made at all: a pasted token, or a session signed in through the identity provider. */
export const canCall = () => Boolean(token() || csrfToken());
