import { createHash } from 'node:crypto';
import { JOB_STATES } from '../queue-reader';

/**
 * The operators' queue dashboard: a static page holding no data. Its script asks for an operator
 * key (kept in sessionStorage, so it dies with the tab), reads /v1/queues with it every 5 s, and
 * lists a queue's jobs on demand. Everything shown goes in through textContent, never as markup:
 * job data and agent errors are not ours to trust. No external assets: the page must work where
 * nothing outside is reachable.
 */

const STYLE = `
  :root { color-scheme: light dark; font: 14px/1.4 system-ui, sans-serif; }
  body { margin: 1.5rem; }
  header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
  h1 { font-size: 1.4rem; margin: 0; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  table { border-collapse: collapse; margin-top: .75rem; }
  th, td { border-bottom: 1px solid #8884; padding: .3rem .6rem; text-align: left; vertical-align: top; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  td.bad { color: #c0392b; font-weight: 600; }
  td.reason { max-width: 40rem; overflow-wrap: anywhere; font-family: ui-monospace, monospace; font-size: .9em; }
  #status { color: #888; }
  #status.error { color: #c0392b; }
  nav a { margin-right: .75rem; }
  nav a.current { font-weight: 700; text-decoration: none; }
  form { margin-top: 1rem; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
  .hint { color: #888; flex-basis: 100%; margin: .25rem 0 0; }
  .empty { color: #888; }
`;

