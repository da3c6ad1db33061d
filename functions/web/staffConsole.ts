/**
 * The staff console page (`GET /staff`): a shell served to anyone; everything it shows comes from
 * the staff API, which checks the bearer token on every call. The page carries the estates (names
 * in three languages, jurisdiction, time zone, departments: no contact addresses) and loads the
 * console's module (functions/web/browser, built by infra/browserBuild.ts) by its content-hashed
 * name under this response's CSP nonce; `'strict-dynamic'` lets that module load the chunks of the
 * pages it opens, and nothing else runs. The console picks the reader's language itself; the
 * server renders the few words shown before it starts in English and in Chinese.
 */
import type { Estate } from '../domain/estate';
import { CATALOGUES } from '../messages';
import { entryUrls } from './assetManifest';
import { markup, renderPage } from './pageLayout';

/** What the console needs of an estate: names, jurisdiction, time zone, departments (never contact addresses). */
export type ConsoleEstate = Pick<Estate, 'estateId' | 'names' | 'jurisdiction' | 'timeZone' | 'buildings'> & { departments: readonly Pick<Estate['departments'][number], 'departmentId' | 'names'>[] };

export interface StaffConsoleOptions {
  estates: readonly ConsoleEstate[];
  nonce: string;
  /** The entry's script and preloads (from the asset manifest). */
  urls?: { script: string; preload: string[] };
  /** Where staff sign in (OpenID Connect); absent: token sign-in only. */
  signIn?: { issuer: string; discoveryUrl: string; clientId: string };
}

const CONSOLE_STYLES = `
input[type=number],input[type=datetime-local],input[type=search],input[type=file]{display:block;width:100%;font:inherit;font-size:1rem;color:var(--ink);background:#fff;border:2px solid var(--ink);border-radius:.25rem;padding:.55rem .6rem;min-height:44px}
[aria-invalid="true"]{border-color:var(--error)!important}
.staff-bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;background:var(--tint);padding:.5rem 1rem;margin:0 0 1rem}
.staff-bar p{margin:0}
.staff-bar nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
.staff-bar nav a{display:inline-block;padding:.4rem .2rem;min-height:44px;line-height:2;font-weight:700}
.staff-bar nav a[aria-current="page"]{text-decoration:none;border-bottom:4px solid var(--brand)}
.lang-picker{display:flex;gap:.5rem;align-items:center}
.lang-picker label{margin:0}
.lang-picker select{width:auto}
button.secondary{color:var(--brand);background:#fff}
button.secondary:hover{color:#fff}
button.small{font-size:.9375rem;padding:.35rem .9rem;min-height:44px}
.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end;border:none;padding:0;margin:0 0 1rem}
.filters .field{flex:0 1 12rem;margin-bottom:.75rem}
.filters .field.search{flex:1 1 18rem}
.filters .field.check{display:flex;flex:0 0 auto;align-items:center;min-height:44px}
.filters button{margin-bottom:.75rem}
.counts ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .5rem;padding:0}
.counts a{display:inline-block;border:2px solid var(--brand);border-radius:1.5rem;padding:.3rem .8rem;min-height:44px;line-height:1.9;text-decoration:none;font-weight:700}
.counts a[aria-current="true"]{background:var(--brand);color:#fff}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9375rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:.4rem .5rem}
thead th{background:var(--tint)}
.table-wrap{overflow-x:auto}
.badge{display:inline-block;background:var(--error);color:#fff;font-weight:700;font-size:.8125rem;padding:0 .5rem;border-radius:1rem;margin-left:.25rem}
.badge.soon{background:#7a4b00}
.badge.hold{background:var(--ink)}
#urgent-triage{border:3px solid var(--error);border-radius:.25rem;padding:.5rem 1rem;margin:.5rem 0}
tr.urgent th{border-left:4px solid var(--error)}
.columns{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 2rem}
@media (max-width:60rem){.columns{grid-template-columns:1fr}}
.pre{white-space:pre-wrap;word-break:break-word;background:var(--tint);padding:.5rem .75rem;margin:.25rem 0 1rem}
details.action,section.action{border:2px solid var(--line);border-radius:.3rem;margin:0 0 .75rem;padding:0 1rem}
details.action[open],section.action{border-color:var(--brand)}
details.action summary{font-weight:700;cursor:pointer;padding:.6rem 0;min-height:44px}
.action-form{padding-bottom:1rem}
.message{padding:.5rem 1rem;margin:0 0 1rem;border-left:5px solid var(--ok);background:var(--tint)}
.message.error{border-color:var(--error)}
.vr-check{font-weight:700;margin:.25rem 0 1rem}
.vr-check.ok{color:var(--ok)}
.vr-check.short{color:var(--error)}
.case-head{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline}
.tiles{list-style:none;display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:1rem;margin:1rem 0;padding:0}
.tile a{display:block;border:2px solid var(--brand);border-radius:.4rem;padding:.75rem 1rem;text-decoration:none;min-height:44px}
.tile-figure{display:block;font-size:1.75rem;font-weight:700}
.tile-label{display:block;color:var(--ink)}
.panel-tool{border-top:2px solid var(--line);margin-top:1.5rem}
`;

