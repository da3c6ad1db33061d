/**
 * Everything the resident pages say, in the three languages of the platform,
 * and how a page picks its language: an explicit `?lang=` wins, then the
 * browser's Accept-Language, then English.
 *
 * The procedure statement is the ISO 10002 "transparency" and "no charge"
 * principles made concrete: what happens next, when the resident will hear
 * back, that it is free, and how their details are used.
 */
import { LANGUAGES, type Language } from '../domain/vocabulary';
import { fill } from '../messages/lookup';
import { residentMessagesFor } from '../messages/resident';

export const DEFAULT_PAGE_LANGUAGE: Language = 'en';

/** A `?lang=` value, if it names one of our languages (any letter case). */
export function languageFromQuery(value: string | undefined): Language | undefined {
  if (!value) return undefined;
  return LANGUAGES.find((language) => language.toLowerCase() === value.trim().toLowerCase());
}

/** Maps one BCP 47 tag to our languages: traditional script for HK/TW/MO and Cantonese, simplified for the rest of Chinese. */
function languageOfTag(tag: string): Language | undefined {
  const subtags = tag.trim().toLowerCase().split('-');
  const [primary] = subtags;
  if (primary === 'en') return 'en';
  if (primary === 'yue') return 'zh-Hant';
  if (primary !== 'zh') return undefined;
  if (subtags.includes('hant')) return 'zh-Hant';
  if (subtags.includes('hans')) return 'zh-Hans';
  if (subtags.some((s) => s === 'hk' || s === 'tw' || s === 'mo')) return 'zh-Hant';
  return 'zh-Hans';
}

/** The best of our languages for an Accept-Language header, honouring q-values; undefined if none fits. */
export function languageFromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => Number.isFinite(range.q) && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    const language = languageOfTag(range.tag);
    if (language) return language;
  }
  return undefined;
}

export function choosePageLanguage(queryLang: string | undefined, acceptLanguage: string | undefined): { language: Language; explicit: boolean } {
  const requested = languageFromQuery(queryLang);
  if (requested) return { language: requested, explicit: true };
  return { language: languageFromAcceptLanguage(acceptLanguage) ?? DEFAULT_PAGE_LANGUAGE, explicit: false };
}

/** Messages for a field the API refused: `required` when it was left empty, `invalid` otherwise. */
export interface FieldMessages {
  required: string;
  invalid: string;
}

