/**
 * The frame every resident page shares: the HTML document, its stylesheet,
 * the language switcher, and the security headers. Pages are plain
 * server-rendered HTML with one small inline script; nothing is loaded from
 * elsewhere, so they work offline and on a slow phone.
 *
 * Everything interpolated through `markup` is escaped unless it is already
 * `SafeHtml`: escaping is the default, not something each template remembers.
 */
import { randomBytes } from 'node:crypto';
import { LANGUAGES, type Language } from '../domain/vocabulary';
import { escapeHtml } from '../domain/notifications/emailMessage';
import { webCopy } from './webCopy';

/** Markup that has been built safely (escaped or authored by us). */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: the literal parts are ours, every interpolated value is escaped. */
export function markup(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * JSON for a `<script type="application/json">` data block. `<`, `>` and `&`
 * are escaped so no value can close the script element or open a comment;
 * U+2028/2029 for old JavaScript parsers.
 */
export function jsonForScript(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

/** A fresh CSP nonce per response (128 bits). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Headers of every resident page. The tracking URL carries the complainant's
 * secret token, so no referrer ever leaves the page; the inline script and
 * stylesheet run only with this response's nonce.
 */
export function pageHeaders(nonce: string, language: Language, options: { modules?: boolean; uploadOrigins?: readonly string[]; connectOrigins?: readonly string[] } = {}): Record<string, string> {
  const uploadOrigins = options.uploadOrigins ?? [];
  return {
    'content-security-policy': [
      "default-src 'none'",
      // A page of ES modules (the staff console) lets its nonce'd module load its own chunks ('strict-dynamic').
      options.modules ? `script-src 'nonce-${nonce}' 'strict-dynamic'` : `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      // The tracking page posts residents' files straight to the case-files bucket (presigned POST); the console also
      // reaches its sign-in service (discovery, token endpoint) when that is elsewhere (Cognito).
      ["connect-src 'self'", ...uploadOrigins, ...(options.connectOrigins ?? []).filter((o) => /^https:\/\/[a-z0-9.-]+$/.test(o))].join(' '),
      "img-src 'self' data:",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'cross-origin-opener-policy': 'same-origin',
    'content-language': language,
    vary: 'accept-language',
  };
}

const STYLES = `
:root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#8a8a8a;--paper:#fff;--tint:#f3f5f8;--brand:#0b4f8a;--brand-dark:#083a66;--error:#b3261e;--ok:#1e6b34;--focus:#ffbf47}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK TC","Noto Sans CJK SC","PingFang HK","PingFang SC","Microsoft JhengHei","Microsoft YaHei",sans-serif;font-size:1.0625rem;line-height:1.6;color:var(--ink);background:var(--paper)}
.wrap{max-width:42rem;margin:0 auto;padding:0 1rem}
.wrap.wide{max-width:80rem}
.skip{position:absolute;left:-999px;top:0;background:var(--focus);color:var(--ink);padding:.5rem 1rem;z-index:1}
.skip:focus{left:0}
header.site{background:var(--brand);color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.75rem;padding-bottom:.75rem}
.site-name{margin:0;font-weight:700;font-size:1.125rem}
nav.languages ul{list-style:none;margin:0;padding:0;display:flex;gap:.25rem}
nav.languages a{display:inline-block;color:#fff;padding:.35rem .7rem;border:2px solid transparent;border-radius:.3rem;text-decoration:underline;min-height:44px;line-height:1.9}
nav.languages a[aria-current="true"]{border-color:#fff;text-decoration:none;font-weight:700}
main{padding-top:1.25rem;padding-bottom:2.5rem}
main:focus{outline:none}
h1{font-size:1.75rem;line-height:1.25;margin:.25rem 0 1rem}
h2{font-size:1.25rem;line-height:1.3;margin:1.75rem 0 .5rem}
a{color:var(--brand)}
a:hover{color:var(--brand-dark)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--ink)}
.procedure{background:var(--tint);border-left:5px solid var(--brand);padding:.25rem 1rem 1rem;margin:1rem 0 1.5rem}
.procedure h2{margin-top:.75rem}
.procedure ol{padding-left:1.25rem;margin:.5rem 0}
.procedure p{margin:.5rem 0}
.field{margin:0 0 1.25rem}
label,legend{display:block;font-weight:700;margin-bottom:.2rem}
.hint{color:var(--muted);margin:0 0 .3rem;font-size:.9375rem}
.prewrap{white-space:pre-wrap;overflow-wrap:anywhere}
.optional{font-weight:400;color:var(--muted)}
input[type=text],input[type=email],input[type=tel],select,textarea{display:block;width:100%;font:inherit;font-size:1rem;color:var(--ink);background:#fff;border:2px solid var(--ink);border-radius:.25rem;padding:.55rem .6rem;min-height:44px}
textarea{min-height:9rem;resize:vertical}
.narrow{max-width:14rem}
.field-error{color:var(--error);font-weight:700;margin:0 0 .3rem}
.has-error{border-left:4px solid var(--error);padding-left:.75rem}
.has-error input,.has-error select,.has-error textarea{border-color:var(--error)}
.check{display:flex;align-items:flex-start;gap:.6rem}
.check input{width:1.5rem;height:1.5rem;margin:.15rem 0 0;flex:none;accent-color:var(--brand)}
.check label{font-weight:400;margin:0}
fieldset{border:2px solid var(--line);border-radius:.25rem;padding:.75rem 1rem .25rem;margin:0 0 1.25rem}
.row{display:flex;flex-wrap:wrap;gap:0 1rem}
.row .field{flex:1 1 10rem}
button{font:inherit;font-weight:700;font-size:1.0625rem;color:#fff;background:var(--brand);border:2px solid var(--brand-dark);border-radius:.3rem;padding:.7rem 1.4rem;min-height:48px;cursor:pointer}
button:hover{background:var(--brand-dark)}
button[disabled]{opacity:.7;cursor:progress}
.summary{border:4px solid var(--error);padding:.5rem 1rem;margin:0 0 1.5rem}
.summary h2{margin-top:.25rem;color:var(--error)}
.summary ul{margin:.25rem 0 .5rem;padding-left:1.25rem}
.summary a{color:var(--error);font-weight:700}
.panel{border:4px solid var(--ok);padding:.5rem 1.25rem 1rem;margin:0 0 1.5rem}
.panel h2{margin-top:.5rem;color:var(--ok)}
.reference{font-size:1.5rem;font-weight:700;letter-spacing:.03em;margin:.25rem 0 .75rem;word-break:break-all}
.notice{background:var(--tint);padding:.5rem 1rem;margin:1rem 0}
dl.facts{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.4rem 1rem;margin:1rem 0}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
.status{display:inline-block;background:var(--brand);color:#fff;font-weight:700;padding:.05rem .6rem;border-radius:1rem}
ol.timeline{list-style:none;padding:0;margin:.5rem 0;border-left:3px solid var(--brand)}
ol.timeline li{position:relative;padding:0 0 1rem 1.25rem}
ol.timeline li::before{content:"";position:absolute;left:-.55rem;top:.45rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--brand)}
ol.timeline time{display:block;color:var(--muted);font-size:.9375rem}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9375rem;padding:1rem 0 2rem}
[hidden]{display:none!important}
@media (max-width:30rem){h1{font-size:1.5rem}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.5rem}}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important}}
`;

export interface PageOptions {
  language: Language;
  title: string;
  nonce: string;
  main: SafeHtml;
  /** Builds the link of the same page in another language; without it the page has no language switcher (the staff console). */
  languageHref?: (language: Language) => string;
  /** Replaces the resident site name in the header and title (the staff console). */
  siteName?: string;
  /** Replaces the resident footer (the staff console). */
  footer?: string;
  /** A wider main column, for pages that show tables (the staff console). */
  wide?: boolean;
  /** Further rules for this page, appended to the shared stylesheet (authored by us, under the nonce). */
  extraStyles?: string;
  /** Data for the inline script, read from a JSON data block. */
  data?: unknown;
  /** The page's own script, authored by us; runs under the nonce. */
  script?: string;
  /** Or the path of the page's script, served by us on the same origin; loaded under the nonce. */
  scriptSrc?: string;
  /** Or the page's ES module (a built browser entry, functions/web/assetManifest.ts); loaded under the nonce. */
  moduleSrc?: string;
  /** Pages behind a private link must not be indexed. */
  noindex?: boolean;
}

export function renderPage(options: PageOptions): string {
  const copy = webCopy(options.language);
  const languageHref = options.languageHref;
  const siteName = options.siteName ?? copy.siteName;
  const wrap = options.wide ? 'wrap wide' : 'wrap';
  const switcher = languageHref
    ? LANGUAGES.slice()
        .sort((a, b) => SWITCHER_ORDER.indexOf(a) - SWITCHER_ORDER.indexOf(b))
        .map((language) => {
          const current = language === options.language;
          return markup`<li><a href="${languageHref(language)}" lang="${language}" hreflang="${language}"${current ? markup` aria-current="true"` : ''}>${webCopy(language).switcherLabel}</a></li>`;
        })
    : [];
  return markup`<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${options.noindex ? markup`<meta name="robots" content="noindex, nofollow">\n` : ''}<title>${options.title} · ${siteName}</title>
<link rel="icon" href="data:,">
<style nonce="${options.nonce}">${new SafeHtml(STYLES + (options.extraStyles ?? ''))}</style>
</head>
<body>
<a class="skip" href="#main">${copy.skipToContent}</a>
<header class="site"><div class="${wrap}">
<p class="site-name">${siteName}</p>
${languageHref ? markup`<nav class="languages" aria-label="${copy.languageNavLabel}"><ul>${switcher}</ul></nav>` : ''}
</div></header>
<main id="main" class="${wrap}" tabindex="-1">
${options.main}
</main>
<footer class="site"><div class="${wrap}">${options.footer ?? copy.footer}</div></footer>
${options.data === undefined ? '' : markup`<script type="application/json" id="page-data" nonce="${options.nonce}">${jsonForScript(options.data)}</script>\n`}${options.script ? markup`<script nonce="${options.nonce}">${new SafeHtml(options.script)}</script>\n` : ''}${options.scriptSrc ? markup`<script src="${options.scriptSrc}" nonce="${options.nonce}"></script>\n` : ''}${options.moduleSrc ? markup`<script type="module" src="${options.moduleSrc}" nonce="${options.nonce}"></script>\n` : ''}</body>
</html>
`.html;
}

const SWITCHER_ORDER: readonly Language[] = ['en', 'zh-Hant', 'zh-Hans'];
