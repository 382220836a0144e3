// Records real answers of a running `taperlab serve --demo` for every route of the OpenAPI document
// (src/server/openapi.json) into web/test/api_answers/, where test/api_schemas.test.ts checks each
// against its response schema. Usage: node scripts/record_api.mjs http://127.0.0.1:8080/
// Uses the demo journal (demo@taperlab.local) and a fresh account per run that walks through every
// write: regimen, plan, doses, check-ins (one that pauses the plan), resume, questionnaires, tests,
// calendar address, import, sign-out and deletion; plus a problem answer per status code.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const base = new URL('api/v1', process.argv[2] ?? 'http://127.0.0.1:8080/').href;
const root = new URL(process.argv[2] ?? 'http://127.0.0.1:8080/').origin;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'api_answers');
const names = new Map();

function plusDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

class Client {
  cookie = '';
  csrf = '';
  // template: the OpenAPI path the answer belongs to; rest: the path with its values.
  async call(method, template, rest, body, expected) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== 'GET' && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    const url = template.startsWith('/cal/') ? `${root}${rest}` : `${base}${rest}`;
    const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const type = res.headers.get('content-type') ?? '';
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${method} ${rest}: ${res.status}, expected ${expected}: ${text}`);
    const answer = type.includes('json') ? JSON.parse(text) : text;
    record(method, template, res.status, type.split(';')[0], answer);
    return answer;
  }
}

// Long lists keep their first two and last two items, long texts 2000 characters: enough to check
// the shape, small enough to keep in the repository (RECORD_FULL=1 keeps everything).
function trim(value) {
  if (process.env.RECORD_FULL) return value;
  if (typeof value === 'string') return value.length > 2000 ? value.slice(0, 2000) : value;
  if (Array.isArray(value)) return (value.length > 4 ? [...value.slice(0, 2), ...value.slice(-2)] : value).map(trim);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trim(v)]));
  return value;
}

function record(method, template, status, type, body) {
  const stem = `${method.toLowerCase()}${template.replace(/[{}]/g, '').replace(/[^a-z0-9]+/gi, '_')}_${status}`;
  const n = (names.get(stem) ?? 0) + 1;
  names.set(stem, n);
  const file = path.join(out, `${stem}_${n}.json`);
  writeFileSync(file, `${JSON.stringify({ method, path: template, status, type, body: trim(body) }, null, 1)}\n`);
}

const P = (rest) => `/api/v1/people/{person_id}${rest}`;

// Sign-up answers the same for a new and a taken address and starts no session: sign in next, as
// the web app does. Returns the session.
async function signUpThenSignIn(c, body) {
  await c.call('POST', '/api/v1/auth/signup', '/auth/signup', body, 202);
  const s = await c.call(
    'POST',
    '/api/v1/auth/signin',
    '/auth/signin',
    { email: body.email, password: body.password },
    200,
  );
  c.csrf = s.csrf_token;
  return s;
}

// The person's documents, read before anything is stored and again after.
const JOURNAL_READS = [
  '/regimen',
  '/plans',
  '/today',
  '/status',
  '/progress',
  '/recovery',
  '/insights',
  '/decisions',
  '/doses',
  '/check-ins',
  '/questionnaires',
  '/cognitive-sessions',
];

async function recordPublic() {
  const c = new Client();
  await c.call('GET', '/api/v1/health', '/health', undefined, 200);
  await c.call('GET', '/api/v1/crisis-lines', '/crisis-lines?country=US', undefined, 200);
  await c.call('GET', '/api/v1/crisis-lines', '/crisis-lines', undefined, 200);
  await c.call('GET', '/api/v1/auth/session', '/auth/session', undefined, 401);
  await c.call('GET', '/api/v1/drugs', '/drugs', undefined, 401);
  await c.call(
    'POST',
    '/api/v1/auth/signin',
    '/auth/signin',
    { email: 'nobody@example.org', password: 'wrong-password' },
    401,
  );
  await c.call('POST', '/api/v1/auth/signup', '/auth/signup', { email: 'not-an-email', password: 'x' }, 422);
  // A body not sent as JSON (a cross-site form could send one): 415, before anything is read.
  const plain = await fetch(`${base}/auth/signin`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ email: 'nobody@example.org', password: 'wrong-password' }),
  });
  if (plain.status !== 415) throw new Error(`POST /auth/signin as text/plain: ${plain.status}, expected 415`);
  record('POST', '/api/v1/auth/signin', 415, 'application/problem+json', await plain.json());
  await c.call('GET', '/cal/{feed}', '/cal/unknown.ics', undefined, 404);
}

async function recordDemo() {
  const c = new Client();
  const s = await c.call(
    'POST',
    '/api/v1/auth/signin',
    '/auth/signin',
    { email: 'demo@taperlab.local', password: 'demo-taper-2026' },
    200,
  );
  c.csrf = s.csrf_token;
  const me = `/people/${s.person_id}`;
  await c.call('GET', '/api/v1/auth/session', '/auth/session', undefined, 200);
  await c.call('GET', '/api/v1/drugs', '/drugs', undefined, 200);
  await c.call('GET', '/api/v1/convert', '/convert?from=diazepam&to=clonazepam&dose_mg=10', undefined, 200);
  await c.call('GET', '/api/v1/convert', '/convert?from=nothing&to=clonazepam&dose_mg=10', undefined, 422);
  await c.call('GET', '/api/v1/instruments', '/instruments', undefined, 200);
  await c.call('GET', '/api/v1/cognitive-tests', '/cognitive-tests', undefined, 200);
  await c.call('GET', '/api/v1/crisis-lines', '/crisis-lines', undefined, 200);
  await c.call('GET', P(''), me, undefined, 200);
  await c.call('GET', P('/regimen'), `${me}/regimen`, undefined, 200);
  const plans = await c.call('GET', P('/plans'), `${me}/plans`, undefined, 200);
  for (const v of plans.versions) {
    await c.call('GET', P('/plans/{version}'), `${me}/plans/${v.version}`, undefined, 200);
  }
  await c.call('GET', P('/plans/{version}/calendar.csv'), `${me}/plans/1/calendar.csv`, undefined, 200);
  await c.call('GET', P('/plans/{version}/calendar.ics'), `${me}/plans/1/calendar.ics`, undefined, 200);
  await c.call('GET', P('/plans/current/pharmacy'), `${me}/plans/current/pharmacy?period=28`, undefined, 200);
  await c.call('GET', P('/plans/current/pharmacy'), `${me}/plans/current/pharmacy?period=0`, undefined, 422);
  await c.call('GET', P('/plans/{version}'), `${me}/plans/99`, undefined, 404);
  const today = await c.call('GET', P('/today'), `${me}/today`, undefined, 200);
  await c.call('GET', P('/today'), `${me}/today?date=${plusDays(today.date, -20)}`, undefined, 200);
  await c.call('GET', P('/today'), `${me}/today?date=2999-01-01`, undefined, 422);
  await c.call('GET', P('/doses'), `${me}/doses`, undefined, 200);
  await c.call('GET', P('/check-ins'), `${me}/check-ins`, undefined, 200);
  await c.call('GET', P('/questionnaires'), `${me}/questionnaires`, undefined, 200);
  await c.call('GET', P('/status'), `${me}/status`, undefined, 200);
  await c.call('GET', P('/progress'), `${me}/progress`, undefined, 200);
  await c.call('GET', P('/recovery'), `${me}/recovery`, undefined, 200);
  await c.call('GET', P('/insights'), `${me}/insights`, undefined, 200);
  await c.call('GET', P('/decisions'), `${me}/decisions`, undefined, 200);
  await c.call('GET', P('/cognitive-sessions'), `${me}/cognitive-sessions`, undefined, 200);
  await c.call('GET', P('/calendar-subscription'), `${me}/calendar-subscription`, undefined, 200);
  await c.call('GET', P('/export'), `${me}/export`, undefined, 200);
  await c.call('GET', P('/export'), `${me}/export?format=csv`, undefined, 200);
  const preview = { strategy: 'fraction', cut: '10%', every: '14d' };
  await c.call('POST', P('/plans/preview'), `${me}/plans/preview`, preview, 200);
  await c.call('POST', P('/plans/preview'), `${me}/plans/preview`, { strategy: 'sideways' }, 422);
  // The band of people like this person: the demo's check-ins give the personal model a fit.
  await c.call('POST', P('/plans/preview/band'), `${me}/plans/preview/band`, preview, 200);
  await c.call('POST', P('/plans/preview/band'), `${me}/plans/preview/band`, { strategy: 'sideways' }, 422);
  const back = {
    ...preview,
    go_back_to_step: plans.dose_in_force.step - 1,
    go_back_reason: 'Sleep has been poor since the cut.',
  };
  await c.call('POST', P('/plans/preview'), `${me}/plans/preview`, back, 200);
  await c.call('GET', P(''), `/people/${s.person_id + 1000}`, undefined, 404);
  return c.call('GET', P('/export'), `${me}/export`, undefined, 200);
}

async function recordFresh(exported) {
  const c = new Client();
  const email = `record-${Date.now()}@example.org`;
  const s = await signUpThenSignIn(c, {
    email,
    password: 'record-answers-1',
    name: 'Sam',
    country: 'GB',
    time_zone: 'Europe/London',
  });
  const me = `/people/${s.person_id}`;
  // A taken address: the same answer.
  await c.call('POST', '/api/v1/auth/signup', '/auth/signup', { email, password: 'record-answers-2' }, 202);
  // Before any regimen or plan.
  for (const rest of [...JOURNAL_READS, '/calendar-subscription']) {
    await c.call('GET', P(rest), `${me}${rest}`, undefined, 200);
  }
  await c.call(
    'PUT',
    P(''),
    me,
    { profile: { country: 'GB', age: 52, prescriber: { name: 'Dr Rao', contact: '020 7946 0000' } } },
    200,
  );
  await c.call('PUT', P(''), me, { time_zone: 'Mars/Olympus' }, 422);
  await c.call('POST', P('/doses'), `${me}/doses`, { drug: 'clonazepam', dose_mg: 0.5, status: 'extra' }, 201);
  const today = (await c.call('GET', P('/today'), `${me}/today`, undefined, 200)).date;
  const began = plusDays(today, -30);
  await c.call(
    'POST',
    P('/regimen'),
    `${me}/regimen`,
    { regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00', date: began },
    201,
  );
  await c.call(
    'POST',
    P('/plans/preview'),
    `${me}/plans/preview`,
    { strategy: 'fraction', cut: '10%', every: '14d', start: began },
    200,
  );
  // Without check-ins: the population's spread.
  await c.call(
    'POST',
    P('/plans/preview/band'),
    `${me}/plans/preview/band`,
    { strategy: 'fraction', cut: '10%', every: '14d', start: began },
    200,
  );
  await c.call(
    'POST',
    P('/plans'),
    `${me}/plans`,
    { strategy: 'fraction', cut: '10%', every: '14d', start: began },
    201,
  );
  await c.call('GET', P('/today'), `${me}/today`, undefined, 200);
  await c.call('POST', P('/doses'), `${me}/doses`, {}, 201);
  await c.call(
    'POST',
    P('/doses'),
    `${me}/doses`,
    { date: today, planned_time: '08:00', status: 'missed', note: 'asleep' },
    201,
  );
  await c.call('POST', P('/doses'), `${me}/doses`, { dose_mg: -1 }, 422);
  const yesterday = plusDays(today, -1);
  await c.call('POST', P('/check-ins'), `${me}/check-ins`, { date: yesterday, red_flags: ['seizure'] }, 201);
  await c.call('GET', P('/today'), `${me}/today`, undefined, 200);
  await c.call('POST', P('/check-ins'), `${me}/check-ins`, { date: yesterday, mood: 5 }, 409);
  await c.call(
    'POST',
    P('/check-ins'),
    `${me}/check-ins`,
    {
      symptoms: { anxiety: 1, insomnia: 2, tremor: null },
      sleep: { bedtime: '23:00', minutes_to_fall_asleep: 20, awakenings: 1, wake_time: '07:00', quality: 6 },
      habits: { caffeine_drinks: 2, exercise_minutes: 30 },
      mood: 6,
      notes: 'calm day',
    },
    201,
  );
  await c.call('GET', P('/today'), `${me}/today`, undefined, 200);
  await c.call('POST', P('/plan/resume'), `${me}/plan/resume`, { by: 'person', reason: 'I feel steady again' }, 201);
  await c.call('POST', P('/plan/resume'), `${me}/plan/resume`, { by: 'person', reason: 'again' }, 409);
  await c.call(
    'POST',
    P('/questionnaires/{instrument}'),
    `${me}/questionnaires/gad7`,
    { answers: [1, 1, 0, 2, 1, 0, 1] },
    201,
  );
  await c.call(
    'POST',
    P('/questionnaires/{instrument}'),
    `${me}/questionnaires/phq9`,
    { answers: [0, 1, 0, 1, 1, 0, 0, 0, 0] },
    201,
  );
  await c.call('POST', P('/questionnaires/{instrument}'), `${me}/questionnaires/gad7`, { answers: [9] }, 422);
  await c.call(
    'POST',
    P('/cognitive-sessions'),
    `${me}/cognitive-sessions`,
    {
      test_id: 'digit-span-forward',
      device: 'desktop',
      browser: 'record_api',
      result: { score: 6, trials: 12 },
    },
    201,
  );
  await c.call('POST', P('/calendar-subscription'), `${me}/calendar-subscription`, {}, 201);
  const feed = await c.call('POST', P('/calendar-subscription'), `${me}/calendar-subscription`, {}, 201);
  await c.call('GET', P('/calendar-subscription'), `${me}/calendar-subscription`, undefined, 200);
  await c.call('GET', '/cal/{feed}', feed.path, undefined, 200);
  await c.call('DELETE', P('/calendar-subscription'), `${me}/calendar-subscription`, undefined, 204);
  for (const rest of ['', ...JOURNAL_READS, '/plans/2', '/export']) {
    await c.call('GET', P(rest.startsWith('/plans/') ? '/plans/{version}' : rest), `${me}${rest}`, undefined, 200);
  }
  await c.call('POST', P('/import'), `${me}/import`, exported, 409);
  await c.call('DELETE', P(''), me, undefined, 204);

  // A fresh account takes the demo journal's export.
  const d = new Client();
  const t = await signUpThenSignIn(d, { email: `import-${email}`, password: 'record-answers-1' });
  await d.call('POST', P('/import'), `/people/${t.person_id}/import`, exported, 201);
  const recovery = JSON.parse(
    readFileSync(new URL('../../tests/e2e/fixtures/recovery_journal.json', import.meta.url), 'utf8'),
  );
  const r = new Client();
  const u = await signUpThenSignIn(r, { email: `recovery-${email}`, password: 'record-answers-1' });
  await r.call('POST', P('/import'), `/people/${u.person_id}/import`, recovery, 201);
  for (const rest of ['/today', '/status', '/progress', '/recovery', '/insights', '/plans']) {
    await r.call('GET', P(rest), `/people/${u.person_id}${rest}`, undefined, 200);
  }
  await r.call('POST', P('/check-ins'), `/people/${u.person_id}/check-ins`, { symptoms: { anxiety: 1 }, mood: 7 }, 201);
  // Alprazolam in the US: previews with alternatives, findings and every option the settings echo.
  const a = new Client();
  const w = await signUpThenSignIn(a, { email: `options-${email}`, password: 'record-answers-1', country: 'US' });
  const them = `/people/${w.person_id}`;
  await a.call('PUT', P(''), them, { profile: { country: 'US', risks: ['seizures'] } }, 200);
  await a.call(
    'POST',
    P('/regimen'),
    `${them}/regimen`,
    { regimen: ['alprazolam 1mg@08:00, 1mg@20:00'], weeks_on_regimen: 52 },
    201,
  );
  for (const options of [
    { strategy: 'guided', ceiling: 0.05 },
    { strategy: 'fraction', cut: '25%', every: '3d', override_reason: 'clinician advised' },
    { strategy: 'hyperbolic', steps: 10, goal: '0.25mg' },
    { strategy: 'fraction', cut: '10%', every: '14d', by: plusDays(today, 300) },
    { strategy: 'crossover', to: 'diazepam', then: 'bands', pace: 'fast' },
  ]) {
    await a.call('POST', P('/plans/preview'), `${them}/plans/preview`, { ...options, country: 'US' }, 200);
  }
  await a.call(
    'POST',
    P('/plans'),
    `${them}/plans`,
    { strategy: 'guided', ceiling: 0.05, country: 'US', alternative: 2 },
    201,
  );
  await a.call(
    'POST',
    P('/questionnaires/{instrument}'),
    `${them}/questionnaires/phq9`,
    { answers: [2, 2, 1, 1, 1, 1, 1, 1, 1] },
    201,
  );
  await a.call('GET', P('/plans/{version}'), `${them}/plans/1`, undefined, 200);
  await d.call('POST', '/api/v1/auth/signout', '/auth/signout', {}, 204);
  d.csrf = '';
  await d.call('POST', '/api/v1/auth/signout', '/auth/signout', {}, 401);
  // Two sessions of one account, both ended at once.
  const e = new Client();
  await signUpThenSignIn(e, { email: `everywhere-${email}`, password: 'record-answers-1' });
  const other = new Client();
  await other.call(
    'POST',
    '/api/v1/auth/signin',
    '/auth/signin',
    { email: `everywhere-${email}`, password: 'record-answers-1' },
    200,
  );
  await e.call('POST', '/api/v1/auth/signout-everywhere', '/auth/signout-everywhere', {}, 200);
  await other.call('GET', '/api/v1/auth/session', '/auth/session', undefined, 401);
}

// A person links a clinician with a one-time code; their check-in on the last day of a step with
// too few check-ins makes the plan hold, which the clinician approves from the dashboard.
async function recordClinician(email) {
  const h = new Client();
  const v = await signUpThenSignIn(h, {
    email: `held-${email}`,
    password: 'record-answers-1',
    name: 'Ann',
    country: 'GB',
  });
  const her = `/people/${v.person_id}`;
  const today = (await h.call('GET', P('/today'), `${her}/today`, undefined, 200)).date;
  const began = plusDays(today, -13);
  await h.call('POST', P('/regimen'), `${her}/regimen`, { regimen: 'diazepam 5mg@08:00, 5mg@20:00', date: began }, 201);
  await h.call(
    'POST',
    P('/plans'),
    `${her}/plans`,
    { strategy: 'fraction', cut: '10%', every: '14d', start: began },
    201,
  );
  const held = await h.call(
    'POST',
    P('/check-ins'),
    `${her}/check-ins`,
    { symptoms: { anxiety: 2, insomnia: 1 } },
    201,
  );
  const hold = held.review?.decision;
  if (hold?.kind !== 'hold') throw new Error(`expected a hold: ${JSON.stringify(held.review)}`);
  const { code } = await h.call('POST', P('/clinician-links/codes'), `${her}/clinician-links/codes`, {}, 201);
  const doc = new Client();
  await signUpThenSignIn(doc, {
    email: `dr-${email}`,
    password: 'record-answers-1',
    name: 'Dr Lee',
    role: 'clinician',
  });
  await doc.call('POST', '/api/v1/clinician/links', '/clinician/links', { code: 'AAAA-BBBB-CCCC-DDDD' }, 422);
  await doc.call('POST', '/api/v1/clinician/links', '/clinician/links', { code }, 201);
  await doc.call('GET', '/api/v1/clinician/dashboard', '/clinician/dashboard', undefined, 200);
  await doc.call('GET', P('/today'), `${her}/today`, undefined, 200);
  await doc.call('POST', P('/check-ins'), `${her}/check-ins`, { mood: 5 }, 403);
  await h.call('GET', '/api/v1/clinician/dashboard', '/clinician/dashboard', undefined, 403);
  const review = P('/decisions/{decision_id}/review');
  await doc.call(
    'POST',
    review,
    `${her}/decisions/${hold.id}/review`,
    { action: 'approve', reason: 'Agreed: two more weeks.' },
    201,
  );
  await doc.call('POST', review, `${her}/decisions/${hold.id}/review`, { action: 'approve' }, 409);
  const links = await h.call('GET', P('/clinician-links'), `${her}/clinician-links`, undefined, 200);
  await h.call('GET', P('/access-log'), `${her}/access-log`, undefined, 200);
  await h.call(
    'DELETE',
    P('/clinician-links/{clinician_id}'),
    `${her}/clinician-links/${links.clinicians[0].id}`,
    undefined,
    204,
  );
  await doc.call('GET', P('/today'), `${her}/today`, undefined, 404);
}

mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (f.endsWith('.json')) rmSync(path.join(out, f));
await recordPublic();
const exported = await recordDemo();
await recordFresh(exported);
await recordClinician(`${Date.now()}@record.example`);
await new Client()
  .call('GET', '/api/v1/openapi.json', '/openapi.json', undefined, 200)
  .then(() => rmSync(path.join(out, 'get_api_v1_openapi_json_200_1.json')));
console.log(`recorded ${[...names.values()].reduce((a, b) => a + b, 0)} answers in ${out}`);
