/** Entry of the staff console (`GET /staff`): mounts the shell. */
import { render } from 'preact';
import { Shell } from './shell';
import { readPageData } from '../pageData';
import { interceptLinks } from '../router';

const root = document.getElementById('console-root');
if (root) {
  // The server's "Loading…" line goes; the console renders in its place.
  root.replaceChildren();
  interceptLinks(root);
  render(<Shell data={readPageData()} />, root);
}
