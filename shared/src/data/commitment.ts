/**
 * 劳动者书面承诺 for commitment-based (告知承诺制) unemployment registration, per 人社部发〔2018〕77号
 * 三(二): with a written commitment the service center handles registration within 7 working days
 * without further proofs. Changing the text means a new version; the version a worker accepted
 * is stored with the registration.
 */
export const REGISTRATION_COMMITMENT = {
  version: '2026-01',
  text: [
    '本人申请办理失业登记，郑重承诺：',
    '一、本人处于法定劳动年龄内，有劳动能力和就业要求，目前处于无业状态；',
    '二、本人填报的身份、常住地、失业原因、就业困难情形等信息真实、准确、完整；',
    '三、本人实现就业、入学、参军、出国（境）定居或达到法定退休年龄等情形时，将及时告知公共就业服务机构并办理退出；',
    '四、本人同意公共就业服务机构为办理登记和提供就业服务使用、核验上述信息；',
    '五、如有虚假承诺，本人愿意承担相应法律责任，并接受取消登记、追回已享受待遇等处理。',
  ].join('\n'),
} as const;

/**
 * 失业保险金申领书面承诺 (告知承诺制, as the registration's): the version accepted is stored with the claim.
 */
export const INSURANCE_COMMITMENT = {
  version: '2026-01',
  text: [
    '本人申领失业保险金，郑重承诺：',
    '一、本人填报的参保缴费记录、失业原因和银行账户真实、准确，失业前用人单位和本人已缴纳失业保险费；',
    '二、本人已办理失业登记，有求职要求，愿意接受公共就业服务机构介绍的适当工作和职业培训；',
    '三、领取期间本人重新就业、应征服兵役、移居境外、享受基本养老保险待遇的，将在当月告知经办机构；',
    '四、本人同意经办机构向社会保险、就业、民政等部门核验上述信息；',
    '五、如有虚假承诺或隐瞒应停发的情形，本人愿意退还多领的待遇并承担相应法律责任。',
  ].join('\n'),
} as const;