export const FORM_FIELDS = [
  'estateId',
  'buildingId',
  'unit',
  'name',
  'email',
  'phone',
  'language',
  'description',
  'compensationClaim.amount',
  'compensationClaim.currency',
  'compensationClaim.reason',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface WebCopy {
  /** Locale for dates shown in the browser. */
  locale: string;
  switcherLabel: string;
  languageName: string;
  siteName: string;
  skipToContent: string;
  languageNavLabel: string;
  footer: string;
  form: {
    title: string;
    intro: string;
    noscript: string;
    procedureTitle: string;
    procedureSteps: (workingDays: number) => string[];
    noCharge: string;
    dataUse: string;
    estate: string;
    estatePlaceholder: string;
    building: string;
    buildingPlaceholder: string;
    buildingHint: string;
    unit: string;
    unitHint: string;
    name: string;
    email: string;
    emailHint: string;
    phone: string;
    phoneHint: string;
    optional: string;
    language: string;
    languageHint: string;
    description: string;
    descriptionHint: string;
    dangerNow: string;
    dangerNowHint: string;
    claimToggle: string;
    claimLegend: string;
    claimHint: string;
    amount: string;
    amountHint: string;
    currency: string;
    reason: string;
    submit: string;
    submitting: string;
    errorSummaryTitle: string;
    errors: Record<FormField, FieldMessages>;
    otherFieldError: string;
    keyReused: string;
    tooLarge: string;
    failed: string;
    successTitle: string;
    referenceLabel: string;
    successBody: (workingDays: number) => string;
    trackLink: string;
    privateLink: string;
    another: string;
  };
  tracking: {
    title: string;
    loading: string;
    noscript: string;
    reference: string;
    estate: string;
    status: string;
    received: string;
    replyBy: string;
    timeline: string;
    privateNote: string;
    notFoundTitle: string;
    notFoundBody: string;
    loadFailed: string;
    retry: string;
    newComplaint: string;
    /** Shown once we have responded: the way to the rating page and the stage-2 request. */
    rateOrReview: string;
    /** The whole story (issue 14): the complaint as filed, what they added, our response, compensation, escalation. */
    yourComplaint: string;
    claimed: string;
    youAdded: string;
    files: string;
    ourResponse: string;
    outcome: string;
    decision: string;
    reasons: string;
    remedy: string;
    outstanding: string;
    compensation: string;
    compensationOutcome: Record<'approved' | 'amended' | 'rejected', string>;
    takeFurther: string;
    stage2: string;
    ombudsman: string;
    addTitle: string;
    addHint: string;
    addText: string;
    addFiles: string;
    addFilesHint: string;
    addSend: string;
    addSending: string;
    addDone: string;
    addFailed: string;
    addTooMany: string;
    addTooLarge: string;
  };
  /** The complainant's decisions on the tracking page (issues 14, 13): the compensation offered, withdrawing. */
  trackingChoices: {
    offerQuestion: string;
    accept: string;
    decline: string;
    confirmAccept: string;
    confirmDecline: string;
    confirm: string;
    cancel: string;
    sending: string;
    accepted: string;
    declined: string;
    failed: string;
    withdrawTitle: string;
    withdrawHint: string;
    withdrawReason: string;
    withdrawSend: string;
    withdrawConfirm: string;
    withdrawConfirmYes: string;
    withdrawDone: string;
    withdrawRequested: string;
    /** Photos chosen on the web form go up once the complaint is filed (same limits and API as the tracking page). */
    formFilesSending: string;
    formFilesDone: string;
    formFilesFailed: string;
  };
  feedback: {
    title: string;
    loading: string;
    noscript: string;
    reference: string;
    intro: string;
    outcomeQuestion: string;
    processQuestion: string;
    /** 1 (very dissatisfied) to 5 (very satisfied), in order. */
    ratingLabels: [string, string, string, string, string];
    optional: string;
    outcomeRequired: string;
    reopenNote: string;
    comment: string;
    commentHint: string;
    confirm: string;
    sending: string;
    thanksTitle: string;
    thanksBody: string;
    thanksReopened: string;
    alreadyTitle: string;
    alreadyBody: string;
    notAwaitingTitle: string;
    notAwaitingBody: string;
    notFoundTitle: string;
    notFoundBody: string;
    failed: string;
    stage2Title: string;
    stage2Body: string;
    stage2Button: string;
    stage2ConfirmQuestion: string;
    stage2ConfirmYes: string;
    stage2Cancel: string;
    stage2DoneTitle: string;
    stage2DoneBody: string;
    stage2Already: string;
    stage2NotYet: string;
    trackLink: string;
  };
}

/** The pages' texts are the `residentPage` block of the message catalogues (functions/messages); this is their view with parameters filled. */
function fromCatalogue(language: Language): WebCopy {
  const page = residentMessagesFor(language).residentPage;
  const { '1': one, '2': two, '3': three, '4': four, '5': five } = page.feedback.ratingLabels;
  return {
    ...page,
    form: {
      ...page.form,
      procedureSteps: (workingDays) => Object.values(page.form.procedureSteps).map((step) => fill(step, { workingDays })),
      successBody: (workingDays) => fill(page.form.successBody, { workingDays }),
    },
    feedback: { ...page.feedback, ratingLabels: [one, two, three, four, five] },
  };
}

const COPY: Record<Language, WebCopy> = { en: fromCatalogue('en'), 'zh-Hant': fromCatalogue('zh-Hant'), 'zh-Hans': fromCatalogue('zh-Hans') };

export function webCopy(language: Language): WebCopy {
  return COPY[language];
}
