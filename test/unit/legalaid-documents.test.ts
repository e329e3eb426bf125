// The legal aid case documents as .docx: filled from the case, printing phones and ID numbers as they are given
// (in full on the file copy, masked elsewhere: case-documents.ts), a number never broken over two lines, and opened
// by LibreOffice (headless), which converts every one of them to PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {
  AID_DOCUMENT_KINDS,
  AID_DOCUMENT_TITLES,
  aidDocumentTitle,
  renderAidDocument,
  type AidDocumentData,
  type AidDocumentKind,
} from '../../server/modules/legalaid/documents.js';
import { AID_DOCUMENT_AUDIENCE, printsInFull } from '../../server/modules/legalaid/document-kinds.js';

const FULL_ID = '41152219870315123X';
const FULL_PHONE = '13937612345';
const FULL_PROXY_PHONE = '13737628890';
const LANDLINE = '0376-88812345';

/** 王德明, a migrant worker from 砖桥镇, owed nine months of wages by a building contractor in 信阳. */
function migrantWorkerCase(overrides: Partial<AidDocumentData> = {}): AidDocumentData {
  return {
    caseNo: '光援〔2026〕23号',
    trackingNo: '261126-84KM-9QZ7',
    centerName: '光山县法律援助中心',
    bureauName: '光山县司法局',
    issuedAt: new Date('2026-11-26T02:30:00Z'),
    applicant: {
      name: '王德明',
      idNumber: '4115**********123X',
      phone: '139****2345',
      address: '河南省信阳市光山县砖桥镇王湾村三组',
    },
    proxy: { name: '王秀兰', relationLabel: '配偶', phone: '137****8890' },
    matter: {
      categoryLabel: '请求确认劳动关系或者支付劳动报酬',
      summary:
        '申请人自2025年3月起在信阳市浉河区某住宅小区工地从事钢筋工作业，由被申请人承包的劳务班组招用，约定日工资350元。\n' +
        '截至2025年12月工程完工，被申请人拖欠申请人工资共计人民币48,600元，经多次催讨，并经镇劳动保障所调解未果。\n' +
        '申请人请求法律援助，代理其申请劳动争议仲裁，要求被申请人支付拖欠的劳动报酬及相应的赔偿金。',
      opposingParty: '信阳市宏达建筑劳务有限公司',
    },
    family: {
      size: 4,
      members: [
        { relation: '本人', name: '王德明', monthlyIncome: 0 },
        { relation: '配偶', name: '王秀兰', monthlyIncome: 1200 },
        { relation: '儿子', name: '王小虎', monthlyIncome: 0 },
        { relation: '母亲', name: '陈桂英', monthlyIncome: 210.5 },
      ],
      monthlyIncomePerCapita: 352.63,
    },
    eligibility: {
      criteria: [
        { label: '申请事项', passed: true, reason: '属于法律援助事项：请求确认劳动关系或者支付劳动报酬（第三十一条第五项）' },
        { label: '委托代理情况', passed: true, reason: '申请人未委托代理人' },
        {
          label: '经济困难状况',
          passed: true,
          reason: '免予核查经济困难状况（已提供证明）：申请支付劳动报酬的进城务工人员（第四十二条第三项）',
        },
      ],
      overrideReason: null,
      pledge: true,
    },
    receivedAt: new Date('2026-11-25T01:10:00Z'),
    receivedBy: '砖桥镇公共法律服务工作站',
    missingMaterials: [
      '劳动关系证明材料（工资欠条、考勤记录、工友证言或者微信聊天记录等）',
      '镇劳动保障所出具的调解不成证明',
      '代理申请人与申请人的关系证明（户口簿或者结婚证复印件）',
    ],
    materialsDueAt: new Date('2026-12-10T08:00:00Z'),
    decision: {
      granted: true,
      reasons:
        '申请人系进城务工人员，申请支付劳动报酬，属于法律援助法第三十一条第五项规定的事项。\n申请人已提供务工证明，依照该法第四十二条第三项免予核查经济困难状况；申请人未委托代理人。',
      decidedAt: new Date('2026-11-27T07:00:00Z'),
      earlyAid: true,
      formLabel: '劳动争议调解与仲裁代理',
    },
    provider: {
      name: '李建国',
      kindLabel: '律师',
      organisation: '河南弦山律师事务所',
      phone: '0376-8881234',
      assignedAt: new Date('2026-11-28T03:00:00Z'),
    },
    termination: {
      groundLabel: '受援人自行委托律师或者其他代理人（第四十八条第六项）',
      reason: '受援人于2027年1月5日书面告知本中心，已自行委托信阳市某律师事务所律师代理本案仲裁。',
      decidedAt: new Date('2027-01-06T02:00:00Z'),
    },
    closing: {
      outcome: '经光山县劳动人事争议仲裁委员会主持调解，被申请人一次性支付申请人劳动报酬人民币46,000元，已当庭履行完毕。',
      report:
        '2026年11月28日接受指派后，承办律师当日会见受援人，调取考勤记录及工友证言三份。\n' +
        '2026年12月2日向光山县劳动人事争议仲裁委员会申请仲裁，并申请先予执行。\n' +
        '2027年1月15日仲裁庭主持调解，双方达成调解协议，受援人当庭领取全部款项。',
      closedAt: new Date('2027-01-20T02:00:00Z'),
    },
    objectionDays: 15,
    trackUrl: 'https://ggfl.guangshan.gov.cn/track?no=26112684KM9QZ7',
    ...overrides,
  };
}

