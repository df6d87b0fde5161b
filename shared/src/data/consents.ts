// The separate consents (敏感个人信息) asked at the point of collection: small and zod-free, so the pages
// that ask them do not pull the whole privacy list (privacy.ts) into the main package.
/** Separate consent for 敏感个人信息 in the unemployment registration (身份证号、困难情形). */
export const SENSITIVE_CONSENT = {
  version: '2026-12',
  title: '同意处理敏感个人信息',
  /** Fields of the registration form that may be saved only after this consent. */
  fields: ['idNumber', 'hardships'] as const,
  text: [
    '办理失业登记需要处理你的敏感个人信息：',
    '· 证件号码（身份证号等）：核验身份、计算年龄和退休年龄、防止重复登记；',
    '· 就业困难情形（如残疾、城乡低保/低收入家庭、零就业家庭、脱贫人口）：认定就业困难人员、提供就业援助和政策匹配。',
    '这些信息加密保存，只给为你办理的服务中心经办人员查看（查看会记入审计日志），不会用于就业服务以外的用途。',
    '不同意也可以找活、查政策；失业登记可以到社区（村）服务站或服务中心窗口办理。',
  ].join('\n'),
  checkbox: '我同意为办理失业登记处理我的敏感个人信息（证件号码、就业困难情形）',
} as const;

/**
 * The other separate consents (个人信息保护法 第二十九条), one per point of collection, each shown on its
 * page before the sensitive input and sent back as `sensitiveConsentVersion`; the server refuses the
 * sensitive fields without the current version and records `{ version, at }` where it keeps them.
 */
export interface SeparateConsent {
  version: string;
  title: string;
  text: string;
  checkbox: string;
  /** Where it is asked, and what the server records (for the guide). */
  where: string;
  recorded: string;
}

/** 失业登记资格自查: the ID number is used for this one calculation and not stored. */
export const ELIGIBILITY_ID_CONSENT: SeparateConsent = {
  version: '2026-12',
  title: '同意用证件号码做资格自查',
  text: [
    '资格自查要用你的证件号码（敏感个人信息）算出出生日期、性别和法定退休年龄，判断你是否在法定劳动年龄内。',
    '证件号码只用于这一次计算：服务器不保存证件号码，也不记录自查结果。',
    '不同意的话，可以到社区（村）服务站或服务中心窗口办理自查和失业登记。',
  ].join('\n'),
  checkbox: '我同意为资格自查使用我的证件号码（只计算，不保存）',
  where: '失业登记资格自查填写证件号码之前',
  recorded: '自查不保存证件号码，所以也不记录同意；没有这个同意，服务器不接收证件号码。',
};

/** 政策申请 with 就业困难情形 answers (残疾、低收入家庭、零就业家庭等): stored, encrypted, on the application. */
export const POLICY_HARDSHIP_CONSENT: SeparateConsent = {
  version: '2026-12',
  title: '同意处理就业困难情形',
  text: [
    '你的回答里有就业困难类别（如残疾、低收入家庭、零就业家庭、脱贫人口、4050、长期失业），这是敏感个人信息。',
    '提交申请后，这些回答加密保存在这份申请上，只用于审核这项政策，只给审核的服务中心经办人员查看（查看会记入审计日志）。',
    '不同意的话，可以回到政策计算器去掉困难类别后再申请，或到服务中心窗口申请。',
  ].join('\n'),
  checkbox: '我同意为审核政策申请处理我的就业困难情形',
  where: '政策“一键申请”提交含困难类别的回答之前',
  recorded: '同意的版本和时间记录在这份申请上；没有这个同意，服务器不接收困难类别。',
};

/** One line for the policy calculator: its answers stay on the phone, so it asks no consent. */
export const POLICY_CALCULATOR_NOTE = '计算器的回答只保存在你的手机上，服务器只用来算一次、不保存；退出登录即清除。';

/** 今天能干活: a long-term home location (区县或位置) kept for 即时快招 alerts. */
export const HOME_LOCATION_CONSENT: SeparateConsent = {
  version: '2026-12',
  title: '同意保存你的常住位置',
  text: [
    '登记“今天能干活”时填的常住区县或常住位置会长期保存，用来给你推送附近的即时快招零工。常住位置能看出你住在哪里，属于敏感个人信息。',
    '只用于匹配附近的零工：你报名后，老板只看到你离干活地点大约多远，看不到你的位置；关闭登记或注销账号后删除。',
    '不同意也可以只登记意向工种、不填常住地；找活时点“用我的位置”查附近零工（一次性，不保存）。',
  ].join('\n'),
  checkbox: '我同意保存我的常住位置，用于推送附近的即时快招',
  where: '零工 → 今天能干活，填写常住地之前',
  recorded: '同意的版本和时间记录在你的“今天能干活”登记上；没有这个同意，服务器不保存常住地。',
};

export const SEPARATE_CONSENTS: SeparateConsent[] = [ELIGIBILITY_ID_CONSENT, POLICY_HARDSHIP_CONSENT, HOME_LOCATION_CONSENT];
