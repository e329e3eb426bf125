/*
 * The words an exported sheet uses for the codes a list holds, as the workbench's Chinese screens show them
 * (web/shared/locales): a county's ledger is read in Chinese, whatever the language of the screen it came from.
 */

export const REQUEST_STATUS: Record<string, string> = {
  submitted: '已受理待分流',
  dispatched: '已分流待接收',
  accepted: '办理中',
  awaitingMaterials: '补正材料中',
  concluded: '已办结',
  withdrawn: '已撤回',
};

export const DUE_STATE: Record<string, string> = { normal: '期限内', dueSoon: '即将到期', overdue: '已逾期' };

export const AID_STAGE: Record<string, string> = {
  firstReview: '初审',
  review: '审查',
  awaitingMaterials: '补正材料',
  granted: '决定给予援助',
  refused: '决定不予援助',
  assigned: '已指派',
  closed: '已结案',
  terminated: '已终止',
  archived: '已归档',
  withdrawn: '已撤回',
};

export const OBJECTION_AGAINST: Record<string, string> = { refusal: '不予法律援助决定', termination: '终止法律援助决定' };
export const OBJECTION_VIA: Record<string, string> = { portal: '网上提出', desk: '窗口登记' };
export const OBJECTION_DECISION: Record<string, string> = { uphold: '维持原决定', correct: '责令改正' };

export const SITE_KIND: Record<string, string> = { center: '县公共法律服务中心', station: '镇（街道）工作站', room: '村（社区）服务室' };
export const SITE_LEVEL: Record<string, string> = { center: '县中心', station: '镇工作站', room: '村服务室' };

export const CALL_CATEGORY: Record<string, string> = {
  labour: '劳动工资',
  marriage: '婚姻家庭',
  property: '土地房产',
  contract: '借贷合同',
  traffic: '交通事故',
  injury: '人身损害',
  consumer: '消费维权',
  administrative: '行政争议',
  criminal: '刑事',
  legalAid: '法律援助',
  other: '其他',
};
export const CALL_OUTCOME: Record<string, string> = {
  answered: '已解答',
  transferred: '已转办',
  request: '已转服务申请',
  missed: '未接听',
  abandoned: '对方挂断',
};
export const TRANSFER_TARGET: Record<string, string> = { '12345': '12345 政务热线', '110': '110 报警', other: '其他部门' };

export const KB_KIND: Record<string, string> = { qa: '问答', guide: '办事指南' };
export const KB_STATUS: Record<string, string> = {
  draft: '草稿',
  review: '待审核',
  published: '已发布',
  restricted: '仅供检索',
  archived: '已撤下',
};
export const KB_ORIGIN: Record<string, string> = { staff: '本平台编写', consultation: '在线咨询整理', imported: '导入' };

export const RECTIFICATION_STATUS: Record<string, string> = { open: '整改中', done: '已整改' };
export const FOLLOW_UP_STATUS: Record<string, string> = { planned: '待回访', done: '已回访' };
export const FOLLOW_UP_OUTCOME: Record<string, string> = { reached: '已联系上', unreachable: '无法联系', declined: '拒绝回访' };
export const GRADE: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };

export const ITEM_CATEGORY: Record<string, string> = { basic: '基本服务', extended: '拓展服务' };

/** A code in words, or the code itself when it has none (a category typed elsewhere). */
export const word = (words: Record<string, string>, code: string | null | undefined): string => (code ? (words[code] ?? code) : '');

export const yesNo = (v: boolean | null | undefined, yes = '是', no = '否') => (v === null || v === undefined ? '' : v ? yes : no);
