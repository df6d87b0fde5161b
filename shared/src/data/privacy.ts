/**
 * The one list of personal information the service collects, with purpose and retention: the in-app
 * 隐私政策 page, the 用户隐私保护指引 text (docs/privacy-guide.md) and the consent texts are written from
 * it. Zod-free (the mini-program imports this file directly). `shared/test/privacy.test.ts` checks that
 * every field of the request schemas that collect personal data is named by an item here (`fields`),
 * or listed in NOT_PERSONAL_FIELDS with the reason it is not personal.
 */
import { POLICY_CALCULATOR_NOTE, SENSITIVE_CONSENT, SEPARATE_CONSENTS } from './consents';

export * from './consents';

export interface PrivacyItem {
  key: string;
  /** What it is, as the person would say it. */
  label: string;
  /** Where in the app it is asked for. */
  where: string;
  purpose: string;
  retention: string;
  /** 敏感个人信息 (个人信息保护法 第二十八条): asked only after a separate consent at the point of collection. */
  sensitive: boolean;
  /** Request fields that carry it: `<scope>.<field>` (scopes: see PRIVACY_SCOPES). */
  fields: string[];
  /** Not collected yet; listed so the guide is complete when the feature ships. */
  planned?: boolean;
}

/** The request schemas the coverage test reads, by scope. */
export const PRIVACY_SCOPES = ['auth', 'wechatLogin', 'wechatPhone', 'eligibility', 'registration', 'employer', 'gig', 'availability', 'nearby', 'application', 'rating', 'report', 'policyApply', 'settlement'] as const;

const ACCOUNT = '保存到你注销账号为止；注销后立即删除。';
const REGISTRATION_RECORD = '办理期间保存；登记办结（退出登记、不予登记）后作为公共就业服务经办档案，按人力资源社会保障部门的档案管理规定保存。注销账号时草稿立即删除，已办结的登记保留，但与你的手机号、微信断开。';

