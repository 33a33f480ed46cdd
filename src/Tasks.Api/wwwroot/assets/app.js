// The Tasks page: a TodoMVC-shaped list over the /tasks API, plus statuses, due dates, descriptions and sign-in.
// Plain ES module, no framework. Every URL is relative, so the page works at / (Kestrel) and at /dev/ (an API stage).

const PAGE_SIZE = 100;      // tasks per API page (the API's maximum)
const RENDER_STEP = 50;     // rows added to the DOM at a time ("Show more" or scrolling)
const PARALLEL_WRITES = 4;  // bulk changes in flight at once

const $ = (selector, root = document) => root.querySelector(selector);
const el = {
  app: $('.todoapp'), newTodo: $('.new-todo'), main: $('.main'), list: $('.todo-list'), toggleAll: $('.toggle-all'),
  footer: $('.footer'), count: $('.todo-count'), clear: $('.clear-completed'), filters: $('.filters'),
  more: $('.load-more'), status: $('.status-line'), problem: $('.problem'), problemText: $('.problem-text'),
  problemActions: $('.problem-actions'), signin: $('.signin'), account: $('.account'), who: $('.who'),
  template: $('#task-item'),
};

const state = {
  tasks: new Map(),   // id -> task as the server last answered it (or as optimistically changed)
  loaded: false,      // every page of the list has arrived
  filter: 'all',
  shown: RENDER_STEP,
  editing: null,      // id of the row whose title is being edited
  unsent: new Map(),  // id -> changes sent but not yet answered (kept across a sign-in redirect)
};

// ---------------------------------------------------------------------------------------------------------------
// Talking to the API

class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || (status ? `HTTP ${status}` : 'The server could not be reached.'));
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
  get unreachable() { return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504; }
}

const auth = { mode: 'none', token: null, settings: null, oauth: null, server: null, claims: null };

async function api(method, path, { body, ifMatch, idempotencyKey, contentType = 'application/json' } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: 'application/json' };
    if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
    if (body !== undefined) headers['Content-Type'] = contentType;
    if (ifMatch) headers['If-Match'] = ifMatch;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch {
      throw new ApiError(0, null);
    }
    const retryAfter = Number(response.headers.get('Retry-After')) || 1;
    // The per-owner rate limit: wait as told and go on (bulk changes send many requests).
    if (response.status === 429 && attempt < 5) {
      await new Promise(resolve => setTimeout(resolve, retryAfter * 1000));
      continue;
    }
    if (response.status === 401 && auth.mode === 'jwt') {
      // A token refused right after signing in would only be refused again: say so instead of going round in circles.
      if (!auth.accepted) throw new ApiError(401, { detail: 'you signed in, but the API does not accept the token; ask whoever runs it to check the issuer and audience' });
      await startSignIn('Your session has ended. Signing you in again; what you typed is kept.');
      throw new ApiError(401, null);
    }
    const type = response.headers.get('Content-Type') || '';
    const data = response.status === 204 ? null : type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) throw new ApiError(response.status, data, retryAfter);
    auth.accepted = true;
    return { data, etag: response.headers.get('ETag') };
  }
}

const etagOf = task => `"${task.version}"`;

// ---------------------------------------------------------------------------------------------------------------
// Views

const today = () => new Date().toLocaleDateString('en-CA'); // YYYY-MM-DD in the user's time zone
const isDone = task => task.status === 'done';
const isOverdue = task => !isDone(task) && task.dueDate && task.dueDate < today();

const views = {
  all: () => true,
  active: task => !isDone(task),
  completed: isDone,
  due: task => !isDone(task) && Boolean(task.dueDate),
};

function visibleTasks() {
  const tasks = [...state.tasks.values()].filter(views[state.filter]);
  // Oldest first, as the API lists them (ids are time-ordered); due soon by date, then creation.
  return state.filter === 'due'
    ? tasks.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))
    : tasks.sort((a, b) => a.id.localeCompare(b.id));
}