const SCRIPT = `
(() => {
  'use strict';
  const KEY = 'sg.queues.operatorKey';
  const STATES = ${JSON.stringify(JOB_STATES)};
  const REFRESH_MS = 5000;
  const $ = (id) => document.getElementById(id);
  let timer = null;

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '—' : String(text);
    if (className) td.className = className;
    return td;
  }
  function link(text, hash, current) {
    const a = document.createElement('a');
    a.textContent = text;
    a.href = hash;
    if (current) a.className = 'current';
    return a;
  }
  function time(iso) {
    return iso ? new Date(iso).toLocaleString() : null;
  }
  function status(text, error) {
    $('status').textContent = text;
    $('status').className = error ? 'error' : '';
  }

  class SignedOut extends Error {}

  async function api(path) {
    const res = await fetch(path, { headers: { authorization: 'Bearer ' + sessionStorage.getItem(KEY), accept: 'application/json' }, cache: 'no-store' });
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (res.status === 401 || res.status === 403) {
      sessionStorage.removeItem(KEY);
      signIn(res.status === 403 ? 'That key is not an operator key.' : 'That key is not known.');
      throw new SignedOut();
    }
    if (!res.ok) throw new Error((body && (body.detail || body.title)) || 'HTTP ' + res.status);
    return body;
  }

  /** "#/<queue>/<state>" → the jobs view of that queue and state. */
  function route() {
    const m = /^#\\/([^/]+)\\/([a-z]+)$/.exec(location.hash);
    if (!m) return null;
    try { return { queue: decodeURIComponent(m[1]), state: m[2] }; } catch (e) { return null; }
  }

  function showQueues(queues) {
    const body = $('queues').tBodies[0];
    body.replaceChildren();
    for (const q of queues) {
      const tr = document.createElement('tr');
      tr.append(cell(q.name), cell(q.paused ? 'paused' : 'running', q.paused ? 'bad' : ''));
      for (const c of STATES) tr.append(cell(q.counts[c], c === 'failed' && q.counts[c] > 0 ? 'n bad' : 'n'));
      tr.append(cell(q.oldestWaitingAgeSeconds === null ? null : q.oldestWaitingAgeSeconds.toFixed(1) + ' s', 'n'));
      const jobs = document.createElement('td');
      jobs.append(link('failed jobs', '#/' + encodeURIComponent(q.name) + '/failed'));
      tr.append(jobs);
      body.append(tr);
    }
    if (queues.length === 0) {
      const tr = document.createElement('tr');
      const td = cell('No queues.', 'empty');
      td.colSpan = 10;
      tr.append(td);
      body.append(tr);
    }
  }

  function showJobs(view, jobs) {
    $('jobs').hidden = false;
    $('jobs-title').textContent = view.state + ' jobs of ' + view.queue + ' (newest first)';
    const nav = $('states');
    nav.replaceChildren();
    for (const s of STATES) nav.append(link(s, '#/' + encodeURIComponent(view.queue) + '/' + s, s === view.state));
    nav.append(link('close', '#'));
    const body = $('jobs-table').tBodies[0];
    body.replaceChildren();
    for (const j of jobs) {
      const tr = document.createElement('tr');
      tr.append(
        cell(j.id), cell(j.name), cell(j.hypervisorId), cell(j.attemptsMade + ' / ' + j.maxAttempts, 'n'),
        cell(j.failedReason, 'reason'), cell(time(j.createdAt)), cell(time(j.processedAt)), cell(time(j.finishedAt)),
      );
      body.append(tr);
    }
    if (jobs.length === 0) {
      const tr = document.createElement('tr');
      const td = cell('No ' + view.state + ' jobs.', 'empty');
      td.colSpan = 8;
      tr.append(td);
      body.append(tr);
    }
  }

  // A refresh started while another is under way (a click) supersedes it: the older one neither
  // draws its answers over the newer ones nor schedules a second round of refreshes.
  let generation = 0;

  async function refresh() {
    clearTimeout(timer);
    const mine = ++generation;
    if (!sessionStorage.getItem(KEY)) return signIn();
    try {
      const queues = await api('/v1/queues');
      if (mine !== generation) return;
      showQueues(queues);
      const view = route();
      if (view && STATES.includes(view.state)) {
        const jobs = await api('/v1/queues/' + encodeURIComponent(view.queue) + '/jobs?state=' + view.state + '&limit=100');
        if (mine !== generation) return;
        showJobs(view, jobs);
      } else {
        $('jobs').hidden = true;
      }
      status('Updated ' + new Date().toLocaleTimeString() + '; refreshing every 5 s.', false);
    } catch (error) {
      if (error instanceof SignedOut || mine !== generation) return;
      status('Could not read the queues: ' + error.message, true);
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  function signIn(message) {
    clearTimeout(timer);
    generation++;
    $('main').hidden = true;
    $('forget').hidden = true;
    $('login').hidden = false;
    status(message || 'Sign in with an operator API key.', Boolean(message));
    $('key').focus();
  }

  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('key').value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY, key);
    $('key').value = '';
    $('login').hidden = true;
    $('main').hidden = false;
    $('forget').hidden = false;
    status('Loading…', false);
    refresh();
  });
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    signIn();
  });
  window.addEventListener('hashchange', refresh);

  if (sessionStorage.getItem(KEY)) {
    $('main').hidden = false;
    $('forget').hidden = false;
    refresh();
  } else {
    signIn();
  }
})();
`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only this page's own script and style run, and it can talk to this origin alone. */
export const DASHBOARD_CSP = [
  `default-src 'none'`,
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(STYLE)}`,
  `connect-src 'self'`,
  `base-uri 'none'`,
  `form-action 'none'`,
  `frame-ancestors 'none'`,
].join('; ');

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Queues · Security Groups</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Job queues</h1>
  <span id="status" role="status"></span>
  <button id="forget" type="button" hidden>Forget key</button>
</header>
<form id="login" hidden>
  <label for="key">Operator API key</label>
  <input id="key" type="password" autocomplete="off" spellcheck="false" required>
  <button type="submit">Show queues</button>
  <p class="hint">Kept in this tab only (sessionStorage) and sent as <code>Authorization: Bearer</code> to <code>/v1/queues</code>.</p>
</form>
<main id="main" hidden>
  <table id="queues">
    <thead><tr>
      <th>Queue</th><th>State</th><th>Waiting</th><th>Active</th><th>Delayed</th><th>Prioritized</th><th>Completed</th><th>Failed</th><th>Oldest waiting</th><th>Jobs</th>
    </tr></thead>
    <tbody></tbody>
  </table>
  <section id="jobs" hidden>
    <h2 id="jobs-title"></h2>
    <nav id="states"></nav>
    <table id="jobs-table">
      <thead><tr>
        <th>Id</th><th>Name</th><th>Hypervisor</th><th>Attempts</th><th>Failed reason</th><th>Created</th><th>Last attempt</th><th>Finished</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
