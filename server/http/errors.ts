/**
 * Every error a caller can see has a stable code named after the rule it breaks, a status, and a message
 * in Chinese and English. Services throw `AppError`; the one error handler (error-handler.ts) turns it
 * into `{ code, message, messageEn, details? }`.
 */
export const ERRORS = {
  VALIDATION_FAILED: [400, '请求参数不正确', 'The request is not valid'],
  INVALID_JSON: [400, '请求内容不是有效的 JSON', 'The request body is not valid JSON'],
  CALENDAR_DATE_INVALID: [400, '日期无效，须为 2000–2100 年间的真实日期（YYYY-MM-DD）', 'Not a real date of 2000–2100 (YYYY-MM-DD)'],
  UNAUTHENTICATED: [401, '请先登录', 'Please sign in first'],
  INVALID_CREDENTIALS: [401, '用户名或密码错误', 'Wrong username or password'],
  ACCOUNT_LOCKED: [423, '登录失败次数过多，账号已临时锁定，请稍后再试', 'Too many failed sign-ins; the account is locked for a while'],
  ACCOUNT_DISABLED: [403, '账号已停用，请联系管理员', 'This account is disabled; contact an administrator'],
  CSRF_TOKEN_INVALID: [403, '页面已过期或请求来源不可信，请刷新页面后重试', 'Missing or wrong CSRF token; reload the page and try again'],
  FORBIDDEN: [403, '您没有执行此操作的权限', 'You are not allowed to do this'],
  NOT_FOUND: [404, '记录不存在或您无权查看', 'Not found, or not yours to see'],
  ROUTE_NOT_FOUND: [404, '接口不存在', 'No such endpoint'],
  METHOD_NOT_ALLOWED: [405, '不支持该请求方法', 'Method not allowed'],
  VERSION_CONFLICT: [409, '记录已被他人修改，请刷新后重试', 'Someone else changed this record; reload and try again'],
  USERNAME_TAKEN: [409, '用户名已被使用', 'That username is already taken'],
  DUPLICATE: [409, '记录已存在', 'That record already exists'],
  URI_TOO_LONG: [414, '请求地址过长', 'The request address is too long'],
  PAYLOAD_TOO_LARGE: [413, '提交的内容过大', 'The request is too large'],
  UNSUPPORTED_MEDIA_TYPE: [415, '不支持的内容类型', 'Unsupported content type'],
  PASSWORD_TOO_WEAK: [422, '密码至少 8 位，且须同时包含字母和数字', 'Passwords need at least 8 characters with letters and digits'],
  PASSWORD_WRONG: [422, '当前密码不正确', 'The current password is wrong'],
  PASSWORD_REUSED: [422, '新密码不能与当前密码相同', 'The new password must differ from the current one'],
  SITE_OUT_OF_SCOPE: [422, '所选站点不在您的管辖范围内', 'That site is outside your area'],
  POST_UNKNOWN: [422, '岗位不存在', 'Unknown post'],
  CANNOT_DISABLE_SELF: [422, '不能停用自己的账号', 'You cannot disable your own account'],
  STAFF_IMPORT_INVALID: [422, '导入文件有错误，未导入任何数据', 'The import file has errors; nothing was imported'],
  XLSX_UNREADABLE: [422, '无法读取 Excel 文件，请使用 .xlsx 格式', 'The file is not a readable .xlsx workbook'],
  CALENDAR_WORKDAY_NOT_WEEKEND: [422, '调休上班日只能设在周六或周日', 'A make-up working day must be a Saturday or Sunday'],
  SERVICE_ITEM_UNAVAILABLE: [422, '该服务事项不存在或暂停办理', 'That service is unknown or not offered now'],
  CHANNEL_NOT_OFFERED: [422, '该服务事项不能通过此渠道办理', 'That service is not taken through this channel'],
  REGION_UNKNOWN: [422, '所选地区不存在', 'Unknown region'],
  ID_NUMBER_INVALID: [422, '身份证号码不正确，请核对', 'The ID number is not valid'],
  ROUTING_RULE_MISSING: [422, '该事项没有配置分流规则，请联系管理员', 'No routing rule for this service; ask an administrator'],
  DISPATCH_TARGET_INVALID: [422, '分流的目标站点或人员不正确', 'The site or person to send it to is not valid'],
  DISPATCH_POST_UNSTAFFED: [
    422,
    '该站点没有在岗人员担任所选岗位，无人能接收；请选择该站点实际配备的岗位或其他站点',
    'Nobody active at that site holds that post, so nobody could take it; choose a post the site staffs, or another site',
  ],
  INVALID_TRANSITION: [409, '当前状态下不能进行此操作', 'This action is not possible in the current state'],
  AID_OVERRIDE_REASON_REQUIRED: [
    422,
    '申请未通过资格审查的标准，决定给予援助须写明理由',
    'The application fails a criterion: granting it needs a reason',
  ],
  AID_EARLY_AID_NOT_URGENT: [
    422,
    '距时效或期限届满不少于七日，不符合先行提供法律援助的条件',
    'The limitation date is seven or more days away: no early aid',
  ],
  AID_PROVIDER_INVALID: [
    422,
    '所选法律援助人员不存在、已停用或不属于本县',
    'That legal aid provider is unknown, inactive or not of this county',
  ],
  AID_CONFLICT_OF_INTEREST: [
    409,
    '该人员曾代理对方当事人，存在利益冲突；如仍指派须写明理由',
    'The provider acted for the opposing party; assigning them needs a reason',
  ],
  AID_ARCHIVE_INCOMPLETE: [422, '归档材料清单未全部核对，不能归档', 'The archive checklist is not complete'],
  AID_STANDARD_INVALID: [422, '经济困难标准设置不正确', 'The hardship standard is not valid'],
  AID_OBJECTION_PERIOD_OVER: [422, '已超过提出异议的期限', 'The period for objecting has ended'],
  AID_STATUTORY_PERIOD: [
    422,
    '法定期限按日历日计算（法律援助法第四十三条：七日内决定、三日内指派），只能缩短，不能改为工作日或延长',
    'A statutory period counts calendar days (Legal Aid Law art. 43: decide within 7 days, assign within 3): it may be shortened, not switched to working days or lengthened',
  ],
  AID_SERVICE_DATE_INVALID: [
    422,
    '送达（签收）日期须在决定作出之日以后、今天以前',
    'The date the letter was received must fall between the decision and today',
  ],
  AID_OBJECTION_BASIS_REQUIRED: [
    422,
    '法律援助法第四十九条未规定提出异议的期限；设定期限须写明省级规定的名称和条款',
    'The Legal Aid Law (art. 49) sets no period for objecting: a period needs the provincial rule it rests on',
  ],
  AID_OBJECTION_NOT_ALLOWED: [
    409,
    '当前状态下不能提出异议，或已有异议正在审查',
    'No objection is possible now, or one is already under review',
  ],
  REQUEST_NOT_CONCLUDED: [409, '事项办结后才能评价', 'A request can be rated only after it is concluded'],
  EVALUATION_EXISTS: [409, '该事项已经评价过了', 'This request has already been rated'],
  ATTACHMENT_TYPE_REFUSED: [415, '只能上传 JPG、PNG、PDF 或 Word/Excel 文件', 'Only JPG, PNG, PDF or Word/Excel files are accepted'],
  ATTACHMENT_LIMIT: [422, '附件数量已达上限', 'This request has as many attachments as it may'],
  TEXT_NOT_POSSIBLE: [
    422,
    '该号码不是手机号码，无法接收短信，请记下受理编号',
    'That number is not a mobile: it cannot take a text; please note the number down',
  ],
  RESEND_LIMIT: [
    409,
    '该受理编号今天已多次发送短信，请明天再试，或截图保存本页',
    'The tracking number was texted several times today; try tomorrow, or keep a screenshot of this page',
  ],
  RATE_LIMITED: [429, '操作过于频繁，请稍后再试', 'Too many requests; try again later'],
  INTERNAL: [500, '服务器内部错误，请稍后再试', 'Internal server error'],
  SERVICE_UNAVAILABLE: [503, '服务暂不可用', 'Service unavailable'],
  AID_OBJECTION_ALREADY_DECIDED: [
    409,
    '对这一决定的异议已经审查答复，不能再次提出（法律援助法第四十九条）',
    'An objection to this decision has already been decided; it cannot be raised again (Legal Aid Law art. 49)',
  ],
  AID_MEANS_REQUIRED: [
    422,
    '请填写本人及家庭成员的月收入，或选择不受经济困难条件限制、免予核查的情形',
    "Give the applicant's and the family's monthly income, or a ground that needs no means test or an exemption",
  ],
  AID_STANDARD_MISSING: [404, '本地区尚未设置在有效期内的经济困难标准', 'No hardship standard is in force for this region'],
  NOT_A_CONSULTATION: [409, '这不是在线咨询事项', 'This request is not an online consultation'],
  FOLLOW_UP_CLOSED: [409, '已超过追问期限，如有新问题请重新咨询', 'The time for follow-up questions has passed; please ask anew'],
  KB_ENTRY_STATE: [409, '该条目当前状态下不能进行此操作', 'This entry cannot be changed that way in its present state'],
  KB_PERSONAL_DATA: [
    422,
    '内容中仍有手机号、身份证号等个人信息，请删除后再发布',
    'The text still holds personal data (a phone or ID number); remove it before publishing',
  ],
  KB_CONSULTATION_NOT_ANSWERED: [409, '咨询尚未答复办结，不能整理为问答', 'The consultation has not been answered and concluded yet'],
  KB_REF_INVALID: [422, '引用的法条不存在', 'A cited article does not exist'],
  HOTLINE_SIGNATURE_INVALID: [401, '热线事件签名无效', 'The hotline event signature is not valid'],
  HOTLINE_ROSTER_CONFLICT: [409, '该时段已排此人值班', 'This person is already on duty at that time'],
  HOTLINE_SWAP_INVALID: [422, '换班请求不正确', 'The shift swap is not valid'],
  HOTLINE_STAFF_INVALID: [422, '所选人员不能值守 12348 热线', 'The person chosen cannot take 12348 calls'],
  AID_STANDARD_IN_FORCE: [
    409,
    '该标准已开始适用：不能删除，也不能更改金额或今天以前的日期；可设置截止日期，再新增标准',
    'This standard already applies: it cannot be deleted, nor its amount or any day before today changed; set an end date and add a new standard',
  ],
  METRICS_FORBIDDEN: [403, '监控指标仅限本机或持有令牌的采集端访问', 'Metrics are for this machine or a scraper with the token'],
  BACKUP_UNREADABLE: [422, '备份文件已损坏或不完整，未作任何恢复', 'The backup file is damaged or incomplete; nothing was restored'],
  BACKUP_SCHEMA_UNKNOWN: [
    422,
    '备份来自更新版本的系统或数据库结构不符，请先升级本系统',
    'The backup comes from a newer release or a schema this release does not know; upgrade first',
  ],
  RESTORE_TARGET_NOT_EMPTY: [
    409,
    '目标数据库已有数据；请恢复到空数据库，或明确使用 --replace 清除后恢复',
    'The target database holds data; restore into an empty one, or erase it with --replace',
  ],
  PRIVACY_COUNTY_LEVEL_ONLY: [
    403,
    '个人信息保存期限和个人信息查阅复制由县级管理员办理',
    "Retention periods and citizens' copies of their personal data are handled at county level",
  ],
  PRIVACY_CITIZEN_AMBIGUOUS: [
    422,
    '该手机号曾用于多人的申请，请同时提供身份证号以确认本人',
    'That phone was given for several people; give the ID number too, to say whose records these are',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  messageEn: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Overrides the catalogue's message pair where a rule needs to say more. */
    readonly messages?: { zh: string; en: string },
  ) {
    super(messages?.en ?? ERRORS[code][2]);
    this.status = ERRORS[code][0];
  }

  toBody(): ErrorBody {
    const [, zh, en] = ERRORS[this.code];
    return {
      code: this.code,
      message: this.messages?.zh ?? zh,
      messageEn: this.messages?.en ?? en,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export const notFound = (): AppError => new AppError('NOT_FOUND');
export const forbidden = (): AppError => new AppError('FORBIDDEN');