const refused = migrantWorkerCase({
  decision: {
    granted: false,
    reasons: '申请人不属于进城务工人员，不适用免予核查。\n申请人家庭人均月收入2,850元，高于本县经济困难标准（人均每月1,100元）。',
    decidedAt: new Date('2026-11-27T07:00:00Z'),
    earlyAid: false,
  },
});

async function documentXml(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')?.async('string');
  assert.ok(xml, 'word/document.xml is in the package');
  return xml;
}

/** every text part of the package: the body, the footers, the properties */
async function packageText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const parts = Object.values(zip.files).filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name));
  return (await Promise.all(parts.map((f) => f.async('string')))).join('\n');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** the text a reader sees: the runs' text joined, so that a value split over runs still matches */
const textOf = (xml: string) =>
  [...xml.replaceAll('<w:noBreakHyphen/>', '<w:t>-</w:t>').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => (m[1] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? ''))
    .join('');

const rendered = new Map<string, Buffer>();
async function render(name: string, kind: AidDocumentKind, data: AidDocumentData) {
  const docx = await renderAidDocument(kind, data);
  rendered.set(name, docx);
  return { docx, text: textOf(await documentXml(docx)) };
}

test('every kind renders as a Word package with its title, case number and applicant', async () => {
  const data = migrantWorkerCase();
  for (const kind of AID_DOCUMENT_KINDS) {
    const { docx, text } = await render(kind, kind, data);
    assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK', `${kind} is a zip`);
    assert.ok(text.includes(aidDocumentTitle(kind, data)), `${kind} prints its title`);
    assert.ok(text.includes('光援〔2026〕23号') && text.includes('王德明'), `${kind} prints the case number and the applicant`);
    const everything = await packageText(docx);
    assert.ok(!everything.includes(FULL_ID) && !everything.includes(FULL_PHONE), `${kind} has no full ID number or phone anywhere`);
  }
  assert.equal(AID_DOCUMENT_TITLES.decision, '给予/不予法律援助决定书');
});

