/** The staff emails' texts in 繁體中文 (./staffEmail.en.ts says what they are). */
import type { StaffEmailMessages } from './staffEmail.en';

export const zhHantStaffEmail: StaffEmailMessages = {
  email: {
    insight: {
      weeklyReport: {
        subject: '每週投訴報告：{estate}，{week}',
        intro: '附上{estate}由{from}至{to}一週的投訴報告（試算表）。',
        figuresTitle: '數字',
        attachment: '附件列出該週收到的每宗投訴及其處理情況，以及所有仍未完成的投訴（逾期者在前）。',
        noPersonalData: '報告只有編號、代碼及日期，不含個人資料。',
        summary: '摘要',
        received: '上週收到的投訴',
        open: '未完成及逾期',
        week: '週',
        estate: '屋苑',
        from: '由',
        to: '至',
        generated: '產生時間',
        figures: { received: '收到投訴', referred: '集團或政府轉介', responded: '已回覆', answeredOnTime: '準時回覆', closed: '已結案', open: '仍未完成（所有週）', overdue: '逾期' },
        columns: { reference: '編號', receivedAt: '收到時間', channel: '渠道', referred: '轉介', status: '狀態', stage: '階段', caseClass: '類別', severity: '嚴重程度', category: '原因', departmentId: '部門', responseDueBy: '限期', respondedAt: '回覆時間', outcome: '結果', answeredOnTime: '準時', escalated: '已上報', overdue: '逾期' },
        yes: '是',
        no: '否',
      },
      earlyWarning: {
        subject: '預警：{estate}「{category}」投訴上升',
        intro: '由{from}至{to}收到{count}宗關於「{category}」的投訴；按本屋苑過去十二週的情況，預期約{expected}宗。',
        chance: '以平常的頻率出現這麼多宗的機會為{chance}。請一併檢視這些個案，它們可能有共同成因。',
        cases: '相關個案',
      },
    },
  },
};