export const PRIVACY_ITEMS: PrivacyItem[] = [
  {
    key: 'phone', label: '手机号', where: '登录（短信验证码或微信手机号快捷登录）',
    purpose: '登录、找回账号，经办人员和录用你的老板联系你。页面上只显示打码后的号码（如 138****5678）。', retention: ACCOUNT, sensitive: false,
    fields: ['auth.phone', 'wechatPhone.code'],
  },
  {
    key: 'openid', label: '微信身份标识（openid）', where: '在微信小程序里用微信登录',
    purpose: '识别你的微信账号以便登录，发送你订阅的服务通知。我们拿不到你的微信号和好友信息。', retention: ACCOUNT, sensitive: false,
    fields: ['wechatLogin.code'],
  },
  {
    key: 'name', label: '姓名', where: '失业登记表第 1 步',
    purpose: '办理失业登记、开具电子登记凭证（对外只显示打码后的姓名）。', retention: REGISTRATION_RECORD, sensitive: false,
    fields: ['registration.realName'],
  },
  {
    key: 'idNumber', label: '证件类型和证件号码（身份证号等）', where: '失业登记资格自查和登记表第 1 步',
    purpose: '核验身份、计算年龄和法定退休年龄、防止一人重复登记。资格自查只用来计算、不保存；登记表里的号码加密保存，经办人员查看完整号码会记入审计日志。', retention: REGISTRATION_RECORD, sensitive: true,
    fields: ['registration.idType', 'registration.idNumber', 'eligibility.idType', 'eligibility.idNumber'],
  },
  {
    key: 'birthSex', label: '出生日期、性别和岗位类别', where: '失业登记资格自查和登记表第 1 步（身份证可自动读出）',
    purpose: '判断是否在法定劳动年龄内、计算退休年龄。', retention: REGISTRATION_RECORD, sensitive: false,
    fields: ['registration.birthDate', 'registration.sex', 'registration.retirementCategory', 'eligibility.birthDate', 'eligibility.sex', 'eligibility.retirementCategory'],
  },
  {
    key: 'workStatus', label: '劳动能力、就业意愿和是否在职', where: '失业登记资格自查',
    purpose: '判断是否符合失业登记条件。', retention: REGISTRATION_RECORD, sensitive: false,
    fields: ['registration.ableToWork', 'registration.wantsWork', 'registration.currentlyEmployed', 'eligibility.ableToWork', 'eligibility.wantsWork', 'eligibility.currentlyEmployed'],
  },
  {
    key: 'residence', label: '常住地（区、街道、详细地址）', where: '失业登记表第 2 步',
    purpose: '按常住地确定为你办理的服务中心和社区，上门或电话回访。', retention: REGISTRATION_RECORD, sensitive: false,
    fields: ['registration.residenceDistrict', 'registration.residenceStreet', 'registration.residenceAddress'],
  },
  {
    key: 'hukou', label: '户籍地', where: '失业登记表第 2 步',
    purpose: '失业登记和就业政策（如户籍相关补贴）按规定需要。', retention: REGISTRATION_RECORD, sensitive: false,
    fields: ['registration.hukouPlace'],
  },
  {
    key: 'employmentHistory', label: '失业原因和工作经历（原单位、离职日期）', where: '失业登记表第 3 步',
    purpose: '失业登记、判断能否申领失业保险金、推荐合适岗位。', retention: REGISTRATION_RECORD, sensitive: false,
    fields: ['registration.unemploymentReason', 'registration.lastEmployer', 'registration.lastJobEndDate'],
  },
  {
    key: 'education', label: '文化程度和毕业年份', where: '失业登记表第 4 步',
    purpose: '分类帮扶、推荐岗位和培训，判断高校毕业生等政策。', retention: REGISTRATION_RECORD, sensitive: false,
    fields: ['registration.education', 'registration.graduationYear'],
  },
  {
    key: 'jobWishes', label: '技能、证书、想找的工作、期望收入和工作方式', where: '失业登记表第 5、6 步',
    purpose: '推荐岗位和培训，生成求职画像。', retention: REGISTRATION_RECORD, sensitive: false,
    fields: ['registration.skills', 'registration.certificates', 'registration.desiredOccupations', 'registration.desiredDistricts', 'registration.expectedMonthlyPay', 'registration.workModes'],
  },
  {
    key: 'serviceNeeds', label: '需要的就业服务、是否申领失业保险金', where: '失业登记表第 7 步',
    purpose: '安排职业指导、培训、岗位推荐，一并受理失业保险金申领。', retention: REGISTRATION_RECORD, sensitive: false,
    fields: ['registration.serviceNeeds', 'registration.claimUnemploymentInsurance'],
  },
  {
    key: 'disability', label: '残疾情况', where: '失业登记表第 8 步（就业困难情形）',
    purpose: '认定就业困难人员、提供就业援助和一对一帮扶。加密保存。', retention: REGISTRATION_RECORD, sensitive: true,
    fields: ['registration.hardships'],
  },
  {
    key: 'hardship', label: '低保/低收入、零就业家庭、脱贫人口等困难情形', where: '失业登记表第 8 步（就业困难情形）',
    purpose: '认定就业困难人员、提供就业援助，为你匹配能享受的政策。加密保存。', retention: REGISTRATION_RECORD, sensitive: true,
    fields: ['registration.hardships'],
  },
  {
    key: 'policyFacts', label: '政策申请时补充的情况（年龄、学历、失业时长、困难类别等）', where: '政策详情“一键申请”',
    purpose: '审核政策申请。只用政策计算器不会保存你的回答（只存在你的手机上，退出登录即清除）。加密保存。', retention: '申请办理期间保存；办结后作为经办档案按规定保存，注销账号时与你的联系方式断开。', sensitive: true,
    fields: ['policyApply.answers', 'policyApply.note'],
  },
  {
    key: 'homeLocation', label: '常住区县和长期位置（“今天能干活”登记时）', where: '零工 → 今天能干活',
    purpose: '给你推送附近的即时快招零工。', retention: '保存到你关闭登记或注销账号为止。', sensitive: true,
    fields: ['availability.homeDistrict', 'availability.home', 'availability.categories', 'availability.elder', 'availability.availableToday'],
  },
  {
    key: 'locationFix', label: '当前位置（一次性）', where: '零工、服务站页面点“用我的位置”',
    purpose: '查找附近的零工岗位和服务站、显示距离。需要你在系统弹窗里同意。', retention: '不保存：只用于这一次查询，服务器不记录你的位置。', sensitive: false,
    fields: ['nearby.lat', 'nearby.lng'],
  },
  {
    key: 'employer', label: '用人单位信息（名称、统一社会信用代码、地址、类型）', where: '我要招人 → 认证用人主体',
    purpose: '核验用人主体、让求职者知道是谁在招人、处理举报和欠薪。', retention: '保存到注销账号；注销后作为已发布招工的经办记录保留单位信息，经办人联系方式删除。', sensitive: false,
    fields: ['employer.kind', 'employer.name', 'employer.creditCode', 'employer.address'],
  },
  {
    key: 'employerContact', label: '经办人姓名和联系电话（用人单位、招工信息）', where: '认证用人主体、发布零工',
    purpose: '录用后让工人联系你，经办人员核实。只在录用后才给被录用的工人看。', retention: '保存到注销账号；注销后删除。', sensitive: false,
    fields: ['employer.contactName', 'employer.contactPhone', 'gig.contactName', 'gig.contactPhone'],
  },
  {
    key: 'gigApplications', label: '零工报名、到岗、完工和结算记录', where: '零工详情“报名”、我的零工',
    purpose: '撮合用工、确认工钱结清、处理纠纷。', retention: '注销账号时未开工的报名撤回；已完工的记录（含结算金额）作为用工凭证保留，与你的联系方式断开。', sensitive: false,
    fields: ['application.gigId', 'settlement.amount'],
  },
  {
    key: 'ratings', label: '评价（星级和文字）', where: '完工后互相评价',
    purpose: '帮助其他人选择可靠的老板和师傅。', retention: '和用工记录一起保存；注销后不再显示你的身份。', sensitive: false,
    fields: ['rating.stars', 'rating.comment'],
  },
  {
    key: 'reports', label: '举报内容', where: '零工详情“举报”',
    purpose: '经办人员核查虚假招聘、欠薪、就业歧视。', retention: '作为经办记录保存；注销后与你的联系方式断开。', sensitive: false,
    fields: ['report.reason', 'report.detail'],
  },
  {
    key: 'messages', label: '站内消息和服务通知', where: '我的 → 消息',
    purpose: '告诉你登记、报名和政策办理的进展。', retention: ACCOUNT, sensitive: false,
    fields: [],
  },
  {
    key: 'bankAccount', label: '银行账户（开户行、账号）', where: '失业保险金申领（即将上线）',
    purpose: '发放失业保险金和补贴。上线时会在填写前单独征求你的同意。', retention: '待遇发放期间及之后按社会保险档案管理规定保存。', sensitive: true,
    fields: [], planned: true,
  },
];