test('the application form holds the applicant, proxy, family, criteria and the pledge', async () => {
  const { text } = await render('application', 'application', migrantWorkerCase());
  for (const value of [
    '4115**********123X',
    '139****2345',
    '王秀兰',
    '配偶',
    '信阳市宏达建筑劳务有限公司',
    '陈桂英',
    '210.5',
    '352.63元',
    '✔',
    '个人诚信承诺',
    '第四十八条',
  ])
    assert.ok(text.includes(value), `application shows ${value}`);
  const paragraphs = (await documentXml(await renderAidDocument('application', migrantWorkerCase()))).split('</w:p>').map(textOf);
  const first = paragraphs.findIndex((p) => p.includes('约定日工资350元'));
  const second = paragraphs.findIndex((p) => p.includes('截至2025年12月'));
  assert.ok(first >= 0 && second > first, 'each line of the summary is a paragraph of its own');
});

/** The file copy as the case's handler prints it: the numbers as entered. */
const fileCopy = (phone = FULL_PHONE) =>
  migrantWorkerCase({
    applicant: { name: '王德明', idNumber: FULL_ID, phone, address: '河南省信阳市光山县砖桥镇王湾村三组' },
    proxy: { name: '王秀兰', relationLabel: '配偶', phone: FULL_PROXY_PHONE },
  });

/** The cells of the table row that holds `label`, as text. */
async function rowWith(docx: Buffer, label: string): Promise<string[]> {
  const xml = await documentXml(docx);
  const row = xml.split('</w:tr>').find((r) => textOf(r).startsWith(label));
  assert.ok(row, `a row starting with ${label}`);
  return row.split('</w:tc>').slice(0, -1).map(textOf);
}

test('the file copy prints the phone and ID number as entered, each whole in its own cell; the masked forms likewise', async () => {
  const { docx, text } = await render('application-full', 'application', fileCopy());
  for (const value of [FULL_ID, FULL_PHONE, FULL_PROXY_PHONE]) assert.ok(text.includes(value), `the file copy shows ${value}`);
  assert.deepEqual((await rowWith(docx, '联系电话')).slice(0, 2), ['联系电话', FULL_PHONE], 'the phone is the whole of its cell');
  assert.ok((await rowWith(docx, '姓名')).includes(FULL_ID));
  const landline = await render('application-landline', 'application', fileCopy(LANDLINE));
  assert.deepEqual((await rowWith(landline.docx, '联系电话')).slice(0, 2), ['联系电话', LANDLINE]);
  assert.ok((await documentXml(landline.docx)).includes('0376</w:t><w:noBreakHyphen/>'), "a landline's hyphen does not break the line");
  const masked = await render('application', 'application', migrantWorkerCase());
  assert.deepEqual((await rowWith(masked.docx, '联系电话')).slice(0, 2), ['联系电话', '139****2345']);
  for (const t of [text, landline.text, masked.text]) assert.ok(!/[0-9*]\/[0-9*]/.test(t), "never a '/' inside a number");
});

test('only the file copy prints the numbers in full; what the applicant carries away and anything for others are masked', () => {
  assert.deepEqual(
    AID_DOCUMENT_KINDS.filter((kind) => printsInFull(kind)),
    ['application'],
  );
  assert.equal(AID_DOCUMENT_AUDIENCE.receipt, 'applicant', 'the receipt goes with the applicant: tracking number and phone open the case');
  for (const kind of AID_DOCUMENT_KINDS)
    if (AID_DOCUMENT_AUDIENCE[kind] === 'thirdParty') assert.equal(printsInFull(kind), false, `${kind} is for a third party`);
});

