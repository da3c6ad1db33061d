/** The staff emails' texts in 简体中文 (./staffEmail.en.ts says what they are). */
import type { StaffEmailMessages } from './staffEmail.en';

export const zhHansStaffEmail: StaffEmailMessages = {
  email: {
    insight: {
      weeklyReport: {
        subject: '每周投诉报告：{estate}，{week}',
        intro: '附上{estate}由{from}至{to}一周的投诉报告（电子表格）。',
        figuresTitle: '数字',
        attachment: '附件列出该周收到的每宗投诉及其处理情况，以及所有仍未完成的投诉（逾期者在前）。',
        noPersonalData: '报告只有编号、代码及日期，不含个人资料。',
        summary: '摘要',
        received: '上周收到的投诉',
        open: '未完成及逾期',
        week: '周',
        estate: '小区',
        from: '由',
        to: '至',
        generated: '生成时间',
        figures: { received: '收到投诉', referred: '集团或政府转介', responded: '已回复', answeredOnTime: '按时回复', closed: '已结案', open: '仍未完成（所有周）', overdue: '逾期' },
        columns: { reference: '编号', receivedAt: '收到时间', channel: '渠道', referred: '转介', status: '状态', stage: '阶段', caseClass: '类别', severity: '严重程度', category: '原因', departmentId: '部门', responseDueBy: '期限', respondedAt: '回复时间', outcome: '结果', answeredOnTime: '按时', escalated: '已上报', overdue: '逾期' },
        yes: '是',
        no: '否',
      },
      earlyWarning: {
        subject: '预警：{estate}「{category}」投诉上升',
        intro: '由{from}至{to}收到{count}宗关于「{category}」的投诉；按本小区过去十二周的情况，预期约{expected}宗。',
        chance: '以平常的频率出现这么多宗的机会为{chance}。请一并检视这些个案，它们可能有共同成因。',
        cases: '相关个案',
      },
    },
  },
};
