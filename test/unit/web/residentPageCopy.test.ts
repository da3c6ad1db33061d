/**
 * Every resident page (complaint form, tracking page, feedback page, their error pages) in every
 * language, and every text of the pages' copy (including those only the browser modules show, which
 * reach them through the page's data block), compared with a committed snapshot. Written before the
 * texts move into the message catalogues (functions/messages, block `residentPage`), so the move is
 * proven byte-identical; a later change of wording shows up here as a snapshot diff to review.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../functions/domain/complaint';
import { renderComplaintForm } from '../../../functions/web/complaintForm';
import { renderFeedbackPage } from '../../../functions/web/feedbackPage';
import { renderTrackingPage } from '../../../functions/web/trackingPage';
import { webCopy } from '../../../functions/web/webCopy';

const LANGUAGES: Language[] = ['en', 'zh-Hant', 'zh-Hans'];
const estates = [
  { estateId: 'HK01', names: { en: 'Harbour View', 'zh-Hant': '海景花園', 'zh-Hans': '海景花园' } },
  { estateId: 'SZ01', names: { en: 'Shenzhen Bay', 'zh-Hant': '深圳灣', 'zh-Hans': '深圳湾' } },
];
const module = { script: '/assets/page-ABC.js', preload: ['/assets/chunk-DEF.js'] };

function pages(language: Language): Record<string, string | number> {
  const tracking = { language, explicitLanguage: true, caseId: '01JCASE', token: 't0k3n', nonce: 'n0nce', choicesModule: module };
  const feedback = { language, explicitLanguage: false, caseId: '01JCASE', token: 't0k3n', aspect: 'outcome', rating: '4', nonce: 'n0nce', module };
  const out: Record<string, string | number> = {
    'complaint form': renderComplaintForm({ language, estates, nonce: 'n0nce', formModule: module }),
    'complaint form, 10 working days, no module': renderComplaintForm({ language, estates, nonce: 'n0nce', workingDays: 10 }),
  };
  for (const [name, page] of Object.entries({
    'tracking page': renderTrackingPage(tracking),
    'tracking page, no token': renderTrackingPage({ ...tracking, token: undefined }),
    'tracking page, malformed case id': renderTrackingPage({ ...tracking, caseId: '../x' }),
    'feedback page, preselected': renderFeedbackPage(feedback),
    'feedback page, nothing preselected': renderFeedbackPage({ ...feedback, aspect: undefined, rating: undefined }),
    'feedback page, malformed link': renderFeedbackPage({ ...feedback, caseId: '../x' }),
  })) {
    out[`${name}: status`] = page.statusCode;
    out[name] = page.body;
  }
  return out;
}

describe('resident pages, rendered', () => {
  it.each(LANGUAGES)('%s: every page and error page is unchanged', (language) => {
    expect(pages(language)).toMatchSnapshot();
  });

  it.each(LANGUAGES)('%s: every text of the pages is unchanged, including those the browser modules show', (language) => {
    const copy = webCopy(language);
    expect({ ...copy, form: { ...copy.form, procedureSteps: copy.form.procedureSteps(7), successBody: copy.form.successBody(7) } }).toMatchSnapshot();
  });
});
