// A stand-in for `taperlab serve`, for front-end work before or without the C++ server:
// `node tests/e2e/mock_server.mjs --port 8080 --web web/dist`. It keeps one person in memory,
// answers the routes the web app uses with the shapes of docs/api.md (plans are crude), and
// sends the production Content-Security-Policy so CSP mistakes show up. Not a test oracle.
import http from 'node:http';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const PORT = Number(args.port ?? 8080);
const WEB = path.resolve(args.web ?? 'web/dist');
const DATA = new URL('../../data/', import.meta.url).pathname;
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
const today = () => new Date().toISOString().slice(0, 10);
const addDays = (d, n) => new Date(Date.parse(d) + n * 86400000).toISOString().slice(0, 10);

const drugs = readdirSync(path.join(DATA, 'drugs')).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(DATA, 'drugs', f), 'utf8')))
  .map((d) => ({
    id: d.id, name: d.generic_name, class: d.class,
    formulations: (d.formulations ?? []).filter((f) => f.country === 'US' && !f.compounded).map((f) => ({
      description: f.form === 'oral_solution' ? `${f.strength_mg_per_ml} mg/mL oral solution` : `${f.strength_mg} mg ${f.form}`,
      form: f.form, strength_mg: f.strength_mg ?? 0, strength_mg_per_ml: f.strength_mg_per_ml ?? 0, split: f.split ?? 'none',
      spec: f.form === 'oral_solution' ? `${d.id}:${f.strength_mg_per_ml} solution` : `${d.id}:${f.strength_mg} ${f.form}${f.split && f.split !== 'none' ? ` ${f.split}` : ''}`,
    })),
  }));
const instruments = ['phq9', 'gad7', 'symptom-checklist'].map((id) => {
  const d = JSON.parse(readFileSync(path.join(DATA, 'instruments', `${id}.json`), 'utf8'));
  return { ...d, recall: d.recall_period, items: d.items.map((it) => ({ ...it, options: d.response_options })) };
});
const CRISIS = 'You said you have had thoughts of hurting yourself or that you would be better off dead.\nThank you for saying so. You are not alone, and help is there right now.\n\nIf you are in danger now, call 112.\n\nTalk to someone now:\n- a crisis line in your country\n\nPlease also tell your prescriber or doctor today.\n';

const users = new Map(); // email -> {password, person}
const sessions = new Map(); // token -> {email, csrf}
let nextId = 1;

function newPerson(name) {
  return { id: nextId++, name: name ?? '', profile: { risks: [], treats_epilepsy: false }, created_on: today(), regimen: null, plans: [], doses: [], checkIns: [], responses: [], cognition: [], decisions: [] };
}

function parseRegimen(text) {
  const m = /^(\w+)\s+(.*)$/.exec(text.trim());
  if (!m) return null;
  const doses = m[2].split(',').map((s) => /([\d.]+)\s*mg@(\d\d:\d\d)/.exec(s.trim())).filter(Boolean).map((x) => ({ dose_mg: Number(x[1]), time: x[2] }));
  return doses.length ? { drugs: [{ drug: m[1], doses }] } : null;
}