/**
 * Request fields that are not personal information, each with the reason; the coverage test accepts
 * these and nothing else besides PRIVACY_ITEMS' fields.
 */
export const NOT_PERSONAL_FIELDS: Record<string, string> = {
  'auth.code': '一次性短信验证码，用后即失效',
  'employer.commitment': '是否选择承诺制（办理方式）',
  'employer.commitmentAgreed': '是否勾选书面承诺（办理方式）',
  'availability.commitmentAgreed': '是否勾选承诺（办理方式）',
  'availability.sensitiveConsentVersion': '同意的说明版本（记录你何时同意）',
  'eligibility.sensitiveConsentVersion': '同意的说明版本（自查不保存）',
  'policyApply.sensitiveConsentVersion': '同意的说明版本（记录你何时同意）',
  'gig.idempotencyKey': '防重复提交编号',
  'nearby.radiusKm': '搜索条件',
  'nearby.sort': '搜索条件',
  'nearby.category': '搜索条件',
  'nearby.settlement': '搜索条件',
  'nearby.date': '搜索条件',
  'nearby.elder': '搜索条件',
  'nearby.page': '搜索条件',
  'nearby.pageSize': '搜索条件',
  'gig.title': '招工信息（公开内容）',
  'gig.category': '招工信息（公开内容）',
  'gig.headcount': '招工信息（公开内容）',
  'gig.payAmount': '招工信息（公开内容）',
  'gig.payUnit': '招工信息（公开内容）',
  'gig.settlement': '招工信息（公开内容）',
  'gig.date': '招工信息（公开内容）',
  'gig.startTime': '招工信息（公开内容）',
  'gig.endTime': '招工信息（公开内容）',
  'gig.place': '干活地点（公开内容，由用人单位填写）',
  'gig.requirements': '招工信息（公开内容）',
  'gig.urgent': '招工信息（公开内容）',
  'gig.elderFriendly': '招工信息（公开内容）',
};


