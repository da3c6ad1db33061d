/**
 * The staff emails' texts in English (server only, like ./resident.en.ts: the console never loads them).
 * `email.insight`: the Monday weekly report (its email and its XLSX) and the early-warning alert.
 * `{name}` marks a value filled in by `fill` (./lookup.ts).
 */
export const enStaffEmail = {
  email: {
    insight: {
      weeklyReport: {
        subject: 'Weekly complaints report: {estate}, {week}',
        intro: 'The complaints report of {estate} for the week from {from} to {to} is attached as a spreadsheet.',
        figuresTitle: 'In figures',
        attachment: 'The attachment lists each complaint received in the week, how it was handled, and every complaint still open, overdue ones first.',
        noPersonalData: 'It holds references, codes and dates only, no personal data.',
        // The spreadsheet's sheets and headings.
        summary: 'Summary',
        received: 'Received last week',
        open: 'Open and overdue',
        week: 'Week',
        estate: 'Estate',
        from: 'From',
        to: 'To',
        generated: 'Generated',
        figures: { received: 'Complaints received', referred: 'Referred by the group or government', responded: 'Answered', answeredOnTime: 'Answered on time', closed: 'Closed', open: 'Still open (all weeks)', overdue: 'Overdue' },
        columns: { reference: 'Reference', receivedAt: 'Received', channel: 'Channel', referred: 'Referred', status: 'Status', stage: 'Stage', caseClass: 'Class', severity: 'Severity', category: 'Cause', departmentId: 'Department', responseDueBy: 'Due', respondedAt: 'Answered', outcome: 'Outcome', answeredOnTime: 'On time', escalated: 'Escalated', overdue: 'Overdue' },
        yes: 'Yes',
        no: 'No',
      },
      earlyWarning: {
        subject: 'Early warning: {category} complaints rising at {estate}',
        intro: "{count} complaints about {category} were received from {from} to {to}, where the estate's own last twelve weeks make about {expected} likely.",
        chance: 'The chance of so many at the usual rate is {chance}. Please look at the cases together: a common cause may be behind them.',
        cases: 'The cases',
      },
    },
  },
};

export type StaffEmailMessages = typeof enStaffEmail;
