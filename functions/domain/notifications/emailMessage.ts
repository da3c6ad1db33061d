import type { Language } from '../complaint';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Subjects are single lines: any line break (CR, LF, NEL, U+2028/2029) would let text be injected as a mail header. */
export function safeSubject(subject: string): string {
  // At most 200 code points, so a cut never splits a surrogate pair.
  return Array.from(subject.replace(/[\r\n\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').trim()).slice(0, 200).join('');
}

const LOCALES: Record<Language, string> = { en: 'en-GB', 'zh-Hant': 'zh-HK', 'zh-Hans': 'zh-CN' };

export function formatDateForResident(iso: string, language: Language, timeZone: string, withTime: boolean): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: withTime ? undefined : 'long',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(new Date(iso));
}

export function htmlDocument(language: Language, title: string, body: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">\n${body}\n</body></html>`;
}