function routeFromHash() {
  const route = location.hash.replace(/^#\/?/, '');
  state.filter = Object.hasOwn(views, route) ? route : 'all';
  state.shown = RENDER_STEP;
  for (const link of el.filters.querySelectorAll('a')) {
    const selected = link.getAttribute('href') === `#/${state.filter === 'all' ? '' : state.filter}`;
    link.classList.toggle('selected', selected);
    if (selected) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  render();
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

const statusNames = { todo: 'To do', in_progress: 'In progress', done: 'Done' };
const formatDate = iso => new Date(`${iso}T00:00:00`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

function render() {
  const all = [...state.tasks.values()];
  const left = all.filter(task => !isDone(task)).length;
  const done = all.length - left;
  el.main.hidden = el.footer.hidden = all.length === 0;
  el.count.innerHTML = '';
  const strong = document.createElement('strong');
  strong.textContent = String(left);
  el.count.append(strong, ` ${left === 1 ? 'item' : 'items'} left`);
  el.clear.hidden = done === 0;
  el.toggleAll.checked = all.length > 0 && left === 0;
  el.toggleAll.disabled = el.clear.disabled = !state.loaded;

  const tasks = visibleTasks();
  const rows = tasks.slice(0, state.shown);
  // Rows are kept and moved only when out of place: moving a row would take the focus away from its controls.
  const wanted = new Set(rows.map(task => task.id));
  const existing = new Map();
  for (const li of [...el.list.children]) {
    if (wanted.has(li.dataset.id)) existing.set(li.dataset.id, li); else li.remove();
  }
  let cursor = el.list.firstElementChild;
  for (const task of rows) {
    const li = existing.get(task.id) ?? createRow();
    fillRow(li, task);
    if (li === cursor) cursor = cursor.nextElementSibling;
    else el.list.insertBefore(li, cursor);
  }
  el.list.setAttribute('aria-busy', String(!state.loaded));
  el.more.hidden = tasks.length <= state.shown;
  el.more.textContent = `Show more (${tasks.length - state.shown} more)`;
}

function createRow() {
  return el.template.content.firstElementChild.cloneNode(true);
}

function fillRow(li, task) {
  li.dataset.id = task.id;
  li.classList.toggle('completed', isDone(task));
  li.classList.toggle('in-progress', task.status === 'in_progress');
  li.classList.toggle('overdue', Boolean(isOverdue(task)));
  li.classList.toggle('pending', Boolean(task.pending));
  li.classList.toggle('editing', state.editing === task.id);
  const toggle = $('.toggle', li);
  toggle.checked = isDone(task);
  toggle.setAttribute('aria-label', `Done: ${task.title}`);
  $('label', li).textContent = task.title;
  const badge = $('.badge', li);
  badge.hidden = task.status !== 'in_progress';
  badge.textContent = statusNames.in_progress;
  const due = $('.due', li);
  due.hidden = !task.dueDate;
  if (task.dueDate) {
    due.textContent = isOverdue(task) ? `Overdue: ${formatDate(task.dueDate)}` : `Due ${formatDate(task.dueDate)}`;
  }
  $('.rename', li).setAttribute('aria-label', `Edit title: ${task.title}`);
  $('.details-toggle', li).setAttribute('aria-label', `Details: ${task.title}`);
  $('.destroy', li).setAttribute('aria-label', `Delete: ${task.title}`);
  $('.edit', li).setAttribute('aria-label', `New title for: ${task.title}`);
  for (const button of li.querySelectorAll('button, input.toggle')) button.disabled = Boolean(task.pending);
  const details = $('.details', li);
  $('.description-text', li).textContent = task.description || 'No description.';
  if (details.hidden) {
    details.elements.status.value = task.status;
    details.elements.dueDate.value = task.dueDate ?? '';
    details.elements.description.value = task.description ?? '';
  }
}

const rowOf = target => target.closest('li[data-id]');
const taskOf = target => state.tasks.get(rowOf(target)?.dataset.id);

function announce(text) {
  el.status.textContent = '';
  // A fresh text node each time, so a screen reader repeats an identical message.
  requestAnimationFrame(() => { el.status.textContent = text; });
}

function showProblem(text, actions = []) {
  el.problemText.textContent = text;
  el.problemActions.replaceChildren(...[...actions, ['Dismiss', clearProblem]].map(([label, action]) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.addEventListener('click', () => { clearProblem(); el.newTodo.focus(); action(); });
    return button;
  }));
  el.problem.hidden = false;
}

function clearProblem() {
  el.problem.hidden = true;
  el.problemText.textContent = '';
  el.problemActions.replaceChildren();
}

// ---------------------------------------------------------------------------------------------------------------
// Loading: every page of the list, following the cursor, rendering as pages arrive. The footer's counts and the
// bulk changes need the whole list.

async function loadAll() {
  state.tasks.clear();
  state.loaded = false;
  let cursor = null;
  try {
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (cursor) query.set('cursor', cursor);
      const { data } = await api('GET', `tasks?${query}`);
      for (const task of data.items) state.tasks.set(task.id, remember(task));
      cursor = data.nextCursor;
      render();
    } while (cursor);
    state.loaded = true;
    render();
    announce(`${state.tasks.size} ${state.tasks.size === 1 ? 'task' : 'tasks'} loaded.`);
  } catch (error) {
    if (error.status === 401 && auth.signingIn) return;
    showProblem(`Your tasks could not be loaded: ${error.message}`, [['Retry', loadAll]]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Changes. Every change names the version it was made on (If-Match); a 412 shows the current version and keeps
// the user's change so it can be applied again.

function failed(error, what, retry, rollback) {
  rollback?.();
  render();
  if (error.status === 401 && auth.signingIn) return;
  if (error.unreachable) {
    showProblem(`${what} failed: the server could not be reached or is busy. Nothing was lost; try again.`, [['Retry', retry]]);
  } else {
    showProblem(`${what} failed: ${error.message}`, retry ? [['Retry', retry]] : []);
  }
}

async function createTask(title, key = crypto.randomUUID()) {
  const tempId = `pending-${key}`;
  state.tasks.set(tempId, { id: tempId, title, status: 'todo', pending: true, version: 0 });
  render();
  try {
    const { data } = await api('POST', 'tasks', { body: { title }, idempotencyKey: key });
    state.tasks.delete(tempId);
    state.tasks.set(data.id, remember(data));
    render();
    announce(`Added “${title}”.`);
  } catch (error) {
    state.tasks.delete(tempId);
    if (!el.newTodo.value) el.newTodo.value = title;
    // The same Idempotency-Key: if the first attempt did create the task, the retry answers that task.
    failed(error, `Adding “${title}”`, () => {
      if (el.newTodo.value.trim() === title) el.newTodo.value = '';
      createTask(title, key);
    });
  }
}

// One request at a time per task, each naming the version the server last answered for it: a change made while an
// earlier one is still on its way waits for it, instead of racing it with a version that is about to be stale.
const queues = new Map();
const confirmed = new Map(); // task id -> the version the server last answered

function remember(task) {
  confirmed.set(task.id, task.version);
  return task;
}

function serial(id, operation) {
  const next = (queues.get(id) ?? Promise.resolve()).then(operation);
  queues.set(id, next);
  next.finally(() => { if (queues.get(id) === next) queues.delete(id); });
  return next;
}

const ifMatch = task => `"${confirmed.get(task.id) ?? task.version}"`;

function changeTask(task, patch, what) {
  const before = { ...task };
  Object.assign(task, patch);
  render();
  state.unsent.set(task.id, { ...state.unsent.get(task.id), ...patch });
  return serial(task.id, async () => {
    try {
      return await sendChange(task, before, patch, what);
    } finally {
      if (!auth.signingIn) state.unsent.delete(task.id);
    }
  });
}

async function sendChange(task, before, patch, what) {
  try {
    const { data } = await api('PATCH', `tasks/${task.id}`, {
      body: patch, ifMatch: ifMatch(task), contentType: 'application/merge-patch+json',
    });
    remember(data);
    // A delete made meanwhile wins on screen; it is queued behind this change and goes out next.
    if (state.tasks.has(data.id)) Object.assign(state.tasks.get(data.id), data, patchesAfter(task, patch));
    render();
    const message = what(data);
    if (message) announce(message);
    return true;
  } catch (error) {
    if (error.status === 412) {
      await showConflict(before, patch, what);
    } else if (error.status === 404) {
      state.tasks.delete(task.id);
      render();
      showProblem(`“${before.title}” was deleted elsewhere.`);
    } else {
      failed(error, `Changing “${before.title}”`, () => changeTask(state.tasks.get(task.id) ?? before, patch, what),
        () => { if (state.tasks.has(task.id)) Object.assign(state.tasks.get(task.id), pick(before, Object.keys(patch))); });
    }
    return false;
  }
}

const pick = (object, fields) => Object.fromEntries(fields.map(field => [field, object[field] ?? null]));

// Fields the user changed again while this change was on its way keep their newer (optimistic) value.
function patchesAfter(task, patch) {
  const shown = state.tasks.get(task.id);
  return Object.fromEntries(Object.keys(shown ?? {}).filter(field => field in patch && shown[field] !== patch[field]).map(field => [field, shown[field]]));
}

async function showConflict(before, patch, what) {
  let current = null;
  try {
    current = remember((await api('GET', `tasks/${before.id}`)).data);
  } catch (error) {
    if (error.status !== 404) {
      return failed(error, 'Reading the current version', () => showConflict(before, patch, what),
        () => { if (state.tasks.has(before.id)) Object.assign(state.tasks.get(before.id), pick(before, Object.keys(patch))); });
    }
  }
  if (!current) {
    state.tasks.delete(before.id);
    render();
    return showProblem(`“${before.title}” was deleted elsewhere; your change was not saved.`);
  }
  state.tasks.set(current.id, current);
  render();
  const yours = Object.entries(patch).map(([field, value]) => `${field}: ${value === null || value === '' ? '(empty)' : `“${value}”`}`).join(', ');
  showProblem(`“${current.title}” was changed elsewhere, so your change was not saved. The list now shows the current version. Your change was ${yours}.`,
    [['Apply my change', () => changeTask(state.tasks.get(current.id), patch, what)]]);
}

function deleteTask(task, quiet = false) {
  state.tasks.delete(task.id);
  render();
  return serial(task.id, () => sendDelete(task, quiet));
}

async function sendDelete(task, quiet) {
  try {
    await api('DELETE', `tasks/${task.id}`, { ifMatch: ifMatch(task) });
    confirmed.delete(task.id);
    if (!quiet) announce(`Deleted “${task.title}”.`);
    return true;
  } catch (error) {
    if (error.status === 404) return true;
    if (error.status === 412) {
      state.tasks.set(task.id, task);
      await showConflictOnDelete(task);
    } else {
      failed(error, `Deleting “${task.title}”`, () => deleteTask(state.tasks.get(task.id) ?? task), () => state.tasks.set(task.id, task));
    }
    return false;
  }
}

async function showConflictOnDelete(task) {
  try {
    const { data } = await api('GET', `tasks/${task.id}`);
    state.tasks.set(data.id, remember(data));
    render();
    showProblem(`“${data.title}” was changed elsewhere, so it was not deleted. The list shows the current version.`,
      [['Delete it anyway', () => deleteTask(state.tasks.get(data.id))]]);
  } catch (error) {
    if (error.status === 404) { state.tasks.delete(task.id); render(); return; }
    failed(error, 'Reading the current version', () => showConflictOnDelete(task));
  }
}

// Bulk changes over the whole list, a few requests at a time; each one conditional on the version shown.
async function forEachLimited(items, action) {
  let next = 0, failures = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (!(await action(item))) failures++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_WRITES, items.length) }, worker));
  return failures;
}

async function setAll(done) {
  const targets = [...state.tasks.values()].filter(task => isDone(task) !== done && !task.pending);
  const failures = await forEachLimited(targets, task => changeTask(task, { status: done ? 'done' : 'todo' }, () => ''));
  announce(failures ? `${targets.length - failures} of ${targets.length} tasks changed.` : `All tasks marked ${done ? 'done' : 'not done'}.`);
}

async function clearCompleted() {
  const targets = [...state.tasks.values()].filter(isDone);
  el.newTodo.focus();
  const failures = await forEachLimited(targets, task => deleteTask(task, true));
  announce(failures ? `${targets.length - failures} of ${targets.length} completed tasks cleared.` : `Cleared ${targets.length} completed ${targets.length === 1 ? 'task' : 'tasks'}.`);
}

// ---------------------------------------------------------------------------------------------------------------
// Editing a title in place: Enter or leaving the field saves, Escape cancels, an empty title deletes.

function startEditing(li) {
  const task = state.tasks.get(li.dataset.id);
  if (!task || task.pending) return;
  state.editing = task.id;
  li.classList.add('editing');
  const input = $('.edit', li);
  input.value = task.title;
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}

function finishEditing(input, save) {
  const li = rowOf(input);
  const task = li && state.tasks.get(li.dataset.id);
  if (!task || state.editing !== task.id) return;
  state.editing = null;
  li.classList.remove('editing');
  const title = input.value.trim();
  $('.rename', li)?.focus();
  if (!save) return render();
  if (!title) {
    el.newTodo.focus();
    return deleteTask(task);
  }
  if (title !== task.title) changeTask(task, { title }, data => `Renamed to “${data.title}”.`);
  else render();
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-in: authorization code + PKCE with oauth4webapi, tokens in memory only. What the user was typing survives
// the redirect in sessionStorage.

const DRAFT_KEY = 'tasks.draft';
const SIGNIN_KEY = 'tasks.signin';

function pageUrl() {
  return new URL('.', document.baseURI).href.replace(/[?#].*$/, '');
}

function saveDraft() {
  const editing = state.editing && { id: state.editing, title: $(`li[data-id="${state.editing}"] .edit`)?.value };
  // A new task whose create was refused for want of a session is typed text too: it goes back in the field.
  const unsent = [...state.tasks.values()].filter(task => task.pending).map(task => task.title);
  const newTodo = [el.newTodo.value, ...unsent].filter(Boolean).join(' ');
  sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ newTodo, editing, changes: [...state.unsent], hash: location.hash }));
}

function restoreDraft() {
  const draft = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || 'null');
  sessionStorage.removeItem(DRAFT_KEY);
  if (!draft) return;
  if (draft.newTodo) el.newTodo.value = draft.newTodo;
  // Changes the session ended under are sent again, on the version now loaded (a 412 shows if it moved meanwhile).
  for (const [id, patch] of draft.changes ?? []) {
    const task = state.tasks.get(id);
    if (task) changeTask(task, patch, data => `Saved “${data.title}”.`);
  }
  const li = draft.editing && $(`li[data-id="${draft.editing.id}"]`);
  if (li) {
    startEditing(li);
    $('.edit', li).value = draft.editing.title ?? '';
  }
}

