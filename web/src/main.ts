// Entry point: styles, routes, and the session check on load. The charts (uPlot) are loaded by
// the pages that draw them (charts/lazy.ts), not here.
import './styles/main.css';
import './styles/print.css';

import { setUnauthorizedHandler } from './api';
import { renderHeader } from './layout';
import { addRoute, navigate, setGuard, setNavigateListener, startRouter } from './router';
import { isClinician, loadSession, session, setSession } from './session';
import { renderSignIn } from './pages/signin';
import { renderPlanWizard } from './pages/plan_wizard';
import { renderToday } from './pages/today';
import { renderQuestionnaires } from './pages/questionnaires';
import { renderTests } from './pages/tests';
import { renderProgress } from './pages/progress';
import { renderSettings } from './pages/settings';
import { renderPharmacy } from './pages/pharmacy';
import { renderShare } from './pages/share';
import { renderClinicianDashboard } from './pages/clinician_dashboard';
import { renderClinicianPerson } from './pages/clinician_person';
import { startOffline } from './offline/setup';

addRoute('/signin', 'Sign in', renderSignIn, true);
addRoute('/plan', 'Plan', renderPlanWizard);
addRoute('/today', 'Today', renderToday);
addRoute('/questionnaires', 'Questionnaires', renderQuestionnaires);
addRoute('/tests', 'Memory and attention', renderTests);
addRoute('/progress', 'Progress', renderProgress);
addRoute('/settings', 'Settings', renderSettings);
addRoute('/pharmacy', 'Pharmacy supply', renderPharmacy);
addRoute('/share', 'Share with my clinician', renderShare);
// A clinician's pages; more specific prefix first.
addRoute('/clinician/people', 'Person', renderClinicianPerson);
addRoute('/clinician', 'Dashboard', renderClinicianDashboard);

// A clinician's account sees only its own pages (/clinician...), never a person's writing pages;
// a person's never sees the dashboard.
setGuard((isPublic, prefix) => {
  const signedIn = session();
  if (!isPublic && !signedIn) return '/signin';
  const home = isClinician() ? '/clinician' : '/today';
  if (isPublic && signedIn) return home;
  if (!isPublic && isClinician() !== prefix.startsWith('/clinician')) return home;
  return null;
});
setNavigateListener((path) => renderHeader(path));
setUnauthorizedHandler(() => {
  setSession(null);
  navigate('/signin');
});

// The skip link must not change the hash (the router owns it): move focus instead.
document.querySelector('.skip-link')?.addEventListener('click', (ev) => {
  ev.preventDefault();
  document.getElementById('main')?.focus();
});

// Before the session check: offline, the session comes from what the device kept.
startOffline();

async function start(): Promise<void> {
  try {
    await loadSession();
  } catch {
    setSession(null);
  }
  startRouter();
}

void start();
