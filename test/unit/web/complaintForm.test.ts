/** The complaint form as rendered: escaping, language, labels, and the procedure statement. */
import { describe, expect, it } from 'vitest';
import { renderComplaintForm, type EstateChoice } from '../../../functions/web/complaintForm';
import { jsonForScript } from '../../../functions/web/pageLayout';

const hostile: EstateChoice = {
  estateId: 'EVIL"1',
  names: { en: '<script>alert(1)</script>', 'zh-Hant': '<img src=x onerror=alert(1)>', 'zh-Hans': '"><script>alert(2)</script>' },
  jurisdiction: 'HK',
};
const estates: EstateChoice[] = [
  { estateId: 'EST02', names: { en: 'Lakeside Court', 'zh-Hant': '湖畔苑', 'zh-Hans': '湖畔苑' }, jurisdiction: 'HK' },
  { estateId: 'SZ01', names: { en: 'Shenzhen Bay Residence', 'zh-Hant': '深圳灣公館', 'zh-Hans': '深圳湾公馆' }, jurisdiction: 'CN' },
  { estateId: 'EST01', names: { en: 'Harbour View Gardens', 'zh-Hant': '海景花園', 'zh-Hans': '海景花园' }, jurisdiction: 'HK' },
  hostile,
];

const scriptTags = (html: string) => [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);

