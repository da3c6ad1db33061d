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

const en: WebCopy = {
  locale: 'en-GB',
  switcherLabel: 'English',
  languageName: 'English',
  siteName: 'Resident complaints',
  skipToContent: 'Skip to main content',
  languageNavLabel: 'Language',
  footer: 'Making a complaint is free of charge. Our complaints handling is based on ISO 10002.',
  form: {
    title: 'Make a complaint',
    intro: 'Tell us what went wrong. Every complaint is recorded, answered and followed up.',
    noscript: 'This form needs JavaScript. Please turn it on, or make your complaint by email, by phone or at your management office.',
    procedureTitle: 'What happens after you send it',
    procedureSteps: (days) => [
      'We record your complaint at once and email you a reference number and a private link to follow its progress.',
      'Our customer-service team reviews it and passes it to the team responsible, who look into it.',
      `We will reply within ${days} working days. If we need longer, we will write to tell you why and what we are doing.`,
      'After our reply we will ask whether you are satisfied. If you are not, your complaint is reopened and passed to a more senior manager.',
    ],
    noCharge: 'Making a complaint is free of charge.',
    dataUse: 'We use your details only to handle this complaint and to contact you about it. Only staff handling complaints for your estate can see them.',
    estate: 'Estate',
    estatePlaceholder: 'Choose your estate',
    unit: 'Block, floor and flat',
    unitHint: 'For example: Block A, 12/F, Flat 3',
    name: 'Your name',
    email: 'Email address',
    emailHint: 'We send your reference number and our reply here.',
    phone: 'Phone number',
    phoneHint: 'Only if you would like us to call you.',
    optional: '(optional)',
    language: 'Language for our replies',
    languageHint: 'Our emails to you will be in this language.',
    description: 'What happened?',
    descriptionHint: 'Say what happened, where and when. At least 10 characters.',
    dangerNow: 'Someone is in danger right now',
    dangerNowHint: 'Tick this if anyone could be hurt (fire, gas, someone trapped or not answering, live wires, a fall). We alert our duty team at once. If life is at risk, call the emergency services first: 999 in Hong Kong and the UK, 110, 119 or 120 in mainland China.',
    claimToggle: 'I am asking for compensation',
    claimLegend: 'Compensation',
    claimHint: 'Tell us the amount and why. The estate manager will consider it and tell you the decision.',
    amount: 'Amount',
    amountHint: 'For example: 500 or 1200.50',
    currency: 'Currency',
    reason: 'Why this amount',
    submit: 'Send complaint',
    submitting: 'Sending…',
    errorSummaryTitle: 'Please check the following',
    errors: {
      estateId: { required: 'Choose your estate.', invalid: 'Choose your estate from the list.' },
      unit: { required: 'Enter your block, floor and flat.', invalid: 'Enter your block, floor and flat in at most 64 characters, without special characters.' },
      name: { required: 'Enter your name.', invalid: 'Enter your name in at most 100 characters, without special characters.' },
      email: { required: 'Enter your email address, so we can send you the reference and our reply.', invalid: 'Enter a valid email address, like name@example.com.' },
      phone: { required: 'Enter your phone number or leave it empty.', invalid: 'Enter a phone number of 6 to 24 digits; spaces, brackets, dashes and a leading + are fine.' },
      language: { required: 'Choose the language for our replies.', invalid: 'Choose the language for our replies.' },
      description: { required: 'Tell us what happened.', invalid: 'Tell us what happened in 10 to 5000 characters.' },
      'compensationClaim.amount': { required: 'Enter the amount you are asking for.', invalid: 'Enter an amount greater than 0 with at most 2 decimal places, like 500 or 1200.50.' },
      'compensationClaim.currency': { required: 'Choose a currency.', invalid: 'Choose a currency.' },
      'compensationClaim.reason': { required: 'Tell us why you are asking for this amount.', invalid: 'Explain the amount in at most 2000 characters.' },
    },
    otherFieldError: 'Something in the form could not be accepted. Please check it and try again.',
    keyReused: 'This page has already sent a different complaint. Please reload the page to make a new complaint.',
    tooLarge: 'Your complaint is too long to send. Please shorten the description.',
    failed: 'We could not send your complaint just now. Please check your connection and try again. Trying again will not create a duplicate.',
    successTitle: 'Thank you. We have received your complaint.',
    referenceLabel: 'Your reference number',
    successBody: (days) => `We have emailed you an acknowledgement with this reference. We will reply within ${days} working days.`,
    trackLink: 'Follow the progress of your complaint',
    privateLink: 'Please keep this link to yourself: anyone who has it can see the progress of your complaint.',
    another: 'Make another complaint',
  },
  tracking: {
    title: 'Your complaint',
    loading: 'Loading your complaint…',
    noscript: 'Please turn on JavaScript to see the progress of your complaint.',
    reference: 'Reference number',
    estate: 'Estate',
    status: 'Status',
    received: 'Received',
    replyBy: 'We will reply by',
    timeline: 'Progress so far',
    privateNote: 'This page is private to you. Please do not share its link.',
    notFoundTitle: 'We could not find this complaint',
    notFoundBody: 'The link may be incomplete. Please open it again from the email we sent you, or contact the management office of your estate.',
    loadFailed: 'We could not load your complaint just now. Please check your connection and try again.',
    retry: 'Try again',
    newComplaint: 'Make a new complaint',
    rateOrReview: 'Rate our response, or ask for a review',
    yourComplaint: 'Your complaint as you made it',
    claimed: 'Compensation you asked for',
    youAdded: 'What you added',
    files: 'Files',
    ourResponse: 'Our response',
    outcome: 'Outcome',
    decision: 'Our decision',
    reasons: 'Why',
    remedy: 'What we will do to put it right',
    outstanding: 'Still to be done',
    compensation: 'Compensation',
    compensationOutcome: { approved: 'Approved', amended: 'Approved at a different amount', rejected: 'Not approved' },
    takeFurther: 'If you are not satisfied',
    stage2: 'You can ask for your complaint to be reviewed again by someone not involved before (stage 2) from the rating page.',
    ombudsman: 'You can also contact:',
    addTitle: 'Add information or photos',
    addHint: 'Anything new about your complaint: what has happened since, photos, documents. The people handling it will see it.',
    addText: 'Information to add',
    addFiles: 'Photos or documents',
    addFilesHint: 'Up to 5 files, 10 MB each: photos, PDF, Word or Excel.',
    addSend: 'Add to my complaint',
    addSending: 'Sending…',
    addDone: 'Thank you. We have added this to your complaint.',
    addFailed: 'We could not add this. Please check the files and try again.',
    addTooMany: 'Please choose at most 5 files.',
    addTooLarge: 'Each file must be 10 MB or smaller.',
  },
  trackingChoices: {
    offerQuestion: 'Do you accept the compensation we offer? Your answer is final once confirmed.',
    accept: 'Accept the offer',
    decline: 'Decline the offer',
    confirmAccept: 'Please confirm: you accept the compensation offered.',
    confirmDecline: 'Please confirm: you decline the compensation offered.',
    confirm: 'Confirm',
    cancel: 'Cancel',
    sending: 'Sending…',
    accepted: 'You accepted the compensation offered. Thank you; we will be in touch about the payment.',
    declined: 'You declined the compensation offered. The people handling your complaint have been told.',
    failed: 'We could not record this. Please try again in a minute.',
    withdrawTitle: 'Withdraw your complaint',
    withdrawHint: 'If you no longer want us to deal with this complaint, you can withdraw it. We will close it and write to you.',
    withdrawReason: 'Why are you withdrawing it? (optional)',
    withdrawSend: 'Withdraw my complaint',
    withdrawConfirm: 'Are you sure? Withdrawing closes your complaint; you can make a new one at any time.',
    withdrawConfirmYes: 'Yes, withdraw it',
    withdrawDone: 'Your complaint is being withdrawn. We will write to you to confirm.',
    withdrawRequested: 'You have asked to withdraw this complaint.',
    formFilesSending: 'Adding your photos and documents to the complaint…',
    formFilesDone: 'Your photos and documents were added to the complaint.',
    formFilesFailed: 'Your complaint is filed, but we could not add your files. You can add them on the tracking page.',
  },
  feedback: {
    title: 'How satisfied are you?',
    loading: 'Loading your complaint…',
    noscript: 'Please turn on JavaScript to confirm your answer. Nothing has been recorded yet.',
    reference: 'Complaint reference',
    intro: 'Please check your answer and press Confirm. Nothing is recorded until you confirm.',
    outcomeQuestion: '1. How satisfied are you with the outcome of your complaint?',
    processQuestion: '2. How satisfied are you with how we handled your complaint?',
    ratingLabels: ['1 – Very dissatisfied', '2 – Dissatisfied', '3 – Neither satisfied nor dissatisfied', '4 – Satisfied', '5 – Very satisfied'],
    optional: '(optional)',
    outcomeRequired: 'Choose how satisfied you are with the outcome.',
    reopenNote: 'If you rate the outcome 1 or 2, we will reopen your complaint and a more senior colleague will review it.',
    comment: 'Anything you would like to add?',
    commentHint: 'At most 2000 characters.',
    confirm: 'Confirm my answer',
    sending: 'Sending…',
    thanksTitle: 'Thank you. We have recorded your answer.',
    thanksBody: 'Your feedback helps us improve our service. We will email you to confirm what happens next.',
    thanksReopened: 'We are sorry that you are not satisfied. We have reopened your complaint: a more senior colleague will review it and write to you.',
    alreadyTitle: 'Your answer was already recorded',
    alreadyBody: 'We already have your rating for this complaint. Thank you for telling us.',
    notAwaitingTitle: 'We are not asking for a rating at the moment',
    notAwaitingBody: 'This complaint is not waiting for a rating now: it may still be in progress, already closed, or the time to answer has passed. If something is still not right, please contact your management office quoting your reference.',
    notFoundTitle: 'We could not find this complaint',
    notFoundBody: 'The link may be incomplete. Please open it again from the email we sent you, or contact the management office of your estate.',
    failed: 'We could not send your answer just now. Please check your connection and try again.',
    stage2Title: 'Not satisfied with our response?',
    stage2Body: 'You can ask for a stage 2 review: a more senior colleague will look at your complaint again. You do not need to give a reason.',
    stage2Button: 'Ask for a stage 2 review',
    stage2ConfirmQuestion: 'Do you want us to review your complaint again at stage 2?',
    stage2ConfirmYes: 'Yes, ask for a review',
    stage2Cancel: 'Cancel',
    stage2DoneTitle: 'We have received your request for a review',
    stage2DoneBody: 'A more senior colleague will review your complaint. We will email you with the date you will hear from us.',
    stage2Already: 'Your complaint is already being reviewed at stage 2.',
    stage2NotYet: 'A stage 2 review can be asked for once we have responded to your complaint.',
    trackLink: 'Follow the progress of your complaint',
  },
};

