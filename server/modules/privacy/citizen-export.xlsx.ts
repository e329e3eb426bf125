import ExcelJS from 'exceljs';
import { AID_FORMS, MATTER_CATEGORIES } from '../legalaid/rules.js';
import { beijing, CHANNEL } from '../requests/export.service.js';
import { countsOf, type CitizenRecords } from './citizen-export.js';
import { AID_STAGE } from '../exports/words.js';

/*
 * The citizen's copy as an .xlsx: a cover sheet (what it is, on which basis, how many records of each kind),
 * then one sheet per record type. Times in Beijing time; codes in words.
 */

const STATUS: Record<string, string> = {
  submitted: '已受理',
  dispatched: '已分流',
  accepted: '办理中',
  awaitingMaterials: '补正材料中',
  concluded: '已办结',
  withdrawn: '已撤回',
};
const EVENT: Record<string, string> = {
  submitted: '提交申请',
  dispatched: '分流',
  accepted: '接收办理',
  returned: '退回',
  transferred: '转办',
  materialsRequested: '告知补正材料',
  materialsReceived: '收到补正材料',
  resumed: '恢复办理',
  concluded: '办结',
  evaluated: '评价',
  attachmentAdded: '上传材料',
  aidApplied: '申请法律援助',
  aidForwarded: '初审后报送',
  aidGranted: '决定给予法律援助',
  aidRefused: '决定不予法律援助',
  aidAssigned: '指派承办人员',
  aidProviderChanged: '更换承办人员',
  aidProgress: '办理进展',
  aidClosed: '结案',
  aidArchived: '归档',
  aidTerminated: '终止法律援助',
  aidWithdrawn: '撤回申请',
  aidDeemedWithdrawn: '逾期未补正视为撤回',
  aidEarlyAid: '先行提供法律援助',
  aidObjectionFiled: '提出异议',
  aidObjectionDecided: '异议审查决定',
};
const APPLICANT_KIND: Record<string, string> = {
  self: '本人申请',
  guardian: '法定代理人代为申请',
  relativeOfDetained: '近亲属代为申请',
  agent: '委托代理人代为申请',
};
const OUTCOME: Record<string, string> = {
  answered: '已解答',
  transferred: '已转办',
  request: '转为服务申请',
  missed: '未接',
  abandoned: '放弃',
};
const DECISION: Record<string, string> = { grant: '给予援助', refuse: '不予援助', uphold: '维持', correct: '纠正' };
const word = (map: Record<string, string>, code: string | null) => (code === null ? '' : (map[code] ?? code));

interface Column {
  header: string;
  width: number;
}

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: (string | number | null)[][]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => v ?? ''));
  if (!rows.length) ws.addRow(['（无）']);
}