export const PRIVACY_POLICY = {
  version: '2026-12',
  operator: '家门口就业由所在城市的公共就业服务机构提供；个人信息保护问题可拨打 12333 或到社区（村）服务站、公共就业服务中心窗口反映。',
  howWeUse: [
    '只用于就业服务：登录、失业登记、找活、招人、政策查询和经办业务。',
    '不会出售你的个人信息，也不会用于与就业服务无关的用途；除依法向人力资源社会保障部门报送外，不向第三方提供。',
    '证件号码、姓名、手机号、困难情形等加密保存；列表里只显示打码后的内容；经办人员查看完整信息会记入审计日志。',
  ],
  permissions: [
    '位置：只在你点“用我的位置”或登记“今天能干活”时，经你在系统弹窗里同意后获取。拒绝后可以手动选区县。',
    '微信手机号：只在你点“微信手机号快捷登录”并同意时获取。',
    '文件分享：经办人员导出的表格文件，只在经办人员点“发送到聊天”时分享到他选的微信聊天。',
  ],
  rights: [
    '查看和更正：在“我的”里查看你的登记、报名和申请；办理中的登记要更正，请联系服务中心。',
    '撤回同意：可以在“我的 → 账号与隐私”里注销账号；撤回后我们不再处理，但不影响撤回前的处理。',
    '注销账号：在“我的 → 账号与隐私 → 注销账号”办理，注销前会告诉你哪些删除、哪些按规定保留。',
    '退出登录时，手机上保存的个人信息（登录状态、政策计算器的回答、选过的区县等）会一并清除。',
    '其他问题请拨打 12333 或到社区（村）服务站办理。',
  ],
} as const;

export const USER_AGREEMENT = {
  version: '2026-12',
  title: '用户协议',
  sections: [
    { h: '一、服务内容', p: ['“家门口就业”提供失业登记、零工信息撮合（零工市场 / 即时快招）、就业政策查询和申请等公共就业服务，免费使用。'] },
    { h: '二、账号', p: ['你可以用手机号短信验证码或微信登录。请保管好手机，不要把验证码告诉别人。', '一个手机号只能注册一个账号。你可以随时在“我的 → 账号与隐私”里注销账号。'] },
    { h: '三、如实填写', p: ['失业登记、用人主体认证、政策申请要如实填写，并按书面承诺承担责任。虚假信息会被取消登记或停止发布，并依法处理。'] },
    { h: '四、招工和找活', p: ['用人单位发布的零工信息要真实合法，不得含性别、民族、户籍、年龄等歧视性要求，工钱不得低于最低工资标准，并按约定足额支付。', '求职者报名后请按时到岗，不能去时及时取消。双方发生纠纷可以在页面上举报，经办人员会核查。', '平台只提供信息撮合，不是用工的一方；劳动报酬由用人单位直接支付给劳动者。'] },
    { h: '五、禁止行为', p: ['不得冒用他人身份、发布虚假或违法信息、骚扰他人、用技术手段批量获取信息或干扰服务。违反的，经办人员可以下架信息、暂停发布或停用账号。'] },
    { h: '六、个人信息', p: ['我们按《隐私政策》处理你的个人信息。敏感个人信息（如证件号码、困难情形）会在收集前单独征求你的同意。'] },
    { h: '七、协议变更和联系我们', p: ['协议更新时会在页面上提示。有问题请拨打 12333 或到社区（村）服务站、公共就业服务中心窗口咨询。'] },
  ],
} as const;

