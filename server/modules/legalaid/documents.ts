import {
  AlignmentType,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  NoBreakHyphen,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
  type ISectionOptions,
} from 'docx';
import QRCode from 'qrcode';
import { dayOf } from '../timelimits/days.js';

/*
 * The legal aid case documents (法律援助文书) as .docx files that Word, WPS and LibreOffice open, each filled from
 * the case so that nobody retypes what the system knows: a blank line is left only where a person signs or
 * writes a date by hand, or where the seal goes. Phones and ID numbers arrive as the document may print them: in
 * full on the file copy for someone who may see them, masked otherwise (case-documents.ts decides; README).
 * A number never wraps: the cells that hold one are wide enough for a mobile or a landline with its area code.
 * Letters follow the layout of Chinese official documents (GB/T 9704): A4, title in 二号 黑体, body in 三号 仿宋
 * on a fixed 28 pt line, signature and date at the right; the two forms (申请表, 结案报告) are tables in 小四 宋体.
 */

export const AID_DOCUMENT_KINDS = [
  'application',
  'receipt',
  'materialsNotice',
  'decision',
  'assignmentNotice',
  'terminationDecision',
  'closingReport',
] as const;
export type AidDocumentKind = (typeof AID_DOCUMENT_KINDS)[number];

export interface AidDocumentData {
  /** 案号, e.g. 光援〔2026〕23号 */
  caseNo: string;
  /** the formatted tracking number (受理编号), e.g. 261126-ABCD-EFGH */
  trackingNo: string;
  centerName: string;
  /** the justice bureau that set up the center: objections to its refusals and terminations go there (art. 49) */
  bureauName: string;
  /** the date printed under the signature */
  issuedAt: Date;
  /** the phone and the ID number as this copy prints them (full or masked) */
  applicant: { name: string; idNumber: string | null; phone: string; address: string | null };
  /** 代理申请人 */
  proxy: { name: string; relationLabel: string; phone: string | null } | null;
  matter: { categoryLabel: string; summary: string; opposingParty: string | null };
  /** incomes in yuan a month */
  family: { size: number; members: { relation: string; name: string; monthlyIncome: number }[]; monthlyIncomePerCapita: number | null };
  eligibility: { criteria: { label: string; passed: boolean; reason: string }[]; overrideReason: string | null; pledge: boolean };
  receivedAt: Date | null;
  /** the site that took the application */
  receivedBy: string | null;
  missingMaterials: string[];
  materialsDueAt: Date | null;
  /** formLabel: 法律援助形式 (art. 22), printed on a grant when known */
  decision: { granted: boolean; reasons: string; decidedAt: Date; earlyAid: boolean; formLabel?: string | null } | null;
  provider: { name: string; kindLabel: string; organisation: string | null; phone: string | null; assignedAt: Date } | null;
  termination: { groundLabel: string; reason: string; decidedAt: Date } | null;
  closing: { report: string; outcome: string; closedAt: Date } | null;
  /**
   * days to object to a refusal or a termination (异议, art. 49), counted from receipt of this letter; null when no
   * provincial rule sets a period (the Law sets none): the letter then states the right without a period
   */
  objectionDays: number | null;
  /** the provincial rule the period rests on, named in the letter */
  objectionBasis?: string | null;
  /** the portal's tracking page for this case; the receipt prints it with a QR code */
  trackUrl?: string | null;
}

/** What each document is called in lists; the decision's printed title follows `decision.granted` (see aidDocumentTitle). */
export const AID_DOCUMENT_TITLES: Record<AidDocumentKind, string> = {
  application: '法律援助申请表',
  receipt: '法律援助申请受理回执',
  materialsNotice: '补充材料通知书（一次性告知）',
  decision: '给予/不予法律援助决定书',
  assignmentNotice: '指派通知书',
  terminationDecision: '终止法律援助决定书',
  closingReport: '结案报告',
};

/** The title printed on the document. */
export function aidDocumentTitle(kind: AidDocumentKind, data: AidDocumentData): string {
  if (kind !== 'decision') return AID_DOCUMENT_TITLES[kind];
  return need(data.decision, kind, 'decision').granted ? '给予法律援助决定书' : '不予法律援助决定书';
}