export async function citizenWorkbook(r: CitizenRecords): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'LegalHub 公共法律服务平台';
  const counts = countsOf(r);
  const cover = wb.addWorksheet('说明');
  cover.columns = [{ width: 22 }, { width: 70 }];
  cover.addRows([
    ['个人信息查阅复制', '本表为依据《中华人民共和国个人信息保护法》第四十五条，应本人请求提供的本平台所存其个人信息的副本。'],
    ['生成时间', beijing(r.generatedAt)],
    ['查询所用手机号', r.query.phoneMasked ?? ''],
    ['查询所用身份证号', r.query.idNumberMasked ?? ''],
    ['说明', '仅含本人的信息：对方当事人、家庭成员姓名、代为申请人及工作人员姓名等他人信息未列入。'],
    [],
    ['记录类型', '条数'],
    ['服务申请', counts.requests],
    ['办理过程（公开部分）', counts.events],
    ['法律援助案件', counts.legalAidCases],
    ['代他人申请的法律援助', counts.proxyFor],
    ['异议', counts.objections],
    ['咨询往来', counts.messages],
    ['服务评价', counts.evaluations],
    ['12348 来电', counts.hotlineCalls],
    ['材料附件', counts.attachments],
  ]);
  cover.getColumn(1).font = { bold: true };
  sheet(
    wb,
    '服务申请',
    [
      { header: '受理编号', width: 18 },
      { header: '服务事项', width: 14 },
      { header: '渠道', width: 10 },
      { header: '状态', width: 10 },
      { header: '姓名', width: 10 },
      { header: '联系电话', width: 14 },
      { header: '身份证号', width: 20 },
      { header: '住址', width: 30 },
      { header: '所属区划', width: 18 },
      { header: '诉求内容', width: 40 },
      { header: '办理结果', width: 40 },
      { header: '受理时间', width: 17 },
      { header: '办结时间', width: 17 },
    ],
    r.requests.map((x) => [
      x.trackingNo,
      x.serviceItem,
      word(CHANNEL, x.channel),
      word(STATUS, x.status),
      x.name,
      x.phone,
      x.idNumber,
      x.address,
      x.region,
      x.description,
      x.result,
      beijing(x.createdAt),
      beijing(x.concludedAt),
    ]),
  );
  sheet(
    wb,
    '办理过程',
    [
      { header: '受理编号', width: 18 },
      { header: '时间', width: 17 },
      { header: '环节', width: 18 },
      { header: '说明', width: 50 },
    ],
    r.events.map((e) => [e.trackingNo, beijing(e.at), word(EVENT, e.type), e.note]),
  );
  sheet(
    wb,
    '法律援助',
    [
      { header: '受理编号', width: 18 },
      { header: '案号', width: 20 },
      { header: '阶段', width: 12 },
      { header: '申请方式', width: 16 },
      { header: '事项类别', width: 24 },
      { header: '援助形式', width: 18 },
      { header: '案情', width: 40 },
      { header: '家庭人口', width: 8 },
      { header: '家庭成员（关系、月收入）', width: 30 },
      { header: '家庭月收入', width: 10 },
      { header: '决定', width: 10 },
      { header: '决定理由', width: 30 },
      { header: '决定时间', width: 17 },
      { header: '结案情况', width: 30 },
      { header: '结案时间', width: 17 },
      { header: '申请时间', width: 17 },
    ],
    r.legalAidCases.map((c) => [
      c.trackingNo,
      c.caseNo,
      word(AID_STAGE, c.stage),
      word(APPLICANT_KIND, c.applicantKind),
      word(MATTER_CATEGORIES, c.matterCategory),
      word(AID_FORMS, c.aidForm),
      c.matterSummary,
      c.familySize,
      c.familyMembers.map((m) => `${m.relation} ${m.monthlyIncome ?? ''}`.trim()).join('；'),
      c.monthlyFamilyIncome,
      word(DECISION, c.decision),
      c.decisionReason,
      beijing(c.decidedAt),
      c.closingOutcome,
      beijing(c.closedAt),
      beijing(c.appliedAt),
    ]),
  );
  sheet(
    wb,
    '代为申请',
    [
      { header: '受理编号', width: 18 },
      { header: '案号', width: 20 },
      { header: '本人姓名', width: 10 },
      { header: '与申请人关系', width: 12 },
      { header: '本人电话', width: 14 },
      { header: '申请时间', width: 17 },
    ],
    r.proxyFor.map((p) => [p.trackingNo, p.caseNo, p.name, p.relation, p.phone, beijing(p.appliedAt)]),
  );
  sheet(
    wb,
    '异议',
    [
      { header: '案号', width: 20 },
      { header: '针对', width: 10 },
      { header: '异议理由', width: 40 },
      { header: '提出时间', width: 17 },
      { header: '审查决定', width: 10 },
      { header: '决定理由', width: 40 },
    ],
    r.objections.map((o) => [
      o.caseNo,
      o.against === 'refusal' ? '不予援助决定' : '终止援助决定',
      o.grounds,
      beijing(o.filedAt),
      word(DECISION, o.decision),
      o.decisionReason,
    ]),
  );
  sheet(
    wb,
    '咨询往来',
    [
      { header: '受理编号', width: 18 },
      { header: '时间', width: 17 },
      { header: '发言', width: 10 },
      { header: '内容', width: 70 },
    ],
    r.messages.map((m) => [m.trackingNo, beijing(m.at), m.author === 'citizen' ? '本人' : '工作人员', m.body]),
  );
  sheet(
    wb,
    '服务评价',
    [
      { header: '受理编号', width: 18 },
      { header: '总体评价', width: 10 },
      { header: '服务态度', width: 10 },
      { header: '办理效率', width: 10 },
      { header: '专业水平', width: 10 },
      { header: '意见', width: 40 },
      { header: '评价时间', width: 17 },
    ],
    r.evaluations.map((e) => [e.trackingNo, e.grade, e.attitude, e.efficiency, e.competence, e.comment, beijing(e.at)]),
  );
  sheet(
    wb,
    '12348来电',
    [
      { header: '来电时间', width: 17 },
      { header: '通话时长（秒）', width: 12 },
      { header: '来电号码', width: 14 },
      { header: '类别', width: 12 },
      { header: '来电内容', width: 40 },
      { header: '解答', width: 40 },
      { header: '结果', width: 12 },
      { header: '满意度', width: 8 },
    ],
    r.hotlineCalls.map((c) => [
      beijing(c.startedAt),
      c.durationSeconds,
      c.phone,
      c.category,
      c.summary,
      c.answer,
      word(OUTCOME, c.outcome),
      c.satisfaction,
    ]),
  );
  sheet(
    wb,
    '材料附件',
    [
      { header: '受理编号', width: 18 },
      { header: '文件名', width: 30 },
      { header: '类型', width: 20 },
      { header: '大小（字节）', width: 12 },
      { header: '上传时间', width: 17 },
      { header: '上传人', width: 10 },
      { header: '文件状态', width: 20 },
    ],
    r.attachments.map((a) => [
      a.trackingNo,
      a.filename,
      a.contentType,
      a.size,
      beijing(a.uploadedAt),
      a.byCitizen ? '本人' : '工作人员',
      a.deleted ? '保存期限届满已删除' : '保存中（可向受理单位申请复制）',
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
