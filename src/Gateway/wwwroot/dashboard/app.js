// The supervisor dashboard: sign in, pick a clinic, watch its caseload live.
import { openStream } from './live.js';
import { phq9Chart } from './chart.js';

const $ = sel => document.querySelector(sel);
const ALERT_FLAGS = { suicideRisk: 'Suicide risk: review now', reliableDeterioration: 'Reliable deterioration' };
const state = { token: sessionStorage.getItem('ipt.token'), clinic: null, rows: new Map(), version: null, sort: { key: 'clientAlias', dir: 1 }, stream: null, rollup: null };

const camel = s => (typeof s === 'string' && s.length ? s[0].toLowerCase() + s.slice(1) : s);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { ...(options.headers || {}), Authorization: `Bearer ${state.token}`, 'Content-Type': 'application/json' } });
  if (!response.ok) throw Object.assign(new Error(`${path} answered ${response.status}`), { status: response.status });
  return response.json();
}

function setConnection(text) {
  const el = $('#connection');
  el.textContent = text;
  el.className = `connection ${text === 'live' ? 'live' : text === 'reconnecting' ? 'reconnecting' : 'offline'}`;
}

async function setUpSignIn() {
  // The buttons work from the first moment: a click must not be lost while the demo users load.
  $('#demo-sign-in').onclick = async () => {
    const response = await fetch('/api/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: $('#demo-users').value }) });
    if (!response.ok) return void ($('#sign-in-error').textContent = 'The demo token was refused.');
    signIn((await response.json()).accessToken);
  };
  $('#sign-in').onclick = () => signIn($('#token-input').value.trim());
  $('#sign-out').onclick = () => { sessionStorage.removeItem('ipt.token'); location.reload(); };
  try {
    const users = await (await fetch('/api/demo/users')).json();
    $('#demo-users').innerHTML = users.map(u => `<option value="${esc(u.userId)}">${esc(u.name)} — ${esc(u.description)}</option>`).join('');
    $('#demo-panel').hidden = false;
  } catch { /* demo tokens are local mode only */ }
}

async function signIn(token) {
  state.token = token;
  try {
    const clinics = await api('/api/caseload');
    if (!clinics.length) throw new Error('No clinic in your scope.');
    sessionStorage.setItem('ipt.token', token);
    $('#token-input').value = '';
    $('#sign-in-panel').hidden = true;
    $('#dashboard').hidden = false;
    $('#sign-out').hidden = false;
    const select = $('#clinic-select');
    select.innerHTML = clinics.map(c => `<option value="${esc(c.clinicId)}">${esc(c.name)}</option>`).join('');
    select.hidden = false;
    select.onchange = () => watchClinic(select.value);
    renderNetwork(clinics);
    watchNetwork();
    watchClinic(clinics[0].clinicId);
  } catch (e) {
    state.token = null;
    $('#sign-in-error').textContent = e.status === 401 ? 'That token was not accepted.' : e.status === 403 ? 'The dashboard is for supervisors and tenant admins.' : e.message;
  }
}

function watchNetwork() {
  const cards = new Map();
  state.rollup = openStream('/api/caseload/stream', state.token, {
    onEvent: (_, clinic) => { cards.set(clinic.clinicId, clinic); renderNetwork([...cards.values()]); },
  });
}

function watchClinic(clinicId) {
  state.stream?.close();
  state.clinic = clinicId;
  state.rows.clear();
  $('#ticker').innerHTML = '';
  $('#drilldown').hidden = true;
  setConnection('connecting');
  state.stream = openStream(`/api/clinics/${encodeURIComponent(clinicId)}/caseload/stream`, state.token, {
    onState: setConnection,
    onDenied: () => setConnection('denied'),
    onEvent: (kind, data) => (kind === 'snapshot' ? applySnapshot(data) : applyDelta(data)),
  });
}

function applySnapshot(s) {
  state.rows = new Map(s.rows.map(r => [r.caseId, r]));
  state.version = s.version;
  $('#ticker').innerHTML = '';
  s.ticker.forEach(addTicker);
  render(s.counts, []);
}

function applyDelta(d) {
  d.changed.forEach(r => state.rows.set(r.caseId, r));
  d.removed.forEach(id => state.rows.delete(id));
  state.version = d.version;
  d.ticker.forEach(addTicker);
  render(d.counts, d.changed.map(r => r.caseId));
}

function addTicker(item) {
  const li = document.createElement('li');
  li.dataset.kind = item.kind;
  const row = state.rows.get(item.caseId);
  li.innerHTML = `<time>${new Date(item.at).toLocaleTimeString()}</time><strong>${esc(row?.clientAlias ?? item.caseId)}</strong> ${esc(item.text)}`;
  const list = $('#ticker');
  list.prepend(li);
  while (list.children.length > 40) list.lastChild.remove();
}

function render(counts, changed) {
  $('#version').textContent = `v${state.version}`;
  $('#counts').textContent = `${counts.cases} cases`;
  const rows = [...state.rows.values()];
  fillFilter('#filter-flag', [...new Set(rows.flatMap(r => r.flags.map(camel)))]);
  fillFilter('#filter-phase', [...new Set(rows.map(r => camel(r.phase)))]);
  fillFilter('#filter-therapist', [...new Set(rows.map(r => r.therapistId))]);
  renderAlerts(rows);
  renderTable(rows, new Set(changed));
}

function fillFilter(sel, values) {
  const select = $(sel);
  const current = select.value;
  const wanted = ['', ...values.sort()];
  if ([...select.options].map(o => o.value).join('|') === wanted.join('|')) return;
  select.innerHTML = wanted.map(v => `<option value="${esc(v)}">${v ? esc(v) : 'any'}</option>`).join('');
  select.value = wanted.includes(current) ? current : '';
}

function renderAlerts(rows) {
  const alerts = rows.flatMap(r => r.flags.map(camel).filter(f => ALERT_FLAGS[f]).map(f => ({ row: r, flag: f })));
  $('#alerts').innerHTML = alerts
    .sort((a, b) => (a.flag === 'suicideRisk' ? -1 : 1) - (b.flag === 'suicideRisk' ? -1 : 1))
    .map(a => `<div class="alert ${a.flag === 'suicideRisk' ? 'suicide-risk' : 'deterioration'}" data-case="${esc(a.row.caseId)}" data-flag="${a.flag}">
      ${esc(ALERT_FLAGS[a.flag])} — ${esc(a.row.clientAlias)} (${esc(a.row.therapistId)})</div>`).join('');
  $('#alerts').querySelectorAll('.alert').forEach(el => (el.onclick = () => drillDown(el.dataset.case)));
}

function renderTable(rows, changed) {
  const flag = $('#filter-flag').value, phase = $('#filter-phase').value, therapist = $('#filter-therapist').value;
  const { key, dir } = state.sort;
  const value = r => (key === 'flags' ? r.flags.length : r[key] ?? -1);
  const shown = rows
    .filter(r => (!flag || r.flags.map(camel).includes(flag)) && (!phase || camel(r.phase) === phase) && (!therapist || r.therapistId === therapist))
    .sort((a, b) => (value(a) > value(b) ? dir : value(a) < value(b) ? -dir : 0));
  $('#caseload tbody').innerHTML = shown.map(r => `<tr data-case="${esc(r.caseId)}" class="${changed.has(r.caseId) ? 'flash' : ''}">
    <td>${esc(r.clientAlias)}</td><td>${esc(r.therapistId)}</td><td>${esc(camel(r.phase))}</td>
    <td>${r.sessionsAttended}${r.contractSessions ? ` of ${r.contractSessions}` : ''}</td>
    <td>${r.latestPhq9 ?? '—'}</td><td>${esc(r.phq9Trajectory.join(' → '))}</td>
    <td>${r.goalsAchieved}/${r.goalsTotal}</td><td>${r.milestonesAchieved}/${r.milestonesTotal}</td>
    <td>${r.flags.map(f => `<span class="flag ${esc(camel(f))}">${esc(camel(f))}</span>`).join('')}</td>
    <td>${new Date(r.lastContactAt).toLocaleDateString()}</td></tr>`).join('');
  $('#caseload tbody').querySelectorAll('tr').forEach(tr => (tr.onclick = () => drillDown(tr.dataset.case)));
  document.querySelectorAll('th[data-sort]').forEach(th => {
    th.className = th.dataset.sort === key ? (dir > 0 ? 'sorted-asc' : 'sorted-desc') : '';
    th.onclick = () => { state.sort = { key: th.dataset.sort, dir: state.sort.key === th.dataset.sort ? -state.sort.dir : 1 }; renderTable([...state.rows.values()], new Set()); };
  });
}

function renderNetwork(clinics) {
  $('#network').innerHTML = clinics.map(c => {
    const flags = Object.fromEntries(Object.entries(c.counts.byFlag).map(([k, v]) => [camel(k), v]));
    return `<div class="clinic-card"><strong>${esc(c.name)}</strong><br>${c.counts.cases} cases
      <span class="risk">${flags.suicideRisk ? ` · ${flags.suicideRisk} suicide risk` : ''}${flags.reliableDeterioration ? ` · ${flags.reliableDeterioration} deteriorating` : ''}</span></div>`;
  }).join('');
}

async function drillDown(caseId) {
  const panel = $('#drilldown');
  panel.hidden = false;
  panel.innerHTML = `<h2>Loading ${esc(caseId)}…</h2>`;
  try {
    const c = await api(`/api/cases/${encodeURIComponent(caseId)}`);
    const phq9 = c.measures.filter(m => m.score.instrument === 'phq-9').map(m => ({ total: m.score.total }));
    panel.innerHTML = `<h2>${esc(c.clientAlias)} <span class="muted">${esc(c.caseId)} · ${esc(camel(c.phase))} · ${esc(c.therapistId)}</span></h2>
      <h3>PHQ-9</h3><div id="chart"></div>
      <h3>Goals</h3><ul>${c.goals.map(g => `<li>${esc(g.title)} <span class="muted">${esc(camel(g.status))}${g.gasLevel != null ? `, GAS ${g.gasLevel}` : ''}</span></li>`).join('') || '<li class="muted">none yet</li>'}</ul>
      <h3>Milestones</h3><ul>${c.milestones.map(m => `<li>${esc(m.title)} <span class="muted">${esc(camel(m.status))}</span></li>`).join('') || '<li class="muted">none yet</li>'}</ul>`;
    $('#chart').appendChild(phq9.length ? phq9Chart(phq9) : Object.assign(document.createElement('p'), { textContent: 'No PHQ-9 yet.' }));
  } catch (e) {
    panel.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

['#filter-flag', '#filter-phase', '#filter-therapist'].forEach(sel => ($(sel).onchange = () => renderTable([...state.rows.values()], new Set())));
setUpSignIn();
if (state.token) signIn(state.token);
