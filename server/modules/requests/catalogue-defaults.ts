import type { Policy } from '../timelimits/rules.js';

export const CHANNELS = ['walk_in', 'hotline', 'letter', 'web', 'wechat', 'kiosk', 'gov_hotline_12345', 'referral'] as const;
export type Channel = (typeof CHANNELS)[number];
export const PUBLIC_CHANNELS = ['web', 'wechat', 'kiosk'] as const;

export type Level = 'county' | 'town' | 'village';
export type SiteLevel = 'center' | 'station' | 'room';

export interface Guide {
  who: string;
  materials: string[];
  steps: string[];
  fees: string;
  where: string;
  basis: string;
}

export interface ServiceItemDefault {
  code: string;
  name: string;
  category: 'basic' | 'extended';
  summary: string;
  guide: Guide;
  levels: SiteLevel[];
  channels: Channel[];
  handlingUnit: string;
  timeLimit: Policy;
  /** where a request about a region of each level is handled, and by which post */
  routes: Record<Level, { handlerLevel: Level; post: string }>;
}

const ALL: Channel[] = [...CHANNELS];
const everywhere: SiteLevel[] = ['center', 'station', 'room'];
const center = (post: string) =>
  ({
    county: { handlerLevel: 'county', post },
    town: { handlerLevel: 'county', post },
    village: { handlerLevel: 'county', post },
  }) as const;
const town = (post: string) =>
  ({ county: { handlerLevel: 'county', post }, town: { handlerLevel: 'town', post }, village: { handlerLevel: 'town', post } }) as const;

/**
 * The county's service catalogue (服务事项清单) on first start: the 3 basic services and the X extended ones.
 * Time limits follow the rules that govern each: legal aid decides within 7 days (法律援助法 第四十三条),
 * notarisation within 15 working days (公证程序规则 第三十五条), appraisal within 30 working days
 * (司法鉴定程序通则 第二十八条), approval within 20 working days (行政许可法 第四十二条); the others are the
 * county's service commitments. Administrators change them in the workbench.
 */