function buildPlan(p, opts) {
  const reg = opts.regimen ? parseRegimen(opts.regimen) : p.regimen?.regimen;
  if (!reg) return { error: [{ field: 'regimen', message: 'no regimen' }] };
  const drug = reg.drugs[0];
  const cut = opts.cut ? Number(String(opts.cut).replace('%', '')) / 100 : 0.1;
  const every = opts.every ? Number(String(opts.every).replace('d', '')) : 14;
  const start = opts.start ?? today();
  const steps = [];
  let doses = drug.doses.map((d) => ({ ...d }));
  for (let i = 0; i < 40; i += 1) {
    const daily = doses.reduce((a, d) => a + d.dose_mg, 0);
    const last = daily < 0.05;
    steps.push({ index: i + 1, day: i * every, duration_days: last ? 0 : every, kind: i === 0 ? 'start' : last ? 'stop' : 'cut', start_date: addDays(start, i * every), end_date: last ? null : addDays(start, i * every + every - 1), daily_mg: { [drug.drug]: daily }, diazepam_equivalent_mg: daily * 20, note: '', doses: last ? [] : doses.map((d) => ({ drug: drug.drug, time: d.time, dose_mg: d.dose_mg, units: `${d.dose_mg} mg` })) });
    if (last) break;
    doses = doses.map((d) => ({ ...d, dose_mg: Math.round(d.dose_mg * (1 - cut) * 1000) / 1000 }));
    if (daily < 0.2) doses = doses.map((d) => ({ ...d, dose_mg: 0 }));
  }
  const total = steps[steps.length - 1].day + 1;
  const findings = [{ severity: 'warning', code: 'long-plan', message: 'This plan takes more than a year.', action: 'Discuss the pace with your prescriber.' }];
  const plan = { draft_notice: 'This is a draft for discussion with your prescriber, not medical advice.', needs_clinician: false, strategy: opts.strategy, start_date: start, total_days: total, start_regimen: { text: `${drug.drug} ${drug.doses.map((d) => `${d.dose_mg}mg@${d.time}`).join(', ')}` }, findings, notes: [], steps };
  const series = (abrupt) => {
    const out = { day: [], date: [], dose_mg: [], effect: [], adaptation_remaining: [], withdrawal: [] };
    let adapt = 1;
    for (let d = 0; d < total; d += 1) {
      const step = [...steps].reverse().find((s) => s.day <= d);
      const dose = abrupt ? (d === 0 ? step.diazepam_equivalent_mg : 0) : step.diazepam_equivalent_mg;
      const effect = dose / (dose + 10);
      adapt += (effect / (steps[0].diazepam_equivalent_mg / (steps[0].diazepam_equivalent_mg + 10)) - adapt) / 60;
      out.day.push(d); out.date.push(addDays(start, d)); out.dose_mg.push(dose); out.effect.push(effect);
      out.adaptation_remaining.push(adapt); out.withdrawal.push(Math.max(0, adapt * steps[0].diazepam_equivalent_mg / (steps[0].diazepam_equivalent_mg + 10) - effect));
    }
    return out;
  };
  return { plan, findings, series: series(false), abrupt: series(true), table: steps.map((s) => `${s.index} ${s.start_date} ${JSON.stringify(s.daily_mg)}`).join('\n') };
}

function planInForce(p, date) {
  return [...p.plans].reverse().find((v) => v.effective_from <= date) ?? null;
}

function todayDoc(p) {
  const date = today();
  const v = planInForce(p, date);
  let planned = [];
  let step = null;
  if (v) {
    const s = [...v.plan.steps].reverse().find((x) => x.start_date <= date);
    if (s) {
      planned = s.doses;
      step = { index: s.index, of: v.plan.steps.length, kind: s.kind, day_in_step: 1, diazepam_equivalent_mg: s.diazepam_equivalent_mg };
    }
  } else if (p.regimen) planned = p.regimen.regimen.drugs[0].doses.map((d) => ({ drug: p.regimen.regimen.drugs[0].drug, ...d }));
  const logs = p.doses.filter((d) => d.date === date);
  return {
    date, paused: false, unplanned: [], plan_version: v?.version ?? null, plan_start_date: v?.plan.start_date ?? null, step,
    doses: planned.map((d) => ({ drug: d.drug, time: d.time, dose_mg: d.dose_mg, units: d.units ?? `${d.dose_mg} mg`, logged: logs.find((l) => l.drug_id === d.drug && l.planned_time === d.time) ?? null })),
    next_change_date: null, days_to_next_change: null, next_step: null, latest_decision: p.decisions.at(-1) ?? null,
  };
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Security-Policy': CSP, ...headers });
  res.end(text);
}
const problem = (res, status, title, errors) => send(res, status, { type: 'about:blank', title, status, detail: title, errors: errors ?? [] });

async function readBody(req) {
  let data = '';
  for await (const chunk of req) data += chunk;
  if (!data) return {};
  try { return JSON.parse(data); } catch { return null; }
}

function cookieToken(req) {
  const m = /taperlab_session=([^;]+)/.exec(req.headers.cookie ?? '');
  return m ? m[1] : null;
}

function startSession(res, email, status) {
  const token = randomBytes(16).toString('hex');
  const csrf = randomBytes(16).toString('hex');
  sessions.set(token, { email, csrf });
  const u = users.get(email);
  send(res, status, { user: { id: u.person.id, email }, person_id: u.person.id, csrf_token: csrf }, { 'Set-Cookie': `taperlab_session=${token}; HttpOnly; SameSite=Strict; Path=/` });
}

