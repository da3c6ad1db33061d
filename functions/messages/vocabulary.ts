/**
 * The shared vocabulary's words in each language (statuses, classes, severities, causes, channels,
 * roles, waits, outcomes): part of every catalogue (./en.ts …), and on their own for modules that need
 * only these words (the staff emails), so they do not carry the console's texts.
 *
 * One module per language (./vocabulary.en.ts, ./vocabulary.zh-Hant.ts, ./vocabulary.zh-Hans.ts): the console
 * loads one language's catalogue, and a shared module would carry the other two languages' words into it.
 */

export { vocabularyEn } from './vocabulary.en';
export { vocabularyZhHans } from './vocabulary.zh-Hans';
export { vocabularyZhHant } from './vocabulary.zh-Hant';