export const SERVICE_ITEM_DEFAULTS: ServiceItemDefault[] = [
  {
    code: 'consultation',
    name: '法律咨询',
    category: 'basic',
    summary: '免费解答婚姻家庭、劳动工资、土地承包、借贷合同、交通事故等日常法律问题。',
    guide: {
      who: '所有群众，可匿名咨询',
      materials: ['与问题有关的合同、票据、聊天记录等（如有）'],
      steps: [
        '到村（社区）法律服务室、镇工作站或县中心，或拨打12348、在网上提问',
        '值班律师或法律顾问解答',
        '需要进一步办理的，引导到相应服务',
      ],
      fees: '免费',
      where: '县公共法律服务中心、各镇（街道）工作站、村（社区）法律服务室；12348热线',
      basis: '《公共法律服务体系建设规划》',
    },
    levels: everywhere,
    channels: ALL,
    handlingUnit: '值班律师、村（居）法律顾问',
    timeLimit: { unit: 'working', days: 1, dueSoonDays: 1 },
    routes: {
      county: { handlerLevel: 'county', post: 'consultationDesk' },
      town: { handlerLevel: 'town', post: 'reception' },
      village: { handlerLevel: 'village', post: 'villageAdviser' },
    },
  },
  {
    code: 'legalAid',
    name: '法律援助',
    category: 'basic',
    summary: '经济困难或符合法定情形的群众，可申请由国家免费提供的律师代理、刑事辩护等法律服务。',
    guide: {
      who: '经济困难公民和符合法定条件的其他当事人；追索劳动报酬、工伤赔偿的农民工等免予经济困难审查',
      materials: ['法律援助申请表', '身份证件', '经济困难状况说明表或个人诚信承诺', '与申请事项有关的证明材料'],
      steps: [
        '提出申请（可在村、镇、县任一窗口）',
        '镇工作站初审后转县法律援助中心',
        '7日内作出是否给予援助的决定',
        '3日内指派律师',
        '办理、结案',
      ],
      fees: '免费',
      where: '光山县法律援助中心（县公共法律服务中心内）及各镇工作站',
      basis: '《中华人民共和国法律援助法》第三十一条至第四十四条',
    },
    levels: everywhere,
    channels: ALL,
    handlingUnit: '县法律援助中心（镇工作站初审）',
    timeLimit: { unit: 'calendar', days: 7, dueSoonDays: 2 },
    routes: town('legalAidDesk'),
  },
  {
    code: 'mediation',
    name: '人民调解',
    category: 'basic',
    summary: '邻里、婚姻家庭、土地、赔偿等民间纠纷，由人民调解委员会免费调解。',
    guide: {
      who: '纠纷当事人一方或双方',
      materials: ['身份证件', '纠纷情况说明及相关证据'],
      steps: ['申请调解', '受理并指定调解员', '调查核实、组织调解', '达成协议的制作调解协议书，可申请司法确认'],
      fees: '免费',
      where: '村（社区）、镇（街道）人民调解委员会，县调委会',
      basis: '《中华人民共和国人民调解法》',
    },
    levels: everywhere,
    channels: ALL,
    handlingUnit: '人民调解委员会',
    timeLimit: { unit: 'calendar', days: 30, dueSoonDays: 5 },
    routes: town('mediator'),
  },
  {
    code: 'lawyerReferral',
    name: '律师服务',
    category: 'extended',
    summary: '帮助群众联系律师事务所，了解代理、收费等事项。',
    guide: {
      who: '需要委托律师的群众和单位',
      materials: ['身份证件', '案件基本情况'],
      steps: ['说明需求', '推荐律师事务所并登记', '反馈对接结果'],
      fees: '律师服务费按委托合同及政府指导价收取',
      where: '县公共法律服务中心',
      basis: '《中华人民共和国律师法》',
    },
    levels: ['center', 'station'],
    channels: ALL,
    handlingUnit: '县公共法律服务中心综合窗口',
    timeLimit: { unit: 'working', days: 3, dueSoonDays: 1 },
    routes: center('reception'),
  },
  {
    code: 'notary',
    name: '公证服务',
    category: 'extended',
    summary: '继承、赠与、委托、声明、学历、亲属关系等公证事项的咨询和预约办理。',
    guide: {
      who: '需要办理公证的自然人和单位',
      materials: ['身份证件', '与公证事项有关的证明材料'],
      steps: ['预约或申请', '公证处受理审查', '出具公证书'],
      fees: '按河南省公证服务收费标准收取，特殊群体可减免',
      where: '光山县公证处（县公共法律服务中心窗口）',
      basis: '《中华人民共和国公证法》《公证程序规则》第三十五条',
    },
    levels: ['center'],
    channels: ALL,
    handlingUnit: '光山县公证处',
    timeLimit: { unit: 'working', days: 15, dueSoonDays: 3 },
    routes: center('reception'),
  },
  {
    code: 'forensicAppraisal',
    name: '司法鉴定',
    category: 'extended',
    summary: '法医临床、伤残等级、亲子关系等司法鉴定的咨询和机构指引。',
    guide: {
      who: '当事人、诉讼代理人及办案机关',
      materials: ['身份证件', '委托书', '鉴定材料'],
      steps: ['咨询并选择鉴定机构', '鉴定机构受理', '出具鉴定意见书'],
      fees: '按河南省司法鉴定收费标准收取',
      where: '县公共法律服务中心司法鉴定窗口',
      basis: '《司法鉴定程序通则》第二十八条',
    },
    levels: ['center'],
    channels: ALL,
    handlingUnit: '司法鉴定窗口',
    timeLimit: { unit: 'working', days: 30, dueSoonDays: 5 },
    routes: center('reception'),
  },
  {
    code: 'reintegration',
    name: '安置帮教',
    category: 'extended',
    summary: '为刑满释放人员提供就业、社会救助、法律咨询等帮扶。',
    guide: {
      who: '刑满释放人员及其家属',
      materials: ['身份证件', '释放证明书'],
      steps: ['到户籍所在地司法所登记', '制定帮教计划', '落实帮扶措施'],
      fees: '免费',
      where: '户籍所在地镇（街道）司法所、工作站',
      basis: '《关于加强刑满释放人员救助管理工作的意见》',
    },
    levels: ['center', 'station'],
    channels: ALL,
    handlingUnit: '镇（街道）司法所',
    timeLimit: { unit: 'working', days: 15, dueSoonDays: 3 },
    routes: town('reception'),
  },
  {
    code: 'videoVisit',
    name: '远程视频探视',
    category: 'extended',
    summary: '在县中心预约，与服刑亲属进行远程视频会见。',
    guide: {
      who: '服刑人员的近亲属',
      materials: ['身份证件', '亲属关系证明'],
      steps: ['预约', '审核亲属关系', '按约定时间到县中心视频会见'],
      fees: '免费',
      where: '县公共法律服务中心远程视频会见室',
      basis: '《监狱法》第四十八条',
    },
    levels: ['center', 'station'],
    channels: ['walk_in', 'hotline', 'web', 'wechat', 'kiosk'],
    handlingUnit: '县公共法律服务中心',
    timeLimit: { unit: 'working', days: 5, dueSoonDays: 1 },
    routes: center('reception'),
  },
  {
    code: 'complaint',
    name: '投诉',
    category: 'extended',
    summary: '对公共法律服务人员或机构的服务质量、工作作风进行投诉。',
    guide: {
      who: '所有群众',
      materials: ['投诉事项、对象及理由', '相关证据（如有）'],
      steps: ['提交投诉', '司法局督办受理并调查', '反馈处理结果'],
      fees: '免费',
      where: '各级平台窗口、12348热线、网上',
      basis: '《司法行政机关投诉处理办法》',
    },
    levels: everywhere,
    channels: ALL,
    handlingUnit: '光山县司法局',
    timeLimit: { unit: 'working', days: 15, dueSoonDays: 3 },
    routes: center('supervisor'),
  },
  {
    code: 'suggestion',
    name: '意见建议',
    category: 'extended',
    summary: '对公共法律服务提出意见和建议。',
    guide: {
      who: '所有群众',
      materials: [],
      steps: ['提交意见建议', '研究办理', '答复'],
      fees: '免费',
      where: '各级平台、意见箱、网上',
      basis: '',
    },
    levels: everywhere,
    channels: ALL,
    handlingUnit: '光山县司法局',
    timeLimit: { unit: 'working', days: 15, dueSoonDays: 3 },
    routes: center('supervisor'),
  },
  {
    code: 'adminApproval',
    name: '行政审批相关事项',
    category: 'extended',
    summary: '律师、基层法律服务工作者执业等司法行政审批事项的咨询和材料收转。',
    guide: {
      who: '申请人',
      materials: ['申请书', '身份证件', '资格证明等（按事项清单）'],
      steps: ['提交申请', '窗口受理并一次性告知', '审查决定', '送达'],
      fees: '免费',
      where: '县公共法律服务中心综合窗口',
      basis: '《中华人民共和国行政许可法》第四十二条',
    },
    levels: ['center'],
    channels: ['walk_in', 'letter', 'web'],
    handlingUnit: '光山县司法局',
    timeLimit: { unit: 'working', days: 20, dueSoonDays: 3 },
    routes: center('reception'),
  },
];