async function api(req, res, url) {
  const route = url.pathname.replace(/^\/api\/v1/, '');
  const m = req.method;
  if (route === '/health') return send(res, 200, { status: 'ok' });
  if (route === '/auth/signup' && m === 'POST') {
    const b = await readBody(req);
    const errors = [];
    if (!b?.email?.includes('@')) errors.push({ field: 'email', message: 'expected an email address' });
    if (!b?.password || b.password.length < 10) errors.push({ field: 'password', message: 'at least 10 characters' });
    if (users.has(b?.email)) errors.push({ field: 'email', message: 'already registered' });
    if (errors.length) return problem(res, 422, 'Invalid input', errors);
    users.set(b.email, { password: b.password, person: newPerson(b.name) });
    return startSession(res, b.email, 201);
  }
  if (route === '/auth/signin' && m === 'POST') {
    const b = await readBody(req);
    const u = users.get(b?.email);
    if (!u || u.password !== b.password) return problem(res, 401, 'Wrong email or password');
    return startSession(res, b.email, 200);
  }
  const token = cookieToken(req);
  const s = token && sessions.get(token);
  if (!s) return problem(res, 401, 'Not signed in');
  if (m !== 'GET' && req.headers['x-csrf-token'] !== s.csrf) return problem(res, 403, 'CSRF token missing or wrong');
  const u = users.get(s.email);
  const p = u.person;
  if (route === '/auth/session') return send(res, 200, { user: { id: p.id, email: s.email }, person_id: p.id, csrf_token: s.csrf });
  if (route === '/auth/signout') { sessions.delete(token); return send(res, 204); }
  if (route === '/drugs') return send(res, 200, { drugs, tables: ['ashton'] });
  if (route === '/instruments') return send(res, 200, { instruments });
  const pm = /^\/people\/(\d+)(\/.*)?$/.exec(route);
  if (!pm || Number(pm[1]) !== p.id) return problem(res, 404, 'Not found');
  const rest = pm[2] ?? '';
  const body = m === 'GET' || m === 'DELETE' ? {} : await readBody(req);
  if (body === null) return problem(res, 400, 'Malformed JSON');
  if (rest === '' && m === 'GET') return send(res, 200, { id: p.id, name: p.name, profile: p.profile, created_on: p.created_on });
  if (rest === '' && m === 'PUT') { if (body.name !== undefined) p.name = body.name; if (body.profile) p.profile = body.profile; return send(res, 200, { id: p.id, name: p.name, profile: p.profile, created_on: p.created_on }); }
  if (rest === '' && m === 'DELETE') { users.delete(s.email); sessions.delete(token); return send(res, 204); }
  if (rest.startsWith('/regimen')) {
    if (m === 'GET') return send(res, 200, { regimen: p.regimen });
    const reg = parseRegimen(String(body.regimen ?? ''));
    if (!reg) return problem(res, 422, 'Invalid input', [{ field: 'regimen', message: 'expected "drug 1mg@08:00, ..."' }]);
    p.regimen = { id: 1, person_id: p.id, effective_from: today(), regimen: reg, recorded_at: new Date().toISOString() };
    return send(res, 201, p.regimen);
  }
  if (rest === '/plans/preview') { const r = buildPlan(p, body); return r.error ? problem(res, 422, 'Invalid input', r.error) : send(res, 200, r); }
  if (rest === '/plans' && m === 'POST') {
    const r = buildPlan(p, body);
    if (r.error) return problem(res, 422, 'Invalid input', r.error);
    const v = { version: p.plans.length + 1, effective_from: r.plan.start_date, reason: 'new plan', decision_id: null, recorded_at: new Date().toISOString(), request: body, plan: r.plan };
    p.plans.push(v);
    return send(res, 201, { version: v.version, effective_from: v.effective_from, plan: v.plan });
  }
  if (rest === '/plans') return send(res, 200, { versions: p.plans.map((v) => ({ version: v.version, effective_from: v.effective_from, reason: v.reason, decision_id: null, recorded_at: v.recorded_at, steps: v.plan.steps.length })) });
  const pv = /^\/plans\/(\d+)(\/calendar\.(ics|csv))?$/.exec(rest);
  if (pv) {
    const v = p.plans.find((x) => x.version === Number(pv[1]));
    if (!v) return problem(res, 404, 'Not found');
    if (pv[3] === 'ics') return send(res, 200, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', { 'Content-Type': 'text/calendar', 'Content-Disposition': 'attachment; filename="plan.ics"' });
    if (pv[3] === 'csv') return send(res, 200, 'step,date\n', { 'Content-Type': 'text/csv' });
    return send(res, 200, v);
  }
  if (rest.startsWith('/today')) return send(res, 200, todayDoc(p));
  if (rest === '/doses' && m === 'POST') {
    const e = { id: p.doses.length + 1, person_id: p.id, date: body.date ?? today(), time: new Date().toTimeString().slice(0, 5), drug_id: body.drug, dose_mg: body.dose_mg ?? 0.5, status: body.status ?? 'taken', planned_time: body.planned_time, planned_dose_mg: null, note: '', recorded_at: '' };
    p.doses.push(e);
    return send(res, 201, e);
  }
  if (rest.startsWith('/check-ins')) {
    if (m === 'GET') { const f = url.searchParams.get('from'); return send(res, 200, { check_ins: p.checkIns.filter((c) => !f || c.date >= f) }); }
    if (p.checkIns.some((c) => c.date === body.date) && !body.replace) return problem(res, 409, 'a check-in for this day is already stored');
    const sum = Object.values(body.symptoms ?? {}).reduce((a, b) => a + b, 0);
    const max = instruments[2].items.length * 4;
    p.checkIns.push(body);
    return send(res, 201, { check_in: body, score: { sum, max, share: sum / max }, crisis_message: (body.red_flags ?? []).includes('self-harm') ? CRISIS : null, review: { decision: null, plan_change: '', next_review: addDays(today(), 10) } });
  }
  if (rest.startsWith('/questionnaires')) {
    if (m === 'GET') return send(res, 200, { responses: p.responses });
    const id = rest.split('/')[2];
    const inst = instruments.find((i) => i.id === id);
    const total = (body.answers ?? []).reduce((a, b) => a + b, 0);
    const band = [...inst.scoring.bands].reverse().find((b) => total >= b.min).label;
    const crisis = id === 'phq9' && body.answers[8] > 0;
    const response = { date: today(), instrument_id: id, answers: body.answers, total, band, crisis_shown: crisis };
    p.responses.push(response);
    return send(res, 201, { response, score: total, band, crisis_message: crisis ? CRISIS : null, review: { decision: null, plan_change: '', next_review: null } });
  }
  if (rest === '/cognitive-sessions') {
    if (m === 'GET') return send(res, 200, { sessions: p.cognition, tests: [] });
    const n = p.cognition.filter((c) => c.session.test_id === body.test_id).length + 1;
    const comparison = { practice: n <= 2, session_number: n, baseline_score: n <= 2 ? null : 5, rci: n <= 2 ? null : 0.4, change: n <= 2 ? null : 'no reliable change' };
    const view = { session: { id: p.cognition.length + 1, date: today(), ...body }, comparison };
    p.cognition.push(view);
    return send(res, 201, view);
  }
  if (rest === '/decisions') return send(res, 200, { decisions: p.decisions });
  if (rest.startsWith('/insights')) return send(res, 200, { habits: { paired_days: 0, recommended_days: 30, min_days_per_side: 3, results: [] }, notes: ['Habit results are associations, not proof of cause.'] });
  if (rest.startsWith('/progress')) {
    const v = p.plans.at(-1);
    const start = v?.plan.start_date ?? today();
    const days = [];
    for (let i = -3; i < 60; i += 1) {
      const date = addDays(start, i);
      const st = v ? [...v.plan.steps].reverse().find((x) => x.start_date <= date) : null;
      const ci = p.checkIns.find((c) => c.date === date);
      days.push({ date, dose_mg: st?.diazepam_equivalent_mg ?? 20, symptom_share: ci ? 0.05 : null, sleep_quality: ci?.sleep?.quality ?? null, mood: ci?.mood ?? null, adaptation_remaining: 1 - i / 200, withdrawal: Math.max(0, i / 400) });
    }
    return send(res, 200, { from: days[0].date, to: days.at(-1).date, days, cuts: v ? v.plan.steps.slice(1).map((x) => x.start_date).filter((d) => d <= days.at(-1).date) : [], questionnaires: p.responses.map((r) => ({ date: r.date, instrument: r.instrument_id, total: r.total })), cognition: p.cognition.map(({ session: c }) => ({ date: c.date, test_id: c.test_id, score: c.result?.score ?? null })), plan_versions: [], decisions: [] });
  }
  if (rest.startsWith('/export')) {
    const fmt = url.searchParams.get('format') ?? 'json';
    if (fmt === 'csv') return send(res, 200, 'kind,date\n', { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="taperlab-export.csv"' });
    return send(res, 200, { format: 'taperlab-export', people: [{ ...p }] }, { 'Content-Disposition': 'attachment; filename="taperlab-export.json"' });
  }
  return problem(res, 404, 'Not found');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname.startsWith('/api/v1/')) {
    api(req, res, url).catch((e) => problem(res, 500, String(e)));
    return;
  }
  const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
  const file = path.join(WEB, rel);
  if (!file.startsWith(WEB) || !existsSync(file)) return problem(res, 404, 'Not found');
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP });
  res.end(readFileSync(file));
}).listen(PORT, '127.0.0.1', () => console.log(`mock taperlab on http://127.0.0.1:${PORT}/`));
process.on('SIGTERM', () => process.exit(0));
