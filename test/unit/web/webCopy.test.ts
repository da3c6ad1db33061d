/** How a resident page picks its language, and that every language says everything. */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../functions/domain/complaint';
import { choosePageLanguage, FORM_FIELDS, languageFromAcceptLanguage, webCopy } from '../../../functions/web/webCopy';

describe('choosing the page language', () => {
  it('lets ?lang= win over the browser, in any letter case', () => {
    expect(choosePageLanguage('zh-Hans', 'zh-HK,en;q=0.5')).toEqual({ language: 'zh-Hans', explicit: true });
    expect(choosePageLanguage('ZH-HANT', 'en')).toEqual({ language: 'zh-Hant', explicit: true });
  });

  it('ignores a ?lang= that is not one of ours', () => {
    expect(choosePageLanguage('fr', 'zh-TW')).toEqual({ language: 'zh-Hant', explicit: false });
    expect(choosePageLanguage('<script>', undefined)).toEqual({ language: 'en', explicit: false });
  });

  it.each([
    ['zh-HK,zh;q=0.9,en;q=0.8', 'zh-Hant'],
    ['zh-TW', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['yue-HK', 'zh-Hant'],
    ['zh-CN,zh;q=0.9', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.5,zh-CN;q=0.4', 'en'],
    ['en;q=0.2, zh-HK;q=0.8', 'zh-Hant'],
    ['zh-CN;q=0, en', 'en'],
    ['  ZH-hk ; q=1 ', 'zh-Hant'],
  ])('maps Accept-Language %j to %s', (header, expected) => {
    expect(languageFromAcceptLanguage(header)).toBe(expected);
  });

  it('falls back to English when the browser asks for nothing we have', () => {
    expect(languageFromAcceptLanguage('fr-FR,de;q=0.5')).toBeUndefined();
    expect(choosePageLanguage(undefined, 'fr-FR,de;q=0.5')).toEqual({ language: 'en', explicit: false });
    expect(choosePageLanguage(undefined, undefined)).toEqual({ language: 'en', explicit: false });
    expect(choosePageLanguage(undefined, '*')).toEqual({ language: 'en', explicit: false });
  });
});

describe('the copy', () => {
  it.each(LANGUAGES)('has a required and an invalid message for every form field in %s', (language) => {
    const errors = webCopy(language).form.errors;
    expect(Object.keys(errors).sort()).toEqual([...FORM_FIELDS].sort());
    for (const field of FORM_FIELDS) {
      expect(errors[field].required.length).toBeGreaterThan(0);
      expect(errors[field].invalid.length).toBeGreaterThan(0);
    }
  });

  it.each(LANGUAGES)('states the reply time, no charge and data use in %s', (language) => {
    const form = webCopy(language).form;
    expect(form.procedureSteps(5).join(' ')).toContain('5');
    expect(form.noCharge.length).toBeGreaterThan(0);
    expect(form.dataUse.length).toBeGreaterThan(0);
  });
});
