// Sign in or create an account (email, password of at least 10 characters, name).
import { signUpThenSignIn, type SignUpFields } from '../account';
import { api } from '../api';
import { showHelpNow } from '../crisis';
import { asyncListener, field, h, liveRegion, setFieldError } from '../dom';
import { clearProblems, showProblem } from '../forms';
import { navigate } from '../router';
import { SessionInfo, setSession } from '../session';

function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}

export function renderSignIn(main: HTMLElement): void {
  let mode: 'signin' | 'signup' = 'signin';
  const heading = h('h1', {}, 'Sign in');
  const email = field('Email', h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true }));
  const password = field(
    'Password',
    h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, minlength: 10 }),
    'At least 10 characters.',
  );
  const name = field('Your name (optional)', h('input', { type: 'text', name: 'name', autocomplete: 'name' }));
  const summary = liveRegion('form-summary');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const toggle = h('button', { type: 'button', class: 'link-button' }, 'New here? Create an account');
  const country = field(
    'Country (two-letter code, e.g. US, GB)',
    h('input', { type: 'text', name: 'country', maxlength: 2, autocomplete: 'country' }),
    'So that crisis-line numbers and the usual tablet strengths are the right ones for you.',
  );
  // The device's time zone goes with the sign-up: "today" and dose times are the person's own
  // from the first day (editable in Settings).
  const timeZone = deviceTimeZone();
  const zoneNote = h(
    'p',
    { class: 'hint', 'data-testid': 'signup-time-zone' },
    timeZone ? `Your time zone: ${timeZone} (from this device; you can change it in Settings).` : '',
  );
  // A prescriber's account: a dashboard of the people who link it, no journal of its own.
  const clinicianBox = h('input', { type: 'checkbox', name: 'role', id: 'signup-clinician' });
  const clinician = h(
    'div',
    { class: 'field check' },
    clinicianBox,
    h('label', { for: 'signup-clinician' }, 'I am a clinician (a prescriber following people who link me)'),
  );
  const fields = { email, password, name, country };

  const form = h(
    'form',
    { class: 'card narrow', novalidate: true },
    email.wrap,
    password.wrap,
    name.wrap,
    country.wrap,
    clinician,
    zoneNote,
    submit,
    summary,
  );
  function setMode(m: typeof mode): void {
    mode = m;
    heading.textContent = m === 'signin' ? 'Sign in' : 'Create an account';
    submit.textContent = m === 'signin' ? 'Sign in' : 'Create account';
    toggle.textContent = m === 'signin' ? 'New here? Create an account' : 'Have an account? Sign in';
    name.wrap.hidden = m === 'signin';
    country.wrap.hidden = m === 'signin';
    clinician.hidden = m === 'signin';
    zoneNote.hidden = m === 'signin' || !timeZone;
    password.input.setAttribute('autocomplete', m === 'signin' ? 'current-password' : 'new-password');
    clearProblems(fields, summary);
  }
  toggle.addEventListener('click', () => setMode(mode === 'signin' ? 'signup' : 'signin'));

  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      clearProblems(fields, summary);
      const body: SignUpFields = { email: email.input.value.trim(), password: password.input.value };
      let ok = true;
      if (!body.email.includes('@')) {
        setFieldError(email, 'Please enter your email address.');
        ok = false;
      }
      if (mode === 'signup' && body.password.length < 10) {
        setFieldError(password, 'Please use at least 10 characters.');
        ok = false;
      }
      if (!ok) {
        summary.textContent = 'Please check the highlighted fields.';
        return;
      }
      if (mode === 'signup' && name.input.value.trim()) body.name = name.input.value.trim();
      if (mode === 'signup' && country.input.value.trim()) body.country = country.input.value.trim().toUpperCase();
      if (mode === 'signup' && timeZone) body.time_zone = timeZone;
      if (mode === 'signup' && clinicianBox.checked) body.role = 'clinician';
      submit.disabled = true;
      try {
        if (mode === 'signin') {
          setSession(await api.post<SessionInfo>('/auth/signin', body));
          navigate('/today');
        } else {
          const outcome = await signUpThenSignIn(api.post, body);
          if ('session' in outcome) {
            setSession(outcome.session);
            navigate(outcome.session.user.role === 'clinician' ? '/clinician' : '/plan');
          } else {
            setMode('signin');
            summary.textContent = outcome.notice;
          }
        }
      } catch (e) {
        showProblem(e, fields, summary);
      } finally {
        submit.disabled = false;
      }
    }),
  );

  // Help is never behind an account: the numbers for the browser's country, one tap away.
  const help = h('button', { type: 'button', class: 'link-button' }, 'Emergency and crisis numbers');
  help.addEventListener('click', () => void showHelpNow());
  main.append(
    heading,
    h(
      'p',
      { class: 'lead' },
      'taperlab helps you and your prescriber plan a slow, steady reduction and keep a short daily record of how you feel.',
    ),
    h('p', { class: 'notice' }, 'In danger, or thinking of harming yourself? ', help, ' (no account needed).'),
    form,
    h('p', {}, toggle),
  );
  setMode('signin');
}
