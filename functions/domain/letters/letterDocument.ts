/**
 * A written response as a print-ready A4 page (seed 003 書面回應): the estate's letterhead, the
 * complainant's name and unit, the reference, the date in the complainant's language and the estate's
 * time zone, then the same text the email would have carried, in the same language. One HTML document
 * with a print stylesheet; the staff console opens it and the browser prints it. Pure: the caller gives
 * the date to print.
 */
import type { ComplaintCase } from '../complaintCase';
import type { Estate } from '../estate';
import { escapeHtml, formatDateForResident } from '../notifications/emailMessage';
import { TRACKING_LINK_PARAGRAPHS } from '../notifications/residentEmails';
import { PRIVATE_LINK_PARAGRAPH } from '../notifications/acknowledgementEmail';
import { translate } from '../../messages';
import { LETTER_LINK, type WrittenLetter } from './writtenLetters';

const PRINT_STYLE = `
@page { size: A4; margin: 20mm 20mm 25mm 25mm; }
html { font-family: "Noto Serif CJK TC", "Noto Serif CJK SC", "Songti TC", serif; font-size: 11.5pt; line-height: 1.6; color: #000; }
body { margin: 0 auto; max-width: 165mm; }
header.letterhead { border-bottom: 1.5pt solid #000; padding-bottom: 4mm; margin-bottom: 10mm; }
header.letterhead h1 { font-size: 16pt; margin: 0; }
header.letterhead p { margin: 0; font-size: 9.5pt; }
address { font-style: normal; margin-bottom: 8mm; white-space: pre-line; }
.meta { margin-bottom: 8mm; }
.meta p { margin: 0; }
h2 { font-size: 12.5pt; margin: 0 0 5mm; }
.body p { margin: 0 0 3.5mm; white-space: pre-line; overflow-wrap: anywhere; }
@media screen { body { padding: 15mm; box-shadow: 0 0 4mm #999; margin-top: 8mm; margin-bottom: 8mm; } }
`;

/**
 * The letter's body as printed: the email's plain text, one paragraph per blank-line-separated block, each
 * line that carried the email's link replaced by `instead` (how to follow the complaint without one).
 */
export function letterParagraphs(text: string, instead: string): string[] {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .map((line) => (line.includes(LETTER_LINK) ? instead : line))
        .join('\n')
        .trim(),
    )
    .map((block) => (TRACKING_LINK_PARAGRAPHS.includes(block) || Object.values(PRIVATE_LINK_PARAGRAPH).includes(block) ? instead : block))
    .filter((block) => block.length > 0);
  // Said once, however many lines had a link.
  return paragraphs.filter((paragraph, i) => paragraph !== instead || paragraphs.indexOf(instead) === i);
}

export function letterDocument(letter: WrittenLetter & { text: string }, complaintCase: ComplaintCase, estate: Estate, printedAt: string): string {
  const t = translate(letter.language);
  const estateName = estate.names[letter.language];
  const date = formatDateForResident(printedAt, letter.language, estate.timeZone, false);
  const instead = t('console.letters.followInPerson', { reference: complaintCase.reference, email: estate.customerServiceEmail });
  const paragraphs = letterParagraphs(letter.text, instead).map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
  return `<!doctype html>
<html lang="${letter.language}">
<head><meta charset="utf-8"><title>${escapeHtml(t('console.letters.printTitle', { reference: complaintCase.reference }))}</title><style>${PRINT_STYLE}</style></head>
<body>
<header class="letterhead"><h1>${escapeHtml(estateName)}</h1><p>${escapeHtml(t('console.letters.letterhead', { email: estate.customerServiceEmail }))}</p></header>
<address aria-label="${escapeHtml(t('console.letters.to'))}">${escapeHtml(complaintCase.complainant.name)}
${escapeHtml(complaintCase.unit)}
${escapeHtml(estateName)}</address>
<div class="meta"><p>${escapeHtml(t('console.letters.ourReference', { reference: complaintCase.reference }))}</p><p>${escapeHtml(t('console.letters.dated', { date }))}</p></div>
<h2>${escapeHtml(letter.subject)}</h2>
<div class="body">
${paragraphs}
</div>
</body>
</html>`;
}