/**
 * The document as a .docx file. Throws when the case has not reached the stage the document records (a decision
 * document without a decision, a one-time notice without missing materials): the caller checks the stage first.
 */
export async function renderAidDocument(kind: AidDocumentKind, data: AidDocumentData): Promise<Buffer> {
  const form = kind === 'application' || kind === 'closingReport';
  const title = aidDocumentTitle(kind, data);
  const doc = new Document({
    creator: data.centerName,
    title: `${title}（${data.caseNo}）`,
    styles: {
      default: {
        document: {
          // Western text in English: LibreOffice breaks Latin words and numbers anywhere when they are marked Chinese
          run: { font: fonts(form ? SONG : FANG), size: form ? SIZE.form : SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        },
      },
    },
    sections: [await BUILDERS[kind](data, title)],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}

// ---------------------------------------------------------------------------------------------------------
// Typography

const FANG = 'FangSong';
const SONG = 'SimSun';
const HEI = 'SimHei';
/** has ✔ and ✘ on Windows; elsewhere the renderer finds them in a symbol font (DejaVu, OpenSymbol) */
const SYMBOL = 'Segoe UI Symbol';
/** half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt */
const SIZE = { title: 44, body: 32, form: 24, small: 21 };
/** twips: a 三号 character is 16 pt wide, so two of them indent a paragraph's first line */
const TWO_CHARS = 640;
const A4 = { width: 11906, height: 16838 };
/** GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm */
const LETTER_MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 };
const LETTER_WIDTH = A4.width - LETTER_MARGIN.left - LETTER_MARGIN.right;
const FORM_MARGIN = { top: 1417, bottom: 1247, left: 1417, right: 1417 };
const FORM_WIDTH = A4.width - FORM_MARGIN.left - FORM_MARGIN.right;

/** Chinese in the given font; digits and Latin letters in Times New Roman (Arial beside 黑体), as official documents set them */
const fonts = (eastAsia: string, latin = eastAsia === HEI ? 'Arial' : 'Times New Roman') => ({
  ascii: latin,
  hAnsi: latin,
  eastAsia,
  cs: latin,
  hint: 'eastAsia',
});

/*
 * Word picks a stand-in for a missing font from its entry here: the Chinese name (altName) for a system that
 * knows 仿宋 only by that name, and the GB2312 charset (86) with the PANOSE class so that another Chinese serif
 * or sans takes its place rather than a Latin font. LibreOffice falls back through fontconfig (Noto CJK here).
 */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="FangSong"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="SimSun"><w:altName w:val="宋体"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="SimHei"><w:altName w:val="黑体"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="Segoe UI Symbol"><w:panose1 w:val="020B0502040204020203"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>
</w:fonts>`;

type Inline = string | TextRun;
const runs = (parts: Inline[]) => parts.map((p) => (typeof p === 'string' ? new TextRun(p) : p));
const run = (text: string, options: IRunOptions = {}) => new TextRun({ ...options, text });
/** a phone number on one line: a landline's hyphen (0376-8881234) is a non-breaking one */
const unbroken = (text: string) =>
  new TextRun({ children: text.split('-').flatMap((part, i) => (i ? [new NoBreakHyphen(), part] : [part])) });
/** the ideographic space (U+3000), one Chinese character wide */
const GAP = '\u3000';
/** the one kind of blank: underlined spaces for a hand to fill */
const blank = (chars: number, size?: number) => new TextRun({ text: GAP.repeat(chars), size, underline: { type: UnderlineType.SINGLE } });
const handDate = (size?: number) => [
  blank(3, size),
  run('年', { size }),
  blank(2, size),
  run('月', { size }),
  blank(2, size),
  run('日', { size }),
];
/** a text typed into a box becomes one paragraph per line */
const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** 2026年11月26日, the Beijing date */
function chineseDate(instant: Date): string {
  const [y, m, d] = dayOf(instant).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const money = (yuan: number) => yuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const OR_NONE = (value: string | null | undefined, none = '无') => (value && value.trim() ? value : none);

function need<T>(value: T | null | undefined, kind: AidDocumentKind, what: string): T {
  if (value === null || value === undefined) throw new Error(`${kind}: the case has no ${what} yet`);
  return value;
}

const LAW = '《中华人民共和国法律援助法》';

// ---------------------------------------------------------------------------------------------------------
// Letters: centre, title, number, addressee, body, signature and date

const LETTER_LINE = { line: 560, lineRule: LineRuleType.EXACT };

const title = (text: string, size = SIZE.title) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { line: Math.round(size * 16), lineRule: LineRuleType.EXACT },
    children: [run(text, { font: fonts(HEI), size, bold: true })],
  });

/** GB/T 9704: the page number in 4号 宋体 between dashes, at the foot of every page */
const letterFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ font: fonts(SONG), size: 28, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });

const numberLine = (text: string, size = SIZE.body) =>
  new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 240, after: 240, ...LETTER_LINE }, children: [run(text, { size })] });

const body = (text: string, keepNext = false) =>
  new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: TWO_CHARS },
    spacing: LETTER_LINE,
    widowControl: true,
    keepNext,
    children: [run(text)],
  });

const flush = (text: string) => new Paragraph({ alignment: AlignmentType.BOTH, spacing: LETTER_LINE, children: [run(text)] });

/**
 * A letter from the centre to the applicant. `beside` goes to the left of the signature and date (the receipt's QR
 * code and its taker's signature), `after` below them.
 */
function letter(
  data: AidDocumentData,
  heading: string,
  paragraphs: string[],
  after: Paragraph[] = [],
  beside: Paragraph[] = [],
): ISectionOptions {
  // the seal covers the centre's name and the date (GB/T 9704: one line below the body, the date 4 characters in
  // from the right)
  const signature = [
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: TWO_CHARS },
      keepNext: true,
      spacing: { before: beside.length ? 0 : 560, ...LETTER_LINE },
      children: [run(`${data.centerName}（盖章）`)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 2 * TWO_CHARS },
      spacing: LETTER_LINE,
      children: [run(chineseDate(data.issuedAt))],
    }),
  ];
  const besideWidth = 3400;
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({
      children,
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.BOTTOM,
      margins: { left: 0, right: 0 },
    });
  const closing = beside.length
    ? [
        new Paragraph({ spacing: { before: 240 }, keepNext: true, children: [] }),
        new Table({
          width: { size: LETTER_WIDTH, type: WidthType.DXA },
          columnWidths: [besideWidth, LETTER_WIDTH - besideWidth],
          layout: TableLayoutType.FIXED,
          borders: TableBorders.NONE,
          rows: [new TableRow({ cantSplit: true, children: [cell(beside, besideWidth), cell(signature, LETTER_WIDTH - besideWidth)] })],
        }),
      ]
    : signature;
  return {
    properties: { page: { size: A4, margin: LETTER_MARGIN } },
    footers: { default: letterFooter() },
    children: [
      title(data.centerName),
      title(heading),
      numberLine(data.caseNo),
      flush(`${data.applicant.name}：`),
      // the last paragraph goes with the signature: a page holding only the seal is not a page of the document
      ...paragraphs.map((text, i) => body(text, i === paragraphs.length - 1)),
      ...closing,
      ...after,
    ],
  };
}

/** The decisions and the notice are handed over against a signature: the date signed starts the periods that follow. */
function acknowledgement(who = '申请人'): Paragraph[] {
  const small = { size: SIZE.form };
  return [
    new Paragraph({
      spacing: { before: 560 },
      border: { top: { style: 'dashed', size: 4, color: '808080', space: 8 } },
      children: [run(`本文书一式两份，一份交${who}，一份由${who}签收后存档。`, { ...small, color: '404040' })],
    }),
    new Paragraph({
      spacing: { before: 240 },
      children: [run(`${who}签收：`, small), blank(6, small.size), run(`${GAP}${GAP}签收日期：`, small), ...handDate(small.size)],
    }),
  ];
}

/** 第四十九条: the right to object, with a period only where a provincial rule sets one (named), from receipt of this letter. */
export const objectionRight = (data: Pick<AidDocumentData, 'objectionDays' | 'objectionBasis' | 'bureauName'>) =>
  data.objectionDays === null
    ? `如对本决定有异议，你可以向${data.bureauName}提出。`
    : `如对本决定有异议，你可以依照${data.objectionBasis?.trim() || '本省'}的规定，自收到本决定书之日起${data.objectionDays}日内向${data.bureauName}提出。`;

const objection = (data: AidDocumentData) =>
  `${objectionRight(data)}${data.bureauName}将自收到异议之日起五日内进行审查，` +
  `作出维持本中心决定或者责令本中心改正的决定；对维持决定不服的，可以依法申请行政复议或者提起行政诉讼（${LAW}第四十九条）。`;

const applied = (data: AidDocumentData) =>
  `你于${chineseDate(data.receivedAt ?? data.issuedAt)}提出的法律援助申请（受理编号：${data.trackingNo}，申请事项：${data.matter.categoryLabel}）`;

// ---------------------------------------------------------------------------------------------------------
// The documents

type Builder = (data: AidDocumentData, heading: string) => ISectionOptions | Promise<ISectionOptions>;

const BUILDERS: Record<AidDocumentKind, Builder> = {
  application,
  receipt,
  materialsNotice(data, heading) {
    if (data.missingMaterials.length === 0) throw new Error('materialsNotice: no missing materials to list');
    const where = data.receivedBy ?? data.centerName;
    const due = data.materialsDueAt ? `请你于${chineseDate(data.materialsDueAt)}前` : '请你尽快';
    return letter(
      data,
      heading,
      [
        `${applied(data)}，经审查，申请材料不齐全。根据${LAW}第四十三条第二款的规定，现一次性告知你需要补充的材料如下：`,
        ...data.missingMaterials.map((item, i) => `${i + 1}．${item}`),
        `${due}将上述材料提交至${where}，也可以在公共法律服务平台“进度查询”页面上传。补充材料所需的时间不计入审查期限。`,
        '逾期未按要求补充材料或者作出说明的，视为撤回申请。',
      ],
      acknowledgement(),
    );
  },
  decision(data, heading) {
    const d = need(data.decision, 'decision', 'decision');
    const opposing = data.matter.opposingParty ? `对方当事人：${data.matter.opposingParty}。` : '';
    const paragraphs = [`${applied(data)}收悉。${opposing}`];
    if (d.granted) {
      paragraphs.push(
        '经审查，你的申请符合法律援助条件，理由如下：',
        ...linesOf(d.reasons),
        `根据${LAW}第四十三条的规定，本中心于${chineseDate(d.decidedAt)}决定给予法律援助${d.formLabel ? `，法律援助形式为${d.formLabel}` : ''}。` +
          '本中心将自作出本决定之日起三日内指派法律援助人员为你提供法律援助，并告知你承办人员的姓名和联系方式。',
      );
      if (d.earlyAid)
        paragraphs.push(`因情况紧急，本中心已依照${LAW}第四十四条的规定先行提供法律援助。请你及时补办有关手续，补充有关材料。`);
      paragraphs.push('请你如实陈述与法律援助事项有关的情况，及时提供证据材料，配合承办人员办理。');
    } else {
      paragraphs.push(
        '经审查，你的申请不符合法律援助条件，理由如下：',
        ...linesOf(d.reasons),
        `根据${LAW}第四十三条的规定，本中心于${chineseDate(d.decidedAt)}决定不予法律援助。`,
        objection(data),
      );
    }
    return letter(data, heading, paragraphs, acknowledgement());
  },
  assignmentNotice(data, heading) {
    const p = need(data.provider, 'assignmentNotice', 'provider');
    const decided = data.decision ? `本中心于${chineseDate(data.decision.decidedAt)}决定给予你法律援助` : '本中心已决定给予你法律援助';
    return letter(data, heading, [
      `${decided}（受理编号：${data.trackingNo}，申请事项：${data.matter.categoryLabel}），现指派下列人员承办：`,
      `承办人员：${p.name}（${p.kindLabel}）`,
      ...(p.organisation ? [`所在单位：${p.organisation}`] : []),
      ...(p.phone ? [`联系电话：${p.phone}`] : []),
      `指派日期：${chineseDate(p.assignedAt)}`,
      '请你及时与承办人员联系，如实陈述与法律援助事项有关的情况，及时提供证据材料。',
      `根据${LAW}第五十五条的规定，你有权向本中心和承办人员了解法律援助事项的办理进展；本中心或者承办人员未依法履行职责的，` +
        `你可以向${data.bureauName}投诉，并可以请求本中心更换承办人员。`,
    ]);
  },
  terminationDecision(data, heading) {
    const t = need(data.termination, 'terminationDecision', 'termination');
    const decided = data.decision ? `本中心于${chineseDate(data.decision.decidedAt)}决定给予你法律援助` : '本中心决定给予你法律援助';
    const provider = data.provider ? `，并指派${data.provider.organisation ?? ''}${data.provider.kindLabel}${data.provider.name}承办` : '';
    return letter(
      data,
      heading,
      [
        `${decided}（受理编号：${data.trackingNo}，申请事项：${data.matter.categoryLabel}）${provider}。`,
        `经审查，存在下列情形：${t.groundLabel}。`,
        ...linesOf(t.reason),
        `根据${LAW}第四十八条的规定，本中心于${chineseDate(t.decidedAt)}决定终止法律援助。`,
        objection(data),
      ],
      acknowledgement('受援人'),
    );
  },
  closingReport,
};

async function receipt(data: AidDocumentData, heading: string): Promise<ISectionOptions> {
  const proxy = data.proxy ? `（代理申请人：${data.proxy.name}，${data.proxy.relationLabel}）` : '';
  const by = data.receivedBy ?? '本中心';
  const paragraphs = [
    `你${proxy}提出的法律援助申请，已于${chineseDate(data.receivedAt ?? data.issuedAt)}由${by}收到。`,
    `受理编号：${data.trackingNo}`,
    `申请事项：${data.matter.categoryLabel}`,
    `根据${LAW}第四十三条的规定，本中心将自收到申请之日起七日内作出是否给予法律援助的决定。` +
      '申请材料不齐全的，本中心将一次性告知需要补充的材料，补充材料所需的时间不计入上述期限。',
    `查询办理进度：在公共法律服务平台“进度查询”页面${data.trackUrl ? '（扫描下方二维码即可打开）' : ''}输入受理编号和申请时留存的手机号码` +
      `（${data.applicant.phone}），即可查看办理情况；也可以拨打12348公共法律服务热线咨询。`,
  ];
  const small = { size: SIZE.small };
  const beside: Paragraph[] = [];
  if (data.trackUrl) {
    // the code holds the page and the number, never the phone: that is asked on the page
    const png = await QRCode.toBuffer(data.trackUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
    beside.push(
      new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 84, height: 84 } })] }),
      new Paragraph({ children: [run(data.trackUrl, { ...small, font: fonts(SONG) })] }),
    );
  }
  beside.push(new Paragraph({ spacing: { before: 240 }, children: [run('受理人（签名）：', small), blank(5, small.size)] }));
  return letter(data, heading, paragraphs, [], beside);
}

// ---------------------------------------------------------------------------------------------------------
// Forms: tables of label and value cells in 小四 宋体

const FORM_LINE = { line: 320, lineRule: LineRuleType.AT_LEAST };

interface CellOptions {
  span?: number;
  label?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** keeps the row on the page of the next (a section's heading with its first row) */
  keepNext?: boolean;
}

const isParagraphs = (content: string | Inline[] | Paragraph[]): content is Paragraph[] =>
  Array.isArray(content) && content.length > 0 && content.every((c) => c instanceof Paragraph);

function cellParagraphs(content: string | Inline[] | Paragraph[], o: CellOptions): Paragraph[] {
  if (isParagraphs(content)) return content;
  const parts = typeof content === 'string' ? [content] : content;
  const align = o.align ?? (o.label ? AlignmentType.CENTER : AlignmentType.LEFT);
  return [new Paragraph({ alignment: align, keepNext: o.keepNext, spacing: FORM_LINE, children: runs(parts) })];
}

function makeGrid(widths: number[]) {
  const cell = (content: string | Inline[] | Paragraph[], o: CellOptions = {}, at = 0) => {
    const span = o.span ?? 1;
    const width = widths.slice(at, at + span).reduce((a, b) => a + b, 0);
    return new TableCell({
      children: cellParagraphs(content, o),
      columnSpan: span,
      width: { size: width, type: WidthType.DXA },
      // a box of running text reads from its top; a label or a short value sits in the middle
      verticalAlign: isParagraphs(content) ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
    });
  };
  /** a row of [content, options] pairs laid left to right over the grid */
  const row = (cells: [string | Inline[] | Paragraph[], CellOptions?][], minHeight = 480) => {
    let at = 0;
    return new TableRow({
      cantSplit: true,
      height: { value: minHeight, rule: 'atLeast' },
      children: cells.map(([content, o = {}]) => {
        const c = cell(content, o, at);
        at += o.span ?? 1;
        return c;
      }),
    });
  };
  const section = (text: string) =>
    row([[[run(text, { font: fonts(HEI), bold: true })], { span: widths.length, align: AlignmentType.LEFT, keepNext: true }]], 420);
  const table = (rows: TableRow[]) =>
    new Table({ width: { size: FORM_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows });
  return { row, section, table };
}

const formParagraph = (...parts: Inline[]) => new Paragraph({ alignment: AlignmentType.BOTH, spacing: FORM_LINE, children: runs(parts) });
const formText = (text: string) => linesOf(text).map((line) => formParagraph(line));

function formSection(data: AidDocumentData, heading: string, children: (Paragraph | Table)[]): ISectionOptions {
  const numbers = `受理编号：${data.trackingNo}${GAP}${GAP}案号：${data.caseNo}`;
  const pageNumber = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ size: SIZE.small, children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] })],
  });
  return {
    properties: { page: { size: A4, margin: FORM_MARGIN } },
    footers: { default: new Footer({ children: [pageNumber] }) },
    children: [title(data.centerName, 28), title(heading), numberLine(numbers, SIZE.form), ...children],
  };
}

function application(data: AidDocumentData, heading: string): ISectionOptions {
  // 6 columns: label, value, label, value, label, value; a label of six characters fits on one line, and the
  // second column the longest phone the forms take (0376-88812345) in a wide fallback font: at 1560 twips a
  // mobile broke in two (138****12 / 34)
  const { row, section, table } = makeGrid([1640, 2300, 1660, 1320, 1076, 1076]);
  const L = { label: true };
  const H = { label: true, keepNext: true };
  const a = data.applicant;
  const perCapita = data.family.monthlyIncomePerCapita;
  const rows: TableRow[] = [
    section('一、申请人基本情况'),
    row([['姓名', L], [a.name], ['公民身份号码', L], [OR_NONE(a.idNumber, '未提供'), { span: 3 }]]),
    row([['联系电话', L], [[unbroken(a.phone)]], ['住所地', L], [OR_NONE(a.address, '未提供'), { span: 3 }]]),
    section('二、代理申请人'),
    ...(data.proxy
      ? [
          row([['姓名', L], [data.proxy.name], ['与申请人关系', L], [data.proxy.relationLabel, { span: 3 }]]),
          row([
            ['联系电话', L],
            [[unbroken(OR_NONE(data.proxy.phone, '未提供'))], { span: 5 }],
          ]),
        ]
      : [row([['无（申请人本人申请）', { span: 6 }]])]),
    section('三、申请事项'),
    row([
      ['事项类别', L],
      [data.matter.categoryLabel, { span: 5 }],
    ]),
    row([
      ['对方当事人', L],
      [OR_NONE(data.matter.opposingParty), { span: 5 }],
    ]),
    row(
      [
        ['案情及理由', L],
        [formText(data.matter.summary), { span: 5 }],
      ],
      1200,
    ),
    section('四、家庭经济状况'),
    row([
      ['家庭人口', L],
      [`${data.family.size}人`],
      ['人均月收入', L],
      [perCapita === null ? '未核算' : `${money(perCapita)}元`, { span: 3 }],
    ]),
    row([
      ['关系', H],
      ['姓名', { ...H, span: 2 }],
      ['月收入（元）', { ...H, span: 3 }],
    ]),
    ...(data.family.members.length
      ? data.family.members.map((m) =>
          row([
            [m.relation, L],
            [m.name, { span: 2, align: AlignmentType.CENTER }],
            [money(m.monthlyIncome), { span: 3, align: AlignmentType.CENTER }],
          ]),
        )
      : [row([['未填报家庭成员', { span: 6, align: AlignmentType.CENTER }]])]),
    section('五、法律援助条件审查'),
    row([
      ['审查项目', { ...H, span: 2 }],
      ['结论', H],
      ['理由', { ...H, span: 3 }],
    ]),
    ...data.eligibility.criteria.map((c) =>
      row([
        [c.label, { span: 2, align: AlignmentType.CENTER }],
        [[run(c.passed ? '✔' : '✘', { font: fonts(SYMBOL, SYMBOL) }), c.passed ? ' 符合' : ' 不符合'], L],
        [c.reason, { span: 3 }],
      ]),
    ),
    ...(data.eligibility.overrideReason
      ? [
          row([
            ['审查人员意见', { ...L, span: 2 }],
            [formText(data.eligibility.overrideReason), { span: 4 }],
          ]),
        ]
      : []),
    section(data.eligibility.pledge ? '六、个人诚信承诺及申请人签名' : '六、申请人签名'),
    row(
      [
        [
          [
            formParagraph(
              data.eligibility.pledge
                ? `本人依照${LAW}第四十一条作出个人诚信承诺：以上所填经济困难状况及其他情况真实、准确、完整。本人知悉，` +
                    '如有虚假陈述，以欺骗或者其他不正当手段获得法律援助的，法律援助机构将依照该法第四十八条终止法律援助，本人并依法承担相应的法律责任。'
                : '本人确认以上所填情况真实。',
            ),
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              spacing: { before: 360, ...FORM_LINE },
              children: [run('申请人（代理申请人）签名（捺印）：'), blank(6), run(GAP), ...handDate()],
            }),
          ],
          { span: 6 },
        ],
      ],
      1400,
    ),
    section('七、受理情况（法律援助机构填写）'),
    row([
      ['收到申请日期', L],
      [data.receivedAt ? chineseDate(data.receivedAt) : '未收到', { span: 2 }],
      ['受理地点', L],
      [OR_NONE(data.receivedBy, data.centerName), { span: 2 }],
    ]),
    row(
      [
        ['受理编号', L],
        [data.trackingNo, { span: 2 }],
        ['承办人', L],
        [[blank(8)], { span: 2 }],
      ],
      600,
    ),
  ];
  return formSection(data, heading, [table(rows)]);
}

function closingReport(data: AidDocumentData, heading: string): ISectionOptions {
  const c = need(data.closing, 'closingReport', 'closing');
  const p = need(data.provider, 'closingReport', 'provider');
  const { row, table } = makeGrid([1700, 2836, 1600, 2936]);
  const L = { label: true };
  const signature = (who: string) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 360, ...FORM_LINE },
      children: [run(`${who}（签名）：`), blank(6), run(GAP), ...handDate()],
    });
  const rows = [
    row([['受援人', L], [data.applicant.name], ['申请事项', L], [data.matter.categoryLabel]]),
    row([['对方当事人', L], [OR_NONE(data.matter.opposingParty)], ['援助形式', L], [OR_NONE(data.decision?.formLabel, '—')]]),
    row([['承办人员', L], [`${p.name}（${p.kindLabel}）`], ['所在单位', L], [OR_NONE(p.organisation, data.centerName)]]),
    row([['指派日期', L], [chineseDate(p.assignedAt)], ['结案日期', L], [chineseDate(c.closedAt)]]),
    row(
      [
        ['承办结果', L],
        [formText(c.outcome), { span: 3 }],
      ],
      720,
    ),
    row(
      [
        ['承办情况', L],
        [[...formText(c.report), signature('承办人员')], { span: 3 }],
      ],
      3600,
    ),
    // left for the centre's reviewer, who reads the file before it is archived
    row(
      [
        ['归档审查意见', L],
        [[...Array.from({ length: 3 }, () => formParagraph()), signature('审查人')], { span: 3 }],
      ],
      2400,
    ),
  ];
  return formSection(data, heading, [table(rows)]);
}