async function oauthClient() {
  if (auth.server) return auth;
  const moduleUrl = new URL($('meta[name="tasks-oauth-module"]').content, document.baseURI).href;
  auth.oauth = await import(moduleUrl);
  const issuer = new URL(auth.settings.issuer);
  // Plain http is accepted only for a provider on this machine (tools/oidc); anything else must be https.
  auth.options = ['localhost', '127.0.0.1'].includes(issuer.hostname) ? { [auth.oauth.allowInsecureRequests]: true } : {};
  const response = await auth.oauth.discoveryRequest(issuer, { ...auth.options, algorithm: 'oidc' });
  auth.server = await auth.oauth.processDiscoveryResponse(issuer, response);
  auth.client = { client_id: auth.settings.clientId };
  return auth;
}

// One sign-in at a time: several requests refused together must not each store their own state and verifier.
function startSignIn(message) {
  auth.signingIn ??= redirectToSignIn(message);
  return auth.signingIn;
}

async function redirectToSignIn(message) {
  saveDraft();
  if (message) announce(message);
  const { oauth, server } = await oauthClient();
  const pending = {
    verifier: oauth.generateRandomCodeVerifier(), state: oauth.generateRandomState(), nonce: oauth.generateRandomNonce(),
  };
  sessionStorage.setItem(SIGNIN_KEY, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: auth.settings.clientId, redirect_uri: pageUrl(), response_type: 'code', scope: auth.settings.scopes,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256',
    state: pending.state, nonce: pending.nonce, ...(auth.settings.resource ? { resource: auth.settings.resource } : {}),
  }).toString();
  location.assign(url.href);
  return new Promise(() => {}); // the page is leaving
}