test('the receipt, the one-time notice and the decisions carry what the law asks them to say', async () => {
  const data = migrantWorkerCase();
  const receipt = (await render('receipt', 'receipt', data)).text;
  for (const value of ['261126-84KM-9QZ7', '2026年11月25日', '砖桥镇公共法律服务工作站', '七日内作出是否给予法律援助的决定', '139****2345'])
    assert.ok(receipt.includes(value), `receipt shows ${value}`);

  const notice = (await render('materialsNotice', 'materialsNotice', data)).text;
  data.missingMaterials.forEach((item, i) => assert.ok(notice.includes(`${i + 1}．${item}`), `notice lists item ${i + 1}`));
  assert.ok(notice.includes('2026年12月10日前') && notice.includes('视为撤回申请'));

  const granted = (await render('decision', 'decision', data)).text;
  assert.ok(granted.includes('给予法律援助决定书') && granted.includes('三日内指派') && granted.includes('第四十四条'));
  assert.ok(granted.includes('依照该法第四十二条第三项免予核查经济困难状况'));

  const no = (await render('decision-refused', 'decision', refused)).text;
  assert.ok(no.includes('不予法律援助决定书') && !no.includes('给予法律援助决定书'));
  assert.ok(no.includes('高于本县经济困难标准'), 'refusal gives the reasons');
  assert.ok(no.includes('15日内向光山县司法局提出'), 'refusal gives the objection period and body');
});

test('assignment, termination and closing report name the provider and the outcome', async () => {
  const data = migrantWorkerCase();
  const assignment = (await render('assignmentNotice', 'assignmentNotice', data)).text;
  for (const value of ['李建国', '律师', '河南弦山律师事务所', '0376-8881234', '2026年11月28日', '更换承办人员', '光山县司法局投诉'])
    assert.ok(assignment.includes(value), `assignment shows ${value}`);

  const termination = (await render('terminationDecision', 'terminationDecision', data)).text;
  assert.ok(
    termination.includes('第四十八条第六项') && termination.includes('已自行委托') && termination.includes('15日内向光山县司法局提出'),
  );

  const closing = (await render('closingReport', 'closingReport', data)).text;
  assert.ok(
    closing.includes('46,000元') && closing.includes('李建国') && closing.includes('2027年1月20日') && closing.includes('归档审查意见'),
  );
});

test('a case with less to say: no proxy, no pledge, no family listed, a criterion failed and overridden', async () => {
  const data = migrantWorkerCase({
    applicant: { name: '陈桂英', idNumber: null, phone: '158****0021', address: null },
    proxy: null,
    matter: { categoryLabel: '请求给付赡养费、抚养费、扶养费', summary: '要求子女支付赡养费 & 医疗费 <每月800元>。', opposingParty: null },
    family: { size: 1, members: [], monthlyIncomePerCapita: null },
    eligibility: {
      criteria: [{ label: '经济困难状况', passed: false, reason: '未说明家庭收入状况' }],
      overrideReason: '申请人系独居老人，经村委会证明无固定生活来源，审查人员认定符合经济困难条件。',
      pledge: false,
    },
    trackUrl: null,
  });
  const { text } = await render('application-minimal', 'application', data);
  for (const value of [
    '无（申请人本人申请）',
    '未提供',
    '未核算',
    '未填报家庭成员',
    '✘',
    '不符合',
    '独居老人',
    '赡养费 & 医疗费 <每月800元>',
  ])
    assert.ok(text.includes(value), `application shows ${value}`);
  assert.ok(!text.includes('个人诚信承诺'), 'no pledge is printed when none was made');
  const receipt = (await render('receipt-minimal', 'receipt', data)).text;
  assert.ok(receipt.includes('陈桂英') && !receipt.includes('二维码'), 'without a tracking page address the receipt prints no QR code');
});

test('a document for a stage the case has not reached is refused, not printed half empty', async () => {
  await assert.rejects(renderAidDocument('decision', migrantWorkerCase({ decision: null })), /no decision/);
  await assert.rejects(renderAidDocument('materialsNotice', migrantWorkerCase({ missingMaterials: [] })), /no missing materials/);
});