const zhHant: WebCopy = {
  locale: 'zh-HK',
  switcherLabel: '繁體',
  languageName: '繁體中文',
  siteName: '住戶投訴',
  skipToContent: '跳至主要內容',
  languageNavLabel: '語言',
  footer: '投訴不收取任何費用。我們的投訴處理以 ISO 10002 為依據。',
  form: {
    title: '提出投訴',
    intro: '請告訴我們遇到的問題。每宗投訴都會被記錄、回覆及跟進。',
    noscript: '此表格需要 JavaScript。請開啟 JavaScript，或以電郵、電話或親臨管理處提出投訴。',
    procedureTitle: '提交後的處理程序',
    procedureSteps: (days) => [
      '我們會即時記錄您的投訴，並以電郵向您發送投訴編號及查看進度的私人連結。',
      '客戶服務部會審閱您的投訴，並交由負責部門調查跟進。',
      `我們會在 ${days} 個工作天內回覆您；如需更多時間，我們會以書面說明原因及已採取的措施。`,
      '回覆後我們會詢問您是否滿意；如不滿意，個案會重新處理並交由更高層的經理跟進。',
    ],
    noCharge: '投訴不收取任何費用。',
    dataUse: '您的資料只會用於處理此投訴及就此與您聯絡，只有負責您所屬屋苑投訴的職員可以查閱。',
    estate: '屋苑',
    estatePlaceholder: '請選擇您的屋苑',
    unit: '座數、樓層及單位',
    unitHint: '例如：A座 12樓 3室',
    name: '姓名',
    email: '電郵地址',
    emailHint: '我們會把投訴編號及回覆發送到此電郵。',
    phone: '電話號碼',
    phoneHint: '如希望我們致電聯絡您，請填寫。',
    optional: '（選填）',
    language: '回覆語言',
    languageHint: '我們給您的電郵會使用此語言。',
    description: '發生了甚麼事？',
    descriptionHint: '請說明發生了甚麼事、地點及時間，最少 10 個字。',
    dangerNow: '現在有人身處危險',
    dangerNowHint: '如有人可能受傷（火警、煤氣、有人被困或無人應門、電線外露、跌倒等），請剔選，我們會即時通知當值團隊。如有生命危險，請先致電緊急服務：香港及英國 999，內地 110、119 或 120。',
    claimToggle: '我要求賠償',
    claimLegend: '賠償',
    claimHint: '請填寫金額及原因。管理處經理會考慮您的要求並通知您結果。',
    amount: '金額',
    amountHint: '例如：500 或 1200.50',
    currency: '貨幣',
    reason: '要求此金額的原因',
    submit: '提交投訴',
    submitting: '正在提交…',
    errorSummaryTitle: '請檢查以下項目',
    errors: {
      estateId: { required: '請選擇您的屋苑。', invalid: '請從列表中選擇您的屋苑。' },
      unit: { required: '請填寫座數、樓層及單位。', invalid: '座數、樓層及單位最多 64 個字，且不可包含特殊字元。' },
      name: { required: '請填寫您的姓名。', invalid: '姓名最多 100 個字，且不可包含特殊字元。' },
      email: { required: '請填寫電郵地址，以便我們發送投訴編號及回覆。', invalid: '請填寫有效的電郵地址，例如 name@example.com。' },
      phone: { required: '請填寫電話號碼，或留空。', invalid: '電話號碼須為 6 至 24 位數字，可包含空格、括號、連字號及開首的 +。' },
      language: { required: '請選擇回覆語言。', invalid: '請選擇回覆語言。' },
      description: { required: '請告訴我們發生了甚麼事。', invalid: '請以 10 至 5000 個字說明發生了甚麼事。' },
      'compensationClaim.amount': { required: '請填寫要求的金額。', invalid: '金額須大於 0，最多兩位小數，例如 500 或 1200.50。' },
      'compensationClaim.currency': { required: '請選擇貨幣。', invalid: '請選擇貨幣。' },
      'compensationClaim.reason': { required: '請說明要求此金額的原因。', invalid: '原因最多 2000 個字。' },
    },
    otherFieldError: '表格中有資料未能接受，請檢查後再試。',
    keyReused: '此頁面已提交過另一宗投訴。如要提出新的投訴，請重新載入頁面。',
    tooLarge: '投訴內容過長，請縮短描述。',
    failed: '暫時未能提交您的投訴，請檢查網絡連線後再試。重試不會產生重複的投訴。',
    successTitle: '謝謝您，我們已收到您的投訴。',
    referenceLabel: '您的投訴編號',
    successBody: (days) => `我們已把附有此編號的確認通知電郵給您，並會在 ${days} 個工作天內回覆您。`,
    trackLink: '查看投訴進度',
    privateLink: '請妥善保管此連結：任何持有連結的人都可查看您的投訴進度。',
    another: '提出另一宗投訴',
  },
  tracking: {
    title: '您的投訴',
    loading: '正在載入您的投訴…',
    noscript: '請開啟 JavaScript 以查看投訴進度。',
    reference: '投訴編號',
    estate: '屋苑',
    status: '狀態',
    received: '收到時間',
    replyBy: '回覆期限',
    timeline: '處理進度',
    privateNote: '此頁面只供您本人查看，請勿轉發連結。',
    notFoundTitle: '找不到此投訴',
    notFoundBody: '連結可能不完整。請從我們發給您的電郵再次開啟，或聯絡您所屬屋苑的管理處。',
    loadFailed: '暫時未能載入您的投訴，請檢查網絡連線後再試。',
    retry: '再試一次',
    newComplaint: '提出新的投訴',
    rateOrReview: '為我們的回覆評分，或要求覆核',
    yourComplaint: '您提出的投訴',
    claimed: '您要求的賠償',
    youAdded: '您補充的資料',
    files: '檔案',
    ourResponse: '我們的回覆',
    outcome: '結果',
    decision: '我們的決定',
    reasons: '原因',
    remedy: '我們的補救措施',
    outstanding: '尚待完成',
    compensation: '賠償',
    compensationOutcome: { approved: '已批准', amended: '已按調整金額批准', rejected: '不獲批准' },
    takeFurther: '如您不滿意',
    stage2: '您可在評分頁面要求由未曾參與的同事重新審視您的投訴（第二階段）。',
    ombudsman: '您亦可聯絡：',
    addTitle: '補充資料或相片',
    addHint: '有關投訴的任何新情況：其後發生的事、相片、文件。負責處理的同事會看到。',
    addText: '補充資料',
    addFiles: '相片或文件',
    addFilesHint: '最多 5 個檔案，每個不超過 10 MB：相片、PDF、Word 或 Excel。',
    addSend: '加入我的投訴',
    addSending: '傳送中…',
    addDone: '謝謝，我們已把資料加入您的投訴。',
    addFailed: '未能加入，請檢查檔案後再試。',
    addTooMany: '請最多選擇 5 個檔案。',
    addTooLarge: '每個檔案不可超過 10 MB。',
  },
  trackingChoices: {
    offerQuestion: '您是否接受我們提出的賠償？確認後即為最終答覆。',
    accept: '接受賠償',
    decline: '拒絕賠償',
    confirmAccept: '請確認：您接受所提出的賠償。',
    confirmDecline: '請確認：您拒絕所提出的賠償。',
    confirm: '確認',
    cancel: '取消',
    sending: '傳送中…',
    accepted: '您已接受所提出的賠償。謝謝，我們會就付款與您聯絡。',
    declined: '您已拒絕所提出的賠償。我們已通知負責同事。',
    failed: '未能記錄，請稍後再試。',
    withdrawTitle: '撤回投訴',
    withdrawHint: '如您不再需要我們處理此投訴，可以撤回。我們會將個案結束並以書面通知您。',
    withdrawReason: '撤回原因（可不填）',
    withdrawSend: '撤回我的投訴',
    withdrawConfirm: '確定撤回嗎？撤回後投訴即會結束；您可隨時重新提出投訴。',
    withdrawConfirmYes: '確定撤回',
    withdrawDone: '您的投訴正在撤回，我們會以書面確認。',
    withdrawRequested: '您已要求撤回此投訴。',
    formFilesSending: '正在把您的相片及文件加入投訴…',
    formFilesDone: '您的相片及文件已加入投訴。',
    formFilesFailed: '您的投訴已提交，但未能加入檔案。您可在進度頁面再次加入。',
  },
  feedback: {
    title: '您的滿意程度',
    loading: '正在載入您的投訴…',
    noscript: '請開啟 JavaScript 以確認您的答覆。我們尚未記錄任何內容。',
    reference: '投訴編號',
    intro: '請檢查您的答覆後按「確認」。您確認後我們才會記錄。',
    outcomeQuestion: '一、您對投訴處理結果的滿意程度',
    processQuestion: '二、您對我們處理投訴過程的滿意程度',
    ratingLabels: ['1 分 – 非常不滿意', '2 分 – 不滿意', '3 分 – 一般', '4 分 – 滿意', '5 分 – 非常滿意'],
    optional: '（選填）',
    outcomeRequired: '請選擇您對處理結果的滿意程度。',
    reopenNote: '如您對處理結果評 1 分或 2 分，我們會重新開啟您的投訴，並由較高級的同事覆核。',
    comment: '還有其他意見嗎？',
    commentHint: '最多 2000 個字。',
    confirm: '確認我的答覆',
    sending: '正在提交…',
    thanksTitle: '謝謝您，我們已記錄您的答覆。',
    thanksBody: '您的意見有助我們改善服務。我們會以電郵通知您下一步安排。',
    thanksReopened: '很抱歉您不滿意。我們已重新開啟您的投訴，較高級的同事會覆核並以書面回覆您。',
    alreadyTitle: '您的答覆早前已記錄',
    alreadyBody: '我們已收到您對此投訴的評分，謝謝您的意見。',
    notAwaitingTitle: '目前無需評分',
    notAwaitingBody: '此投訴目前並非等待評分：個案可能仍在處理中、已經結束，或回覆期限已過。如仍有問題，請聯絡管理處並提供您的投訴編號。',
    notFoundTitle: '找不到此投訴',
    notFoundBody: '連結可能不完整。請從我們發給您的電郵再次開啟，或聯絡您所屬屋苑的管理處。',
    failed: '暫時未能提交您的答覆，請檢查網絡連線後再試。',
    stage2Title: '對我們的回覆不滿意？',
    stage2Body: '您可要求第二階段覆核：較高級的同事會重新審視您的投訴。您無需說明原因。',
    stage2Button: '要求第二階段覆核',
    stage2ConfirmQuestion: '您確定要我們在第二階段重新覆核您的投訴嗎？',
    stage2ConfirmYes: '確定，要求覆核',
    stage2Cancel: '取消',
    stage2DoneTitle: '我們已收到您的覆核要求',
    stage2DoneBody: '較高級的同事會覆核您的投訴。我們會以電郵通知您回覆日期。',
    stage2Already: '您的投訴已在第二階段覆核中。',
    stage2NotYet: '我們回覆您的投訴後，您便可要求第二階段覆核。',
    trackLink: '查看投訴進度',
  },
};

