/** Entry of the staff console (`GET /staff`): mounts the shell. */
import { render } from 'preact';
import { Shell } from './shell';
import { readPageData } from '../pageData';
import { interceptLinks, location } from '../router';
import { resumeSession } from '../session';
import { loadCatalogue, storedLanguage } from '../i18n';

const root = document.getElementById('console-root');
if (root) {
  const data = readPageData();
  // Back from the issuer with a code (or resuming this tab's session) before the first render.
  // The reader's catalogue (their stored choice, else English until the shell knows their estates) comes first.
  void Promise.all([resumeSession(data.signIn), loadCatalogue(storedLanguage() ?? 'en')]).then(() => {
    // Signing in may have put the page the person was on back in the address bar (a case from an email link).
    location.set(new URLSearchParams(window.location.search));
    // The server's "Loading…" line goes; the console renders in its place.
    root.replaceChildren();
    interceptLinks(root);
    render(<Shell data={data} />, root);
  });
}