async function completeSignIn() {
  const here = new URL(location.href);
  if (!here.searchParams.has('code') && !here.searchParams.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(SIGNIN_KEY) || 'null');
  sessionStorage.removeItem(SIGNIN_KEY);
  const hash = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || 'null')?.hash ?? '';
  history.replaceState(null, '', pageUrl() + hash);
  routeFromHash(); // replaceState fires no hashchange
  if (!pending) throw new Error('this sign-in was not started here');
  const { oauth, server, client, options } = await oauthClient();
  const parameters = oauth.validateAuthResponse(server, client, here, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), parameters, pageUrl(), pending.verifier, {
    ...options, ...(auth.settings.resource ? { additionalParameters: { resource: auth.settings.resource } } : {}),
  });
  const result = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  auth.token = result.access_token;
  auth.idToken = result.id_token;
  auth.claims = oauth.getValidatedIdTokenClaims(result);
  return true;
}

async function signOut() {
  const { server } = await oauthClient();
  const idToken = auth.idToken;
  auth.token = auth.idToken = null;
  let target;
  if (auth.settings.signOutUrl) {
    target = new URL(auth.settings.signOutUrl);
    target.searchParams.set('logout_uri', pageUrl());
  } else if (server.end_session_endpoint) {
    target = new URL(server.end_session_endpoint);
    target.search = new URLSearchParams({ client_id: auth.settings.clientId, post_logout_redirect_uri: pageUrl(), ...(idToken ? { id_token_hint: idToken } : {}) }).toString();
  }
  location.assign(target?.href ?? pageUrl());
}