const zhHans: WebCopy = {
  locale: 'zh-CN',
  switcherLabel: '简体',
  languageName: '简体中文',
  siteName: '住户投诉',
  skipToContent: '跳至主要内容',
  languageNavLabel: '语言',
  footer: '投诉不收取任何费用。我们的投诉处理以 ISO 10002（GB/T 19012）为依据。',
  form: {
    title: '提出投诉',
    intro: '请告诉我们遇到的问题。每一宗投诉都会被记录、回复和跟进。',
    noscript: '此表单需要 JavaScript。请开启 JavaScript，或通过电子邮件、电话或到管理处提出投诉。',
    procedureTitle: '提交后的处理程序',
    procedureSteps: (days) => [
      '我们会立即记录您的投诉，并通过电子邮件向您发送投诉编号和查看进度的私人链接。',
      '客户服务部会审阅您的投诉，并交由负责部门调查跟进。',
      `我们会在 ${days} 个工作日内回复您；如需要更多时间，我们会以书面说明原因及已采取的措施。`,
      '回复后我们会询问您是否满意；如不满意，个案会重新处理并交由更高一级的经理跟进。',
    ],
    noCharge: '投诉不收取任何费用。',
    dataUse: '您的资料仅用于处理此投诉及就此与您联系，只有负责您所在小区投诉的工作人员可以查看。',
    estate: '小区',
    estatePlaceholder: '请选择您的小区',
    unit: '楼栋、楼层及房号',
    unitHint: '例如：A栋 12楼 3室',
    name: '姓名',
    email: '电子邮箱',
    emailHint: '我们会把投诉编号和回复发送到此邮箱。',
    phone: '电话号码',
    phoneHint: '如希望我们致电联系您，请填写。',
    optional: '（选填）',
    language: '回复语言',
    languageHint: '我们给您的邮件将使用此语言。',
    description: '发生了什么事？',
    descriptionHint: '请说明发生了什么事、地点和时间，至少 10 个字。',
    dangerNow: '现在有人身处危险',
    dangerNowHint: '如有人可能受伤（火灾、燃气、有人被困或无人应门、电线外露、摔倒等），请勾选，我们会立即通知值班团队。如有生命危险，请先拨打紧急电话：内地 110、119 或 120，香港及英国 999。',
    claimToggle: '我要求赔偿',
    claimLegend: '赔偿',
    claimHint: '请填写金额和原因。管理处经理会考虑您的要求并通知您结果。',
    amount: '金额',
    amountHint: '例如：500 或 1200.50',
    currency: '币种',
    reason: '要求此金额的原因',
    submit: '提交投诉',
    submitting: '正在提交…',
    errorSummaryTitle: '请检查以下项目',
    errors: {
      estateId: { required: '请选择您的小区。', invalid: '请从列表中选择您的小区。' },
      unit: { required: '请填写楼栋、楼层及房号。', invalid: '楼栋、楼层及房号最多 64 个字，且不能包含特殊字符。' },
      name: { required: '请填写您的姓名。', invalid: '姓名最多 100 个字，且不能包含特殊字符。' },
      email: { required: '请填写电子邮箱，以便我们发送投诉编号和回复。', invalid: '请填写有效的电子邮箱，例如 name@example.com。' },
      phone: { required: '请填写电话号码，或留空。', invalid: '电话号码须为 6 至 24 位数字，可包含空格、括号、连字符和开头的 +。' },
      language: { required: '请选择回复语言。', invalid: '请选择回复语言。' },
      description: { required: '请告诉我们发生了什么事。', invalid: '请用 10 至 5000 个字说明发生了什么事。' },
      'compensationClaim.amount': { required: '请填写要求的金额。', invalid: '金额须大于 0，最多两位小数，例如 500 或 1200.50。' },
      'compensationClaim.currency': { required: '请选择币种。', invalid: '请选择币种。' },
      'compensationClaim.reason': { required: '请说明要求此金额的原因。', invalid: '原因最多 2000 个字。' },
    },
    otherFieldError: '表单中有内容未能接受，请检查后重试。',
    keyReused: '此页面已提交过另一宗投诉。如要提出新的投诉，请重新加载页面。',
    tooLarge: '投诉内容过长，请缩短描述。',
    failed: '暂时无法提交您的投诉，请检查网络连接后重试。重试不会产生重复的投诉。',
    successTitle: '谢谢您，我们已收到您的投诉。',
    referenceLabel: '您的投诉编号',
    successBody: (days) => `我们已把附有此编号的确认通知发送到您的邮箱，并会在 ${days} 个工作日内回复您。`,
    trackLink: '查看投诉进度',
    privateLink: '请妥善保管此链接：任何持有链接的人都可以查看您的投诉进度。',
    another: '提出另一宗投诉',
  },
  tracking: {
    title: '您的投诉',
    loading: '正在加载您的投诉…',
    noscript: '请开启 JavaScript 以查看投诉进度。',
    reference: '投诉编号',
    estate: '小区',
    status: '状态',
    received: '收到时间',
    replyBy: '回复期限',
    timeline: '处理进度',
    privateNote: '此页面仅供您本人查看，请勿转发链接。',
    notFoundTitle: '找不到此投诉',
    notFoundBody: '链接可能不完整。请从我们发给您的邮件中再次打开，或联系您所在小区的管理处。',
    loadFailed: '暂时无法加载您的投诉，请检查网络连接后重试。',
    retry: '重试',
    newComplaint: '提出新的投诉',
    rateOrReview: '评价我们的答复，或要求复核',
    yourComplaint: '您提出的投诉',
    claimed: '您要求的赔偿',
    youAdded: '您补充的资料',
    files: '文件',
    ourResponse: '我们的答复',
    outcome: '结果',
    decision: '我们的决定',
    reasons: '原因',
    remedy: '我们的补救措施',
    outstanding: '尚待完成',
    compensation: '赔偿',
    compensationOutcome: { approved: '已批准', amended: '已按调整金额批准', rejected: '不获批准' },
    takeFurther: '如您不满意',
    stage2: '您可在评价页面要求由未曾参与的同事重新审视您的投诉（第二阶段）。',
    ombudsman: '您也可联系：',
    addTitle: '补充资料或照片',
    addHint: '有关投诉的任何新情况：之后发生的事、照片、文件。负责处理的同事会看到。',
    addText: '补充资料',
    addFiles: '照片或文件',
    addFilesHint: '最多 5 个文件，每个不超过 10 MB：照片、PDF、Word 或 Excel。',
    addSend: '加入我的投诉',
    addSending: '发送中…',
    addDone: '谢谢，我们已把资料加入您的投诉。',
    addFailed: '未能加入，请检查文件后再试。',
    addTooMany: '请最多选择 5 个文件。',
    addTooLarge: '每个文件不可超过 10 MB。',
  },
  trackingChoices: {
    offerQuestion: '您是否接受我们提出的赔偿？确认后即为最终答复。',
    accept: '接受赔偿',
    decline: '拒绝赔偿',
    confirmAccept: '请确认：您接受所提出的赔偿。',
    confirmDecline: '请确认：您拒绝所提出的赔偿。',
    confirm: '确认',
    cancel: '取消',
    sending: '发送中…',
    accepted: '您已接受所提出的赔偿。谢谢，我们会就付款与您联系。',
    declined: '您已拒绝所提出的赔偿。我们已通知负责同事。',
    failed: '未能记录，请稍后再试。',
    withdrawTitle: '撤回投诉',
    withdrawHint: '如您不再需要我们处理此投诉，可以撤回。我们会将其办结并书面通知您。',
    withdrawReason: '撤回原因（选填）',
    withdrawSend: '撤回我的投诉',
    withdrawConfirm: '确定撤回吗？撤回后投诉即会办结；您可随时重新提出投诉。',
    withdrawConfirmYes: '确定撤回',
    withdrawDone: '您的投诉正在撤回，我们会书面确认。',
    withdrawRequested: '您已要求撤回此投诉。',
    formFilesSending: '正在把您的照片和文件加入投诉…',
    formFilesDone: '您的照片和文件已加入投诉。',
    formFilesFailed: '您的投诉已提交，但未能加入文件。您可在进度页面再次加入。',
  },
  feedback: {
    title: '您的满意程度',
    loading: '正在加载您的投诉…',
    noscript: '请开启 JavaScript 以确认您的回答。我们尚未记录任何内容。',
    reference: '投诉编号',
    intro: '请检查您的回答后按“确认”。您确认后我们才会记录。',
    outcomeQuestion: '一、您对投诉处理结果的满意程度',
    processQuestion: '二、您对我们处理投诉过程的满意程度',
    ratingLabels: ['1 分 – 非常不满意', '2 分 – 不满意', '3 分 – 一般', '4 分 – 满意', '5 分 – 非常满意'],
    optional: '（选填）',
    outcomeRequired: '请选择您对处理结果的满意程度。',
    reopenNote: '如您对处理结果评 1 分或 2 分，我们会重新处理您的投诉，并由更高一级的同事复核。',
    comment: '还有其他意见吗？',
    commentHint: '最多 2000 个字。',
    confirm: '确认我的回答',
    sending: '正在提交…',
    thanksTitle: '谢谢您，我们已记录您的回答。',
    thanksBody: '您的意见有助于我们改进服务。我们会通过电子邮件通知您下一步安排。',
    thanksReopened: '很抱歉您不满意。我们已重新处理您的投诉，更高一级的同事会复核并书面答复您。',
    alreadyTitle: '您的回答此前已记录',
    alreadyBody: '我们已收到您对此投诉的评价，谢谢您的意见。',
    notAwaitingTitle: '目前无需评价',
    notAwaitingBody: '此投诉目前并非等待评价：个案可能仍在处理中、已经结束，或作答期限已过。如仍有问题，请联系管理处并提供您的投诉编号。',
    notFoundTitle: '找不到此投诉',
    notFoundBody: '链接可能不完整。请从我们发给您的邮件中再次打开，或联系您所在小区的管理处。',
    failed: '暂时无法提交您的回答，请检查网络连接后重试。',
    stage2Title: '对我们的答复不满意？',
    stage2Body: '您可以要求第二阶段复核：更高一级的同事会重新审查您的投诉。您无需说明理由。',
    stage2Button: '要求第二阶段复核',
    stage2ConfirmQuestion: '您确定要我们在第二阶段重新复核您的投诉吗？',
    stage2ConfirmYes: '确定，要求复核',
    stage2Cancel: '取消',
    stage2DoneTitle: '我们已收到您的复核要求',
    stage2DoneBody: '更高一级的同事会复核您的投诉。我们会通过电子邮件通知您答复日期。',
    stage2Already: '您的投诉已在第二阶段复核中。',
    stage2NotYet: '我们答复您的投诉后，您即可要求第二阶段复核。',
    trackLink: '查看投诉进度',
  },
};

const COPY: Record<Language, WebCopy> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

export function webCopy(language: Language): WebCopy {
  return COPY[language];
}