/** The dashboard's charts (uPlot draws on canvas; these are the few layout rules of its stylesheet it needs) and figure tiles. */
const INSIGHT_STYLES = `
.bar-chart{min-height:220px;margin:.25rem 0;overflow:hidden}
.uplot,.uplot *{box-sizing:border-box}
.uplot{width:min-content;line-height:1.5}
.u-wrap{position:relative;user-select:none}
.u-over,.u-under{position:absolute}
.u-under{overflow:hidden}
.uplot canvas{display:block;position:relative;width:100%;height:100%}
.u-axis{position:absolute}
.u-select,.u-cursor-x,.u-cursor-y,.u-cursor-pt{position:absolute;left:0;top:0;pointer-events:none}
.u-off{display:none}
.u-over.clickable{cursor:pointer}
.chart-panel{margin:0 0 1.5rem}
.tile-box{display:block;border:2px solid var(--line);border-radius:.4rem;padding:.75rem 1rem;min-height:44px}
.tile-note{display:block;font-size:.9375rem;font-weight:400}
`;

export function renderStaffConsole(options: StaffConsoleOptions): string {
  const { nonce } = options;
  const urls = options.urls ?? entryUrls('console');
  const estates = [...options.estates]
    .sort((a, b) => a.estateId.localeCompare(b.estateId))
    .map((e) => ({
      estateId: e.estateId,
      names: e.names,
      jurisdiction: e.jurisdiction,
      timeZone: e.timeZone,
      departments: e.departments.map((d) => ({ departmentId: d.departmentId, names: d.names })),
      ...(e.buildings?.length ? { buildings: e.buildings.map((b) => ({ buildingId: b.buildingId, names: b.names })) } : {}),
    }));
  const en = CATALOGUES.en.console.shell;
  const zh = CATALOGUES['zh-Hant'].console.shell;
  const main = markup`<div id="console-root"><p>${en.loading} <span lang="zh-Hant">${zh.loading}</span></p></div>
<noscript><p class="notice">${en.noscript} <span lang="zh-Hant">${zh.noscript}</span></p></noscript>
${urls.preload.map((href) => markup`<link rel="modulepreload" href="${href}" nonce="${nonce}">`)}`;
  return renderPage({
    language: 'en',
    title: en.title,
    siteName: `${en.siteName} · ${zh.siteName}`,
    footer: CATALOGUES.en.console.shell.title,
    nonce,
    main,
    noindex: true,
    wide: true,
    extraStyles: CONSOLE_STYLES + INSIGHT_STYLES,
    data: { estates, ...(options.signIn ? { signIn: options.signIn } : {}) },
    moduleSrc: urls.script,
  });
}