function showSignedOut() {
  el.signin.hidden = false;
  el.account.hidden = true;
  el.newTodo.hidden = true;
  el.main.hidden = el.footer.hidden = true;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

el.newTodo.addEventListener('keydown', event => {
  if (event.key !== 'Enter' || event.isComposing) return;
  const title = el.newTodo.value.trim();
  if (!title) return;
  el.newTodo.value = '';
  createTask(title);
});

el.list.addEventListener('change', event => {
  if (!event.target.matches('.toggle')) return;
  const task = taskOf(event.target);
  if (task) changeTask(task, { status: event.target.checked ? 'done' : 'todo' }, data => `“${data.title}” marked ${isDone(data) ? 'done' : 'not done'}.`);
});

el.list.addEventListener('click', event => {
  const task = taskOf(event.target);
  if (!task) return;
  const li = rowOf(event.target);
  if (event.target.matches('.destroy')) {
    const next = li.nextElementSibling ?? li.previousElementSibling;
    deleteTask(task);
    (next ? $('.toggle', next) : el.newTodo).focus();
  } else if (event.target.matches('.rename')) {
    startEditing(li);
  } else if (event.target.matches('.details-toggle')) {
    const details = $('.details', li);
    details.hidden = !details.hidden;
    event.target.setAttribute('aria-expanded', String(!details.hidden));
    if (!details.hidden) { fillRow(li, task); details.elements.status.focus(); }
  } else if (event.target.matches('.details-cancel')) {
    $('.details', li).hidden = true;
    $('.details-toggle', li).setAttribute('aria-expanded', 'false');
    $('.details-toggle', li).focus();
    fillRow(li, task);
  }
});

el.list.addEventListener('submit', event => {
  event.preventDefault();
  const form = event.target;
  const task = taskOf(form);
  if (!task) return;
  const values = { status: form.elements.status.value, dueDate: form.elements.dueDate.value || null, description: form.elements.description.value || null };
  const patch = Object.fromEntries(Object.entries(values).filter(([field, value]) => (task[field] ?? null) !== value));
  form.hidden = true;
  $('.details-toggle', rowOf(form)).setAttribute('aria-expanded', 'false');
  $('.details-toggle', rowOf(form)).focus();
  if (Object.keys(patch).length) changeTask(task, patch, data => `Saved “${data.title}”.`);
});

el.list.addEventListener('dblclick', event => {
  if (event.target.matches('.view label')) startEditing(rowOf(event.target));
});

el.list.addEventListener('keydown', event => {
  if (!event.target.matches('.edit') || !['Enter', 'Escape'].includes(event.key) || event.isComposing) return;
  // Without this the key would go on to press the Edit button that takes the focus back.
  event.preventDefault();
  finishEditing(event.target, event.key === 'Enter');
});

el.list.addEventListener('focusout', event => {
  if (event.target.matches('.edit')) finishEditing(event.target, true);
});

el.toggleAll.addEventListener('change', () => setAll(el.toggleAll.checked));
el.clear.addEventListener('click', clearCompleted);
el.more.addEventListener('click', () => { state.shown += RENDER_STEP; render(); });
new IntersectionObserver(entries => {
  if (entries.some(entry => entry.isIntersecting) && !el.more.hidden) { state.shown += RENDER_STEP; render(); }
}).observe(el.more);
window.addEventListener('hashchange', routeFromHash);
$('.sign-in').addEventListener('click', () => startSignIn());
$('.sign-out').addEventListener('click', signOut);

// ---------------------------------------------------------------------------------------------------------------
// Start

async function start() {
  routeFromHash();
  try {
    const response = await fetch('auth/config', { headers: { Accept: 'application/json' } });
    auth.settings = await response.json();
    auth.mode = auth.settings.mode;
  } catch {
    showProblem('The page could not reach the server. Check your connection and reload.', [['Reload', () => location.reload()]]);
    return;
  }
  if (auth.mode === 'jwt') {
    try {
      if (!(await completeSignIn())) return showSignedOut();
    } catch (error) {
      showSignedOut();
      return showProblem(`Sign-in failed: ${error.message}. Please sign in again.`);
    }
    el.account.hidden = false;
    el.who.textContent = auth.claims?.email ?? auth.claims?.name ?? auth.claims?.sub ?? '';
  }
  el.newTodo.hidden = false;
  el.newTodo.focus();
  await loadAll();
  restoreDraft();
}

start();