/** What account deletion (注销) erases and what the law makes us keep; shown before the person confirms. */
export const ACCOUNT_DELETION = {
  /** The person types this to confirm. */
  confirmWord: '注销',
  /** A deletion must come from a login this recent (minutes): a phone left unlocked is not enough. */
  recentLoginMinutes: 15,
  erased: [
    '手机号和微信绑定（注销后这个手机号可以重新注册）',
    '所有登录状态（所有设备都会退出）',
    '站内消息',
    '“今天能干活”登记和你的长期位置',
    '还没开工的零工报名（会自动取消）',
    '失业登记草稿',
    '为政策匹配保存的个人情况',
  ],
  kept: [
    '已办结的失业登记和经办记录（审核决定、审计日志）：按档案管理规定保存，与你的手机号、微信断开，详细地址删除',
    '已办结的政策申请和发放金额',
    '已完工的零工记录、结算金额和评价',
    '你提交过的举报（经办人员核查需要）',
  ],
  blockers: [
    '办理中或有效的失业登记：请先在“失业登记”里办理退出，或请服务中心经办人员办结',
    '审核中的政策申请：请等办结，或联系服务中心',
    '已录用、已到岗但还没完工的零工',
    '你发布的还在招人的零工：请先在“我要招人”里结束招工',
  ],
} as const;

/**
 * The 用户隐私保护指引 as Markdown (docs/privacy-guide.md holds its output; a test keeps them equal):
 * what to paste into the mini-program admin console's 用户隐私保护指引 form, item by item.
 */
export function renderPrivacyGuide(): string {
  const lines: string[] = [
    '# 家门口就业 · 用户隐私保护指引',
    '',
    `<!-- Generated from shared/src/data/privacy.ts (renderPrivacyGuide); edit that file, then run UPDATE_PRIVACY_GUIDE=1 npx jest --config jest.config.js shared/test/privacy.test.ts -->`,
    '',
    `版本：${PRIVACY_POLICY.version}`,
    '',
    PRIVACY_POLICY.operator,
    '',
    '## 我们收集哪些信息、用来做什么、保存多久',
    '',
    '| 信息 | 在哪里收集 | 用途 | 保存期限 | 敏感个人信息 |',
    '|---|---|---|---|---|',
    ...PRIVACY_ITEMS.map((i) => `| ${i.label}${i.planned ? '（即将上线）' : ''} | ${i.where} | ${i.purpose} | ${i.retention} | ${i.sensitive ? '是，收集前单独征求同意' : '否'} |`),
    '',
    '## 敏感个人信息的单独同意',
    '',
    `在失业登记表填写证件号码之前，我们会单独请你勾选：「${SENSITIVE_CONSENT.checkbox}」（版本 ${SENSITIVE_CONSENT.version}，同意时间记录在你的登记上）。没有这个同意，服务器不接收证件号码和困难情形。`,
    '',
    ...SENSITIVE_CONSENT.text.split('\n').map((l) => `> ${l}`),
    '',
    ...SEPARATE_CONSENTS.flatMap((c) => [
      `### ${c.title}`,
      '',
      `${c.where}，我们会单独请你勾选：「${c.checkbox}」（版本 ${c.version}）。${c.recorded}`,
      '',
      ...c.text.split('\n').map((l) => `> ${l}`),
      '',
    ]),
    `政策计算器：${POLICY_CALCULATOR_NOTE}`,
    '',
    '## 我们怎么使用',
    '',
    ...PRIVACY_POLICY.howWeUse.map((l) => `- ${l}`),
    '',
    '## 设备权限和接口',
    '',
    ...PRIVACY_POLICY.permissions.map((l) => `- ${l}`),
    '',
    '## 你的权利',
    '',
    ...PRIVACY_POLICY.rights.map((l) => `- ${l}`),
    '',
    '## 注销账号',
    '',
    '注销后删除：',
    ...ACCOUNT_DELETION.erased.map((l) => `- ${l}`),
    '',
    '按规定保留（与你的手机号、微信断开）：',
    ...ACCOUNT_DELETION.kept.map((l) => `- ${l}`),
    '',
    '以下情况需要先办结，才能注销：',
    ...ACCOUNT_DELETION.blockers.map((l) => `- ${l}`),
    '',
    '## 填写微信“用户隐私保护指引”表单时',
    '',
    '- 收集的用户信息：手机号（getPhoneNumber）、位置信息（getLocation、chooseLocation）；其余信息由用户在表单中主动填写，按上表说明用途。',
    '- 位置信息用途：“查找你附近的零工岗位和服务站，登记‘今天能干活’时给你推送附近的即时快招”。',
    '- 手机号用途：“登录和联系你”。',
    '- 文件分享（shareFileMessage）：经办人员导出的 CSV 文件，只在点“发送到聊天”时分享到所选的微信聊天。',
    '',
  ];
  return lines.join('\n');
}