describe('the complaint form', () => {
  it('escapes an estate name containing markup, in every language', () => {
    for (const language of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      const html = renderComplaintForm({ language, estates, nonce: 'n0nce', formModule: { script: '/assets/complaintForm-ABC.js', preload: [] } });
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('"><script>');
      // Only the data block and the built module, both carrying the nonce: no script in a string.
      expect(scriptTags(html)).toEqual(['<script type="application/json" id="page-data" nonce="n0nce">', '<script type="module" src="/assets/complaintForm-ABC.js" nonce="n0nce">']);
    }
    const en = renderComplaintForm({ language: 'en', estates, nonce: 'n' });
    expect(en).toContain('<option value="EVIL&quot;1" data-currency="HKD">&lt;script&gt;alert(1)&lt;/script&gt;</option>');
    expect(renderComplaintForm({ language: 'zh-Hans', estates, nonce: 'n' })).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('escapes the nonce it is given', () => {
    const html = renderComplaintForm({ language: 'en', estates: [], nonce: '"><x' });
    expect(html).not.toContain('"><x');
    expect(html).toContain('nonce="&quot;&gt;&lt;x"');
  });

  it('renders in the chosen language: document, labels, estate names, replies and switcher', () => {
    const html = renderComplaintForm({ language: 'zh-Hans', estates, nonce: 'n' });
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-Hans">/);
    expect(html).toContain('<label for="estateId">小区</label>');
    expect(html).toContain('>深圳湾公馆</option>');
    expect(html).not.toContain('深圳灣公館');
    expect(html).toContain('<option value="zh-Hans" lang="zh-Hans" selected>简体中文</option>');
    expect(html).toContain('<a href="?lang=zh-Hans" lang="zh-Hans" hreflang="zh-Hans" aria-current="true">简体</a>');
    expect(html).toContain('<a href="?lang=zh-Hant" lang="zh-Hant" hreflang="zh-Hant">繁體</a>');
    expect(html).toContain('<option value="CNY" selected>CNY</option>');

    const zhHant = renderComplaintForm({ language: 'zh-Hant', estates, nonce: 'n' });
    expect(zhHant).toContain('<html lang="zh-Hant">');
    expect(zhHant).toContain('<label for="estateId">屋苑</label>');
    expect(zhHant).toContain('>海景花園</option>');
  });

  it('lists estates by their name in the page language, after a prompt to choose', () => {
    const html = renderComplaintForm({ language: 'en', estates: estates.filter((e) => e !== hostile), nonce: 'n' });
    const options = [...html.matchAll(/<select id="estateId"[^>]*>(.*?)<\/select>/g)][0]![1]!;
    expect([...options.matchAll(/>([^<]*)<\/option>/g)].map((m) => m[1])).toEqual(['Choose your estate', 'Harbour View Gardens', 'Lakeside Court', 'Shenzhen Bay Residence']);
    expect(options).toContain('<option value="SZ01" data-currency="CNY">');
  });

  it('gives every control a label and a place for its error', () => {
    const html = renderComplaintForm({ language: 'en', estates, nonce: 'n' });
    const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[2]!);
    expect(controls).toEqual(['estateId', 'buildingId', 'unit', 'name', 'email', 'phone', 'reply-language', 'description', 'danger-now', 'claim-toggle', 'claim-amount', 'claim-currency', 'claim-reason', 'complaint-files']);
    for (const id of controls) {
      expect(html, id).toContain(`<label for="${id}">`);
      // Checkboxes cannot be wrong: no error line.
      if (id !== 'claim-toggle' && id !== 'danger-now') {
        expect(html, id).toContain(`<p class="field-error" id="${id}-error" hidden></p>`);
        expect(html, id).toMatch(new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"`));
      }
    }
    expect(html).toContain('<div aria-live="assertive" id="form-alerts">');
  });

  it('offers each estate\'s buildings in the page language, marked with their estate (the script shows the chosen estate\'s)', () => {
    const withBuildings: EstateChoice[] = [
      ...estates,
      { estateId: 'T99', names: { en: 'Towers', 'zh-Hant': '雙塔', 'zh-Hans': '双塔' }, buildings: [{ buildingId: 'N', names: { en: 'North Tower', 'zh-Hant': '北座', 'zh-Hans': '北座' } }] },
    ];
    const zh = renderComplaintForm({ language: 'zh-Hant', estates: withBuildings, nonce: 'n' });
    expect(zh).toContain('<option value="N" data-estate="T99" hidden disabled>北座</option>');
    expect(zh).toContain('<label for="buildingId">大廈 <span class="optional">');
    const en = renderComplaintForm({ language: 'en', estates: withBuildings, nonce: 'n' });
    expect(en).toContain('<option value="N" data-estate="T99" hidden disabled>North Tower</option>');
    // Without any building the field stays hidden and offers nothing but "not sure".
    const none = renderComplaintForm({ language: 'en', estates, nonce: 'n' });
    expect(none).toContain('<div id="building-choice" hidden>');
    expect(none).not.toContain('data-estate=');
  });

  it('asks whether someone is in danger right now, with the emergency numbers, in each language', () => {
    for (const [language, label, number] of [['en', 'Someone is in danger right now', '999'], ['zh-Hant', '現在有人身處危險', '999'], ['zh-Hans', '现在有人身处危险', '110']] as const) {
      const html = renderComplaintForm({ language, estates, nonce: 'n' });
      expect(html).toContain(`<input type="checkbox" id="danger-now" name="dangerNow" aria-describedby="danger-now-hint">`);
      expect(html).toContain(`<label for="danger-now">${label}</label>`);
      expect(html).toMatch(new RegExp(`<p class="hint" id="danger-now-hint">[^<]*${number}`));
    }
  });

  it('states the procedure: what happens next, the reply time, free of charge, how data is used', () => {
    const html = renderComplaintForm({ language: 'en', estates, nonce: 'n' });
    expect(html).toContain('We will reply within 5 working days.');
    expect(html).toContain('Making a complaint is free of charge.');
    expect(html).toContain('We use your details only to handle this complaint');
    expect(renderComplaintForm({ language: 'en', estates, nonce: 'n', workingDays: 3 })).toContain('within 3 working days');
  });
});

describe('data for the inline script', () => {
  it('cannot close its script element or open a comment', () => {
    const encoded = jsonForScript({ name: '</script><script>alert(1)</script><!--', amp: 'a&b', separators: '\u2028\u2029' }).html;
    expect(encoded).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(encoded)).toEqual({ name: '</script><script>alert(1)</script><!--', amp: 'a&b', separators: '\u2028\u2029' });
  });
});
