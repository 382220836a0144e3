// Entry point: styles, routes, and the session check on load. The charts (uPlot) are loaded by
// the pages that draw them (charts/lazy.ts), not here.
import './styles/main.css';
import './styles/print.css';

import { setUnauthorizedHandler } from './api';
import { renderHeader } from './layout';
import { addRoute, navigate, setGuard, setNavigateListener, startRouter } from './router';
import { loadSession, session, setSession } from './session';
import { renderSignIn } from './pages/signin';
import { renderPlanWizard } from './pages/plan_wizard';
import { renderToday } from './pages/today';
import { renderQuestionnaires } from './pages/questionnaires';
import { renderTests } from './pages/tests';
import { renderProgress } from './pages/progress';
import { renderSettings } from './pages/settings';
import { startOffline } from './offline/setup';

addRoute('/signin', 'Sign in', renderSignIn, true);
addRoute('/plan', 'Plan', renderPlanWizard);
addRoute('/today', 'Today', renderToday);
addRoute('/questionnaires', 'Questionnaires', renderQuestionnaires);
addRoute('/tests', 'Memory and attention', renderTests);
addRoute('/progress', 'Progress', renderProgress);
addRoute('/settings', 'Settings', renderSettings);

setGuard((isPublic) => {
  if (!isPublic && !session()) return '/signin';
  if (isPublic && session()) return '/today';
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
