// What an alert says, in the reader's language (kiosk/staff/alert-text.ts), in English and 中文 (spread into strings.ts).
export const alertsEn = {
  alertSays_noAnswer: 'Visitor {number} has waited without an answer: please decide at the desk.',
  alertSays_hostUnreachable: 'Visitor {number}\'s host cannot be reached now: please decide at the desk.',
  alertSays_secondUnreachable: 'Visitor {number} waits for the second approval of {department}, and nobody of it can be reached now.',
  alertSays_overstay: 'Visitor {number} is still on site after their badge ended.',
  alertSays_watchlistRefuse: 'Visitor {number} matches the watchlist and was refused: see reception.',
  alertSays_watchlistHold: 'Visitor {number} may match the watchlist: reception must check them before anything else.',
  alertSays_badgeFailed: 'The badge of visitor {number} could not print: reprint it from the desk.',
  alertSays_printer: 'Printer {name}: {status}.',
  alertSays_channel: 'A notification could not be delivered: check the channels in the admin console.',
  alertSays_panic: 'Panic button pressed at {where}: go there now.',
  alertTransferReturned: 'Transfer came back',
  alertSays_transferReturned: 'A call transferred to {to} was not acknowledged within {minutes} minutes: it is back with the desk.',
};

export const alertsZhCN: Record<keyof typeof alertsEn, string> = {
  alertSays_noAnswer: '访客 {number} 久等无人答复，请在前台决定。',
  alertSays_hostUnreachable: '访客 {number} 的接待人现在联系不上，请在前台决定。',
  alertSays_secondUnreachable: '访客 {number} 等待{department}的第二次审批，但该部门现在无人可联系。',
  alertSays_overstay: '访客 {number} 的胸卡已到期，仍在场内。',
  alertSays_watchlistRefuse: '访客 {number} 与黑名单相符，已拒绝登记：请前台处理。',
  alertSays_watchlistHold: '访客 {number} 可能与黑名单相符：前台须先核实此人。',
  alertSays_badgeFailed: '访客 {number} 的胸卡未能打印：请在前台重新打印。',
  alertSays_printer: '打印机 {name}：{status}。',
  alertSays_channel: '有一条通知未能送达：请在管理后台检查通知渠道。',
  alertSays_panic: '紧急报警，位置：{where}。请立即前往。',
  alertTransferReturned: '转接已退回',
  alertSays_transferReturned: '转接给{to}的来电 {minutes} 分钟内无人确认，已退回前台。',
};
