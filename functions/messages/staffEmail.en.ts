/**
 * The staff emails' texts in English (server only, like ./resident.en.ts: the console never loads them).
 * `email.insight`: the Monday weekly report (its email and its XLSX) and the early-warning alert;
 * `email.staff`: the lifecycle emails to staff and external parties (functions/domain/notifications/staffEmails.ts).
 * `email.staff`: the lifecycle emails to staff and external parties (functions/domain/notifications/staffEmails.ts).
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
        /** A building's alert: measured against the building's own history, not the estate's (docs/BUILDINGS.md). */
        introBuilding: "{count} complaints about {category} were received from {from} to {to}, where the building's own last twelve weeks make about {expected} likely.",
        chance: 'The chance of so many at the usual rate is {chance}. Please look at the cases together: a common cause may be behind them.',
        cases: 'The cases',
      },
    },
    // Lifecycle emails to staff and external parties (functions/domain/notifications/staffEmails.ts): written in
    // 繁體中文 and English side by side (the urgent-triage alert in 简体中文 too), so each key has all three.
    staff: {
      openCase: 'Open the case',
      classFallback: 'Class {n}',
      labels: {
        reference: 'Reference',
        estate: 'Estate',
        unit: 'Unit',
        severity: 'Severity',
        caseClass: 'Class',
        category: 'Cause category',
        received: 'Received',
        description: 'Description',
        department: 'Department',
        respondBy: 'Respond by',
        signs: 'Signs of a crisis',
        to: 'To',
        from: 'From',
        ourReference: 'Our reference',
        location: 'Location',
        estateConcerned: 'Estate concerned',
        escalatedTo: 'Escalated to',
        reason: 'Reason',
        previousDeadline: 'Previous deadline',
        newDeadline: 'New deadline',
        note: 'Note',
        recordedBy: 'Recorded by',
        resolution: 'Resolution',
        decidedBy: 'Decided by',
        amountClaimed: 'Amount claimed',
        reasonGiven: 'Reason given',
        proposedAmount: 'Proposed amount',
        proposalNote: 'Proposal note',
        leadRecommendation: "Customer-service lead's recommendation",
        reasons: 'Reasons',
        valueA: 'A original service',
        valueB: 'B cost of complaining',
        valueC: 'C proposed',
        result: 'Result',
      },
      criticalAlert: {
        subject: 'URGENT: {severity} complaint {reference} ({estate})',
        body: 'A {severity} complaint has been received at {estate} and needs immediate attention. Please act at once and inform those responsible under the crisis procedure.',
      },
      urgentTriage: {
        subject: 'POSSIBLE CRISIS, triage now: complaint {reference} ({estate})',
        body: 'Complaint {reference} at {estate} shows signs of a possible crisis that the rules could not confirm. Please open it and triage it yourself now: if it is a crisis, mark it critical (HQ is alerted at once) and follow the crisis procedure; if not, triage it as usual.',
      },
      routed: {
        subject: 'Complaint {reference} assigned to {department}',
        body: 'The complaint below has been assigned to {department}. Please investigate, resolve it and reply to the complainant by {respondBy}, recording the outcome and root cause in the system. If this cannot be done in time, tell the customer-service lead as early as possible.',
      },
      report: {
        sectionHeading: '{number}. {title}',
        sectionNumbers: '1 2 3 4 5 6 7 8 9 10',
        replyTo: 'Reply to',
        quoteReference: 'Please quote our reference {reference} in your reply.',
        fromOffice: 'Customer Service, {estate} Management Office',
        dateReceived: 'Date received',
        request: 'Request',
      },
      developerReport: {
        title: 'Written Report of a Customer Complaint (Building Quality)',
        subject: 'Written report: building-quality complaint {reference}',
        recipient: 'Developer’s Customer Service Centre',
        intro: 'We have received a complaint from a resident about building quality. As our complaint-handling procedure requires, we report it to you in writing and ask you to deal with it.',
        matter: 'Matter',
        location: 'Location',
        severity: 'Severity',
        requestBody: 'Please arrange an inspection and repair as soon as possible, and reply in writing with the action you propose and the expected completion date. We keep the complainant informed of progress and can help arrange access to the unit.',
      },
      externalPartyReport: {
        title: 'Special Report',
        subject: 'Special report: complaint {reference} ({estate})',
        intro: 'Residents have told us about the matter below. It lies outside our jurisdiction, so, as our complaint-handling procedure requires, we report it to you and ask you to deal with it.',
        matter: 'Matter',
        location: 'Location',
        impact: 'Impact',
        requestBody: 'Please look into the matter and tell us what you will do and the outcome, so that we can inform the residents affected.',
      },
      escalation: {
        level1: 'the estate manager',
        level2: 'group headquarters',
        reasonOverdue: 'The case is overdue.',
        reasonByStaff: 'A member of staff asked for the case to be escalated.',
        reasonStage2: 'The complainant asked for a stage 2 review.',
        subject: 'Complaint {reference} escalated to {level}',
        body: 'Complaint {reference} at {estate} has been escalated to {level}. Reason: {reason} Please set the handling opinion and make sure it is resolved by the new deadline, {dueBy}.',
      },
      onTheSpot: {
        subject: 'On-the-spot resolution report {reference}',
        body: 'The complaint below was resolved on the spot when it was received. It has been recorded in full and is reported to you as the procedure requires. Please check the record and arrange the satisfaction follow-up with the complainant.',
      },
      compensation: {
        approverEstateManager: 'estate manager',
        approverHq: 'group headquarters',
        recommendApprove: 'approve the amount claimed',
        recommendAmend: 'approve another amount',
        recommendReject: 'reject',
        body: 'Complaint {reference} at {estate} has a compensation claim for the {approver} to decide: approve, amend or reject. Please record your decision and the reasons in the system.',
        valueTitle: 'Value-recovery guidance',
        valueRule: "The value of the second service, C, should be at least A + B (A: value of the original service; B: the complainant's cost of complaining).",
        meets: 'Meets the guidance',
        short: 'Does not meet it: {amount} short of A + B',
        decide: 'Decide the claim',
        subject: 'Compensation claim awaiting decision {reference}',
      },
    },
  },
};

export type StaffEmailMessages = typeof enStaffEmail;