test('LibreOffice opens every document and converts it to PDF', async () => {
  const soffice = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/lib/libreoffice/program', '/opt/libreoffice/program']
    .map((dir) => path.join(dir, 'soffice'))
    .find(existsSync);
  assert.ok(soffice, 'soffice not found: install LibreOffice (apt-get install -y --no-install-recommends libreoffice-writer-nogui)');
  if (rendered.size === 0) for (const kind of AID_DOCUMENT_KINDS) rendered.set(kind, await renderAidDocument(kind, migrantWorkerCase()));

  const dir = mkdtempSync(path.join(tmpdir(), 'legalaid-docx-'));
  try {
    const files = [...rendered].map(([name, docx]) => {
      const file = path.join(dir, `${name}.docx`);
      writeFileSync(file, docx);
      return file;
    });
    const started = Date.now();
    // a fresh profile in a fresh HOME: no first-start dialogs, no lock held by another LibreOffice
    const result = spawnSync(soffice, ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      env: { ...process.env, HOME: path.join(dir, 'home') },
      timeout: 120_000,
      encoding: 'utf8',
    });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(result.status, 0, `soffice failed (${result.error?.message ?? ''}): ${result.stderr}`);
    for (const file of files) {
      const pdf = file.replace(/\.docx$/, '.pdf');
      assert.ok(existsSync(pdf), `${path.basename(pdf)} was written`);
      assert.ok(statSync(pdf).size > 1024, `${path.basename(pdf)} is more than 1 KB`);
      assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    }
    const kb = (file: string) => (statSync(file).size / 1024).toFixed(1);
    console.log(`converted ${files.length} documents in ${seconds.toFixed(1)} s`);
    for (const file of files) console.log(`  ${path.basename(file)} ${kb(file)} KB → pdf ${kb(file.replace(/\.docx$/, '.pdf'))} KB`);

    const pdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
    if (pdftotext.error) {
      console.log('pdftotext not installed (poppler-utils): the PDF text is not checked');
      return;
    }
    const out = spawnSync('pdftotext', ['-layout', path.join(dir, 'decision-refused.pdf'), '-'], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    const text = out.stdout.replace(/\s+/g, '');
    assert.ok(text.includes('不予法律援助决定书'), 'the PDF has the Chinese title as text');
    assert.ok(text.includes('15日内向光山县司法局提出'));
    // as printed: each number on one line of the page (a number too wide for its cell wrapped as 138****12 / 34)
    const printed = (name: string) => {
      const file = path.join(dir, `${name}.pdf`);
      if (!existsSync(file)) return null;
      const layout = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      return layout.stdout.replaceAll('\u2011', '-').split('\n');
    };
    for (const [name, numbers] of [
      ['application', ['139****2345', '137****8890', '4115**********123X']],
      ['application-full', [FULL_PHONE, FULL_PROXY_PHONE, FULL_ID]],
      ['application-landline', [LANDLINE]],
    ] as const) {
      const lines = printed(name);
      if (!lines) continue;
      for (const n of numbers)
        assert.ok(
          lines.some((line) => line.includes(n)),
          `${name}.pdf prints ${n} on one line`,
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('第四十九条 sets no period: without a provincial one the letters state the right to object without a period; with one, its basis and "from receipt"', async () => {
  const none = { decision: refused.decision, objectionDays: null, objectionBasis: null };
  const refusal = (await render('decision-refused-no-period', 'decision', migrantWorkerCase(none))).text;
  assert.ok(refusal.includes('如对本决定有异议，你可以向光山县司法局提出。'), refusal);
  assert.ok(!/日内向光山县司法局提出/.test(refusal), 'no period printed');
  const termination = (await render('termination-no-period', 'terminationDecision', migrantWorkerCase({ objectionDays: null }))).text;
  assert.ok(termination.includes('你可以向光山县司法局提出。') && !/日内向光山县司法局提出/.test(termination));

  const provincial = { decision: refused.decision, objectionDays: 30, objectionBasis: '某省法律援助条例第三十条' };
  const withPeriod = (await render('decision-refused-provincial', 'decision', migrantWorkerCase(provincial))).text;
  assert.ok(withPeriod.includes('依照某省法律援助条例第三十条的规定，自收到本决定书之日起30日内向光山县司法局提出'), withPeriod);
});
