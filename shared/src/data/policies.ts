import type { PolicyInputRaw, RuleRequirement } from '../schemas/policy';
import { DEFAULT_INSURANCE_STANDARD, benefitTotal, calculatorTiers, monthlyBenefit } from '../rules/insurance';

/**
 * SAMPLE policies for the demo city (哈尔滨). Written in our own words from the shape of the national
 * and Heilongjiang schemes; amounts are illustrative examples, NOT official figures. A local human
 * resources and social security bureau replaces them with its own documents before going live.
 */

const CITY = '哈尔滨市（示例）';
const HOTLINE = '12333';
const SAMPLE_YEAR_START = '2025-01-01';

// Reusable requirements (each is a top-level condition with its plain-Chinese reasons).
const registered: RuleRequirement = { when: { fact: 'registeredUnemployed', operator: 'equal', value: true }, met: '已办理失业登记', missing: '需先到社区或人社服务站办理失业登记（可在本程序“失业登记”办理）' };
const involuntary: RuleRequirement = { when: { fact: 'leftJobInvoluntarily', operator: 'equal', value: true }, met: '属于非本人意愿中断就业', missing: '仅限非本人意愿中断就业（如被辞退、合同到期单位不续签）', hard: true };
const insuredOneYear: RuleRequirement = { when: { fact: 'insuredYears', operator: 'greaterThanInclusive', value: 1 }, met: '失业前缴纳失业保险满 1 年', missing: '失业前需缴纳失业保险满 1 年', hard: true };
const graduateWithin2: RuleRequirement = {
  when: { all: [{ fact: 'yearsSinceGraduation', operator: 'greaterThanInclusive', value: 0 }, { fact: 'yearsSinceGraduation', operator: 'lessThanInclusive', value: 2 }] },
  met: '属于毕业年度或离校 2 年内的高校毕业生', missing: '仅限毕业年度或离校 2 年内的高校毕业生', hard: true,
};
const difficult: RuleRequirement = { when: { fact: 'difficultyCount', operator: 'greaterThanInclusive', value: 1 }, met: '属于就业困难人员', missing: '需经人社部门认定为就业困难人员', hard: true };
const startsBusiness: RuleRequirement = { when: { fact: 'startingBusiness', operator: 'equal', value: true }, met: '正在自主创业', missing: '需自主创业并办理营业执照', };
const keyGroupForBusiness: RuleRequirement = {
  when: { any: [{ fact: 'registeredUnemployed', operator: 'equal', value: true }, { all: [{ fact: 'yearsSinceGraduation', operator: 'greaterThanInclusive', value: 0 }, { fact: 'yearsSinceGraduation', operator: 'lessThanInclusive', value: 2 }] }, { fact: 'difficultyCount', operator: 'greaterThanInclusive', value: 1 }] },
  met: '属于高校毕业生、登记失业人员或就业困难人员等重点群体', missing: '需属于离校 2 年内高校毕业生、登记失业人员或就业困难人员（办理失业登记即可）',
};
const paysUI: RuleRequirement = { when: { fact: 'paysUnemploymentInsurance', operator: 'equal', value: true }, met: '按时足额缴纳失业保险', missing: '需为职工按时足额缴纳失业保险' };
const smallFirm: RuleRequirement = { when: { fact: 'employerSize', operator: 'equal', value: '小微' }, met: '属于小微企业', missing: '仅限小微企业', hard: true };

const common = { regionScope: CITY, effectiveFrom: SAMPLE_YEAR_START, expiresOn: '2027-12-31', sample: true } as const;
const street = '户籍或常住地所在街道（乡镇）人社服务站，或区县公共就业服务中心';

export const SAMPLE_POLICIES: PolicyInputRaw[] = [
  {
    ...common, slug: 'unemployment-benefit', title: '失业保险金', category: '失业保险', audience: 'individual',
    summary: '参加失业保险、非本人意愿失业的人员，办理失业登记后按月领取失业保险金。',
    targetGroups: ['失业人员', '参保职工'],
    conditions: ['失业前所在单位和本人已缴纳失业保险满 1 年', '非因本人意愿中断就业', '已办理失业登记并有求职要求'],
    benefit: { text: `按月发放，标准为当地月最低工资的一定比例、不低于城市低保（示例按月最低工资 1,860 元的 90%，每月 ${monthlyBenefit(DEFAULT_INSURANCE_STANDARD).toLocaleString('en-US')} 元估算）；缴费 1-5 年最长领 12 个月，5-10 年最长 18 个月，10 年以上最长 24 个月。`, formula: { tiers: { fact: 'insuredYears', steps: calculatorTiers(DEFAULT_INSURANCE_STANDARD) } }, unit: '元', duration: '最长 24 个月' },
    materials: ['居民身份证或社会保障卡', '与原单位解除或终止劳动关系的证明', '失业登记（本程序办理后自动关联）'],
    howToApply: { online: true, where: `本程序一键申请，或到${street}` },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《失业保险条例》（国务院令第258号）', period: 'once',
    faq: [{ q: '自己辞职能领失业金吗？', a: '主动辞职一般不能领取。被辞退、劳动合同到期单位不续签等非本人意愿失业才可以。' }, { q: '领失业金期间还能交医保吗？', a: '领取失业保险金期间，基本医疗保险费由失业保险基金代缴，个人不用交。' }, { q: '找到工作后怎么办？', a: '重新就业后停止领取，剩余期限可以保留，下次失业时合并计算。' }],
    rule: { requirements: [registered, involuntary, insuredOneYear], examples: [
      { name: '被辞退、缴费 6 年、已登记', facts: { registeredUnemployed: true, leftJobInvoluntarily: true, insuredYears: 6 }, eligible: true, amount: benefitTotal(72, DEFAULT_INSURANCE_STANDARD) },
      { name: '主动辞职', facts: { registeredUnemployed: true, leftJobInvoluntarily: false, insuredYears: 6 }, eligible: false },
      { name: '缴费不满 1 年', facts: { registeredUnemployed: true, leftJobInvoluntarily: true, insuredYears: 0.5 }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'unemployed-medical-insurance', title: '领取失业保险金期间代缴基本医疗保险费', category: '失业保险', audience: 'individual',
    summary: '领取失业保险金期间，职工基本医疗保险费由失业保险基金代为缴纳，个人不缴费。',
    targetGroups: ['失业人员'],
    conditions: ['正在领取失业保险金'],
    benefit: { text: '领取失业保险金期间的职工医保费用全部由失业保险基金代缴，可正常看病报销。', formula: null, unit: '元', duration: '与领取失业保险金期限相同' },
    materials: ['无需另行提交，领取失业保险金时自动办理'],
    howToApply: { online: true, where: '申领失业保险金时一并办理' },
    authority: '市医疗保障局、市人力资源和社会保障局（示例）', legalBasis: '《社会保险法》第四十八条', period: 'once',
    faq: [{ q: '需要单独申请吗？', a: '不需要。申领失业保险金成功后自动代缴。' }],
    rule: { requirements: [registered, involuntary, insuredOneYear], examples: [
      { name: '符合失业金条件', facts: { registeredUnemployed: true, leftJobInvoluntarily: true, insuredYears: 2 }, eligible: true, amount: null },
      { name: '未登记失业', facts: { registeredUnemployed: false, leftJobInvoluntarily: true, insuredYears: 2 }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'startup-subsidy', title: '一次性创业补贴', category: '创业', audience: 'individual',
    summary: '重点群体首次创办小微企业或个体工商户，正常经营 6 个月以上，可申请一次性创业补贴。',
    targetGroups: ['高校毕业生', '登记失业人员', '就业困难人员', '返乡创业人员'],
    conditions: ['首次创办小微企业或从事个体经营', '取得营业执照并正常经营 6 个月以上', '属于离校 2 年内高校毕业生、登记失业人员或就业困难人员'],
    benefit: { text: '一次性补贴，示例标准 5,000 元。', formula: { fixed: 5000 }, unit: '元' },
    materials: ['居民身份证', '营业执照', '经营场所证明', '银行账户（社会保障卡金融账户）'],
    howToApply: { online: true, where: `本程序一键申请，或到${street}` },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'once',
    faq: [{ q: '开网店可以吗？', a: '在网络平台实名注册、稳定经营且信誉良好的网店，各地一般视同个体经营。具体以当地规定为准。' }],
    rule: { requirements: [startsBusiness, keyGroupForBusiness], examples: [
      { name: '登记失业后开小店', facts: { startingBusiness: true, registeredUnemployed: true }, eligible: true, amount: 5000 },
      { name: '未创业', facts: { startingBusiness: false, registeredUnemployed: true }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'startup-guaranteed-loan', title: '创业担保贷款及财政贴息', category: '创业', audience: 'individual',
    summary: '符合条件的个人创业可申请创业担保贷款，财政按规定给予贴息，免收担保费。',
    targetGroups: ['高校毕业生', '登记失业人员', '就业困难人员', '返乡创业农民工', '退役军人'],
    conditions: ['自主创业并取得营业执照', '属于重点就业群体', '本人及配偶没有其他贷款（助学贷款、扶贫贷款、住房贷款等除外）'],
    benefit: { text: '个人最高可贷 30 万元（示例），期限最长 3 年，财政按规定贴息。', formula: null, unit: '元', duration: '最长 3 年' },
    materials: ['居民身份证', '营业执照', '创业项目说明', '户口簿或居住证'],
    howToApply: { online: true, where: '本程序提交意向后，由区县创业担保贷款经办机构联系办理' },
    authority: '市人力资源和社会保障局、市财政局（示例）', legalBasis: '《关于进一步加大创业担保贷款贴息力度全力支持重点群体创业就业的通知》（财金〔2020〕21号）', period: 'once',
    faq: [{ q: '创业贷要抵押吗？', a: '由政府性融资担保机构担保，一般不需要抵押。' }, { q: '利息怎么算？', a: '贷款利率按规定确定，财政贴息后个人负担很少，具体以经办银行为准。' }],
    rule: { requirements: [startsBusiness, keyGroupForBusiness], examples: [
      { name: '毕业生创业', facts: { startingBusiness: true, graduationYear: 2025 }, asOf: '2026-06-01', eligible: true, amount: null },
      { name: '不属于重点群体', facts: { startingBusiness: true, registeredUnemployed: false, difficulty: [] }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'flexible-employment-insurance-subsidy', title: '灵活就业人员社会保险补贴', category: '就业援助', audience: 'individual',
    summary: '就业困难人员和离校 2 年内未就业高校毕业生灵活就业后缴纳社会保险费，可申请社会保险补贴。',
    targetGroups: ['就业困难人员', '高校毕业生', '灵活就业人员', '4050人员'],
    conditions: ['以灵活就业方式就业', '以个人身份缴纳基本养老、基本医疗保险费', '属于就业困难人员或离校 2 年内未就业高校毕业生'],
    benefit: { text: '按实际缴费的 2/3 左右给予补贴（示例按每年 7,200 元估算）；就业困难人员最长 3 年，距退休不足 5 年的可延长至退休，高校毕业生最长 2 年。', formula: { fixed: 7200 }, unit: '元/年', duration: '最长 3 年' },
    materials: ['居民身份证', '《就业创业证》', '灵活就业登记', '社会保险缴费凭证'],
    howToApply: { online: true, where: `本程序一键申请，或到${street}` },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'year',
    faq: [{ q: '打零工算灵活就业吗？', a: '算。到社区办理灵活就业登记，并以个人身份缴纳社保，就可以申请。' }],
    rule: { requirements: [{ when: { fact: 'flexibleEmployedWithInsurance', operator: 'equal', value: true }, met: '灵活就业并以个人身份缴纳社保', missing: '需以灵活就业身份缴纳养老和医疗保险' }, { when: { any: [{ fact: 'difficultyCount', operator: 'greaterThanInclusive', value: 1 }, { all: [{ fact: 'yearsSinceGraduation', operator: 'greaterThanInclusive', value: 0 }, { fact: 'yearsSinceGraduation', operator: 'lessThanInclusive', value: 2 }] }] }, met: '属于就业困难人员或离校 2 年内高校毕业生', missing: '仅限就业困难人员或离校 2 年内高校毕业生', hard: true }], examples: [
      { name: '4050 人员灵活就业缴社保', facts: { flexibleEmployedWithInsurance: true, difficulty: ['4050'] }, eligible: true, amount: 7200 },
      { name: '一般人员灵活就业', facts: { flexibleEmployedWithInsurance: true, difficulty: [] }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'job-search-subsidy', title: '求职创业补贴', category: '就业', audience: 'individual',
    summary: '毕业年度内有就业创业意愿的困难家庭高校毕业生，可领取一次性求职创业补贴。',
    targetGroups: ['高校毕业生', '低收入家庭', '残疾人', '脱贫人口'],
    conditions: ['毕业年度内的高校（含技工院校）毕业生', '来自低保或低收入家庭、零就业家庭、脱贫家庭，或本人残疾', '有就业创业意愿并积极求职'],
    benefit: { text: '一次性补贴，示例标准 1,000 元。', formula: { fixed: 1000 }, unit: '元' },
    materials: ['居民身份证', '学籍证明', '家庭困难或残疾证明'],
    howToApply: { online: true, where: '本程序一键申请，或通过所在学校就业指导部门申报' },
    authority: '省人力资源和社会保障厅、省教育厅（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'once',
    faq: [{ q: '什么时候申请？', a: '一般在毕业前一学年的秋季学期由学校集中申报，毕业年度内也可个人申请。' }],
    rule: { requirements: [{ when: { fact: 'yearsSinceGraduation', operator: 'equal', value: 0 }, met: '属于毕业年度高校毕业生', missing: '仅限毕业年度内的高校毕业生', hard: true }, { when: { any: [{ fact: 'difficulty', operator: 'contains', value: '低收入家庭' }, { fact: 'difficulty', operator: 'contains', value: '零就业家庭' }, { fact: 'difficulty', operator: 'contains', value: '脱贫人口' }, { fact: 'difficulty', operator: 'contains', value: '残疾' }] }, met: '属于困难家庭或残疾毕业生', missing: '仅限低收入、零就业、脱贫家庭或残疾的毕业生', hard: true }], examples: [
      { name: '低收入家庭应届毕业生', facts: { graduationYear: 2026, difficulty: ['低收入家庭'] }, asOf: '2026-06-01', eligible: true, amount: 1000 },
      { name: '非困难家庭应届毕业生', facts: { graduationYear: 2026, difficulty: [] }, asOf: '2026-06-01', eligible: false },
    ] },
  },
  {
    ...common, slug: 'vocational-training-subsidy', title: '职业培训补贴', category: '培训', audience: 'individual',
    summary: '登记失业人员、就业困难人员、高校毕业生等参加职业技能培训并取得证书，可享受培训补贴。',
    targetGroups: ['登记失业人员', '就业困难人员', '高校毕业生', '农村转移劳动力'],
    conditions: ['年龄 16 至 60 周岁', '属于登记失业人员、就业困难人员或离校 2 年内高校毕业生', '参加定点机构培训并取得职业资格证书或职业技能等级证书'],
    benefit: { text: '按取得证书等级给予补贴，示例最高 2,000 元；培训期间可按规定领取生活费补贴。', formula: { fixed: 2000 }, unit: '元' },
    materials: ['居民身份证', '《就业创业证》', '培训结业及证书'],
    howToApply: { online: true, where: '本程序报名，或到定点培训机构报名' },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'year',
    faq: [{ q: '有哪些培训？', a: '常见有育婴员、养老护理员、电工、焊工、中式烹调师、电商等，报名时可选择。' }],
    rule: { requirements: [{ when: { fact: 'wantsTraining', operator: 'equal', value: true }, met: '有培训意愿', missing: '需报名参加职业技能培训' }, { when: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 16 }, { fact: 'age', operator: 'lessThanInclusive', value: 60 }] }, met: '年龄在 16-60 周岁之间', missing: '仅限 16-60 周岁', hard: true }, keyGroupForBusiness], examples: [
      { name: '失业人员想学技能', facts: { wantsTraining: true, age: 45, registeredUnemployed: true }, eligible: true, amount: 2000 },
      { name: '超过 60 岁', facts: { wantsTraining: true, age: 62, registeredUnemployed: true }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'startup-training', title: '创业培训补贴（免费创业培训）', category: '培训', audience: 'individual',
    summary: '有创业意愿的人员可免费参加创业培训（如 SYB），培训费由就业补助资金支付。',
    targetGroups: ['创业人员', '高校毕业生', '登记失业人员'],
    conditions: ['有创业意愿或已创业', '参加定点机构组织的创业培训'],
    benefit: { text: '免费参加创业培训，培训合格后还可获得创业指导和贷款推荐。', formula: null, unit: '元' },
    materials: ['居民身份证'],
    howToApply: { online: true, where: '本程序报名，或到区县公共就业服务中心创业指导窗口' },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'once',
    faq: [{ q: '培训多长时间？', a: '一般 10 天左右，可选择线下或线上课程。' }],
    rule: { requirements: [startsBusiness, { when: { fact: 'wantsTraining', operator: 'equal', value: true }, met: '愿意参加培训', missing: '需报名参加创业培训' }], examples: [
      { name: '想创业想培训', facts: { startingBusiness: true, wantsTraining: true }, eligible: true, amount: null },
      { name: '不创业', facts: { startingBusiness: false, wantsTraining: true }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'internship-youth', title: '就业见习（见习人员生活补助）', category: '就业', audience: 'individual',
    summary: '离校 2 年内未就业高校毕业生和 16-24 岁失业青年可参加 3-12 个月就业见习，见习期间领取基本生活费。',
    targetGroups: ['高校毕业生', '失业青年'],
    conditions: ['离校 2 年内未就业高校毕业生，或 16-24 岁登记失业青年', '到就业见习基地参加见习'],
    benefit: { text: '见习期 3-12 个月，由见习单位发放基本生活费，并办理人身意外伤害保险（示例按每月 1,500 元、6 个月估算）。', formula: { fixed: 9000 }, unit: '元', duration: '3-12 个月' },
    materials: ['居民身份证', '毕业证书或失业登记'],
    howToApply: { online: true, where: '本程序报名见习岗位，或到区县公共就业服务中心' },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'once',
    faq: [{ q: '见习算工作经历吗？', a: '算。见习期满可由见习单位出具见习证明，见习单位可优先留用。' }],
    rule: { requirements: [{ when: { any: [{ all: [{ fact: 'yearsSinceGraduation', operator: 'greaterThanInclusive', value: 0 }, { fact: 'yearsSinceGraduation', operator: 'lessThanInclusive', value: 2 }] }, { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 16 }, { fact: 'age', operator: 'lessThanInclusive', value: 24 }, { fact: 'registeredUnemployed', operator: 'equal', value: true }] }] }, met: '属于离校 2 年内高校毕业生或 16-24 岁登记失业青年', missing: '仅限离校 2 年内高校毕业生或 16-24 岁登记失业青年', hard: true }], examples: [
      { name: '20 岁登记失业青年', facts: { age: 20, registeredUnemployed: true }, eligible: true, amount: 9000 },
      { name: '30 岁非毕业生', facts: { age: 30, registeredUnemployed: true }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'public-welfare-post', title: '公益性岗位安置', category: '就业援助', audience: 'individual',
    summary: '通过市场渠道难以就业的大龄、残疾、零就业家庭和长期失业人员，可优先安排到公益性岗位。',
    targetGroups: ['就业困难人员', '4050人员', '零就业家庭', '残疾人', '长期失业人员'],
    conditions: ['已办理失业登记', '属于大龄（4050）、残疾、零就业家庭或长期失业（连续 12 个月以上）人员'],
    benefit: { text: '安排保洁、保绿、治安巡防、社区服务等公益性岗位，工资不低于当地最低工资标准，并给予岗位补贴和社会保险补贴，期限一般不超过 3 年（示例按每年 24,000 元工资估算）。', formula: { fixed: 24000 }, unit: '元/年', duration: '一般不超过 3 年' },
    materials: ['居民身份证', '《就业创业证》', '就业困难人员认定结果'],
    howToApply: { online: true, where: `本程序一键申请，或到${street}` },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业促进法》第五十二条', period: 'once',
    faq: [{ q: '公益性岗位有哪些？', a: '如社区保洁、绿化养护、治安巡逻、养老助残服务等，离家近、时间相对固定。' }],
    rule: { requirements: [registered, { when: { any: [{ fact: 'difficulty', operator: 'contains', value: '4050' }, { fact: 'difficulty', operator: 'contains', value: '残疾' }, { fact: 'difficulty', operator: 'contains', value: '零就业家庭' }, { fact: 'difficulty', operator: 'contains', value: '长期失业' }, { fact: 'unemployedMonths', operator: 'greaterThanInclusive', value: 12 }] }, met: '属于大龄、残疾、零就业家庭或长期失业人员', missing: '仅限大龄、残疾、零就业家庭或长期失业人员', hard: true }], examples: [
      { name: '4050 已登记', facts: { registeredUnemployed: true, difficulty: ['4050'] }, eligible: true, amount: 24000 },
      { name: '失业 14 个月', facts: { registeredUnemployed: true, unemployedMonths: 14, difficulty: [] }, eligible: true, amount: 24000 },
      { name: '普通失业 2 个月', facts: { registeredUnemployed: true, unemployedMonths: 2, difficulty: [] }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'employment-assistance', title: '就业困难人员“一对一”就业援助', category: '就业援助', audience: 'individual',
    summary: '就业困难人员由专人提供职业指导、岗位推荐、技能培训等一对一帮扶，优先推荐岗位。',
    targetGroups: ['就业困难人员', '零就业家庭', '残疾人', '低收入家庭', '4050人员', '长期失业人员', '脱贫人口'],
    conditions: ['已办理失业登记', '经认定为就业困难人员'],
    benefit: { text: '免费一对一职业指导，至少推荐 3 个合适岗位，优先参加培训和见习。', formula: null, unit: '元' },
    materials: ['居民身份证', '就业困难人员认定材料（低保证明、残疾证等）'],
    howToApply: { online: true, where: `本程序一键申请，或到${street}` },
    authority: '市公共就业服务中心（示例）', legalBasis: '《就业促进法》第五十二条', period: 'year',
    faq: [{ q: '怎么认定就业困难人员？', a: '到社区或街道服务站提出申请，带上身份证和相关证明，经审核后认定。' }],
    rule: { requirements: [registered, difficult], examples: [
      { name: '残疾人已登记', facts: { registeredUnemployed: true, difficulty: ['残疾'] }, eligible: true, amount: null },
      { name: '非困难人员', facts: { registeredUnemployed: true, difficulty: [] }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'zero-employment-family', title: '零就业家庭动态清零援助', category: '就业援助', audience: 'individual',
    summary: '家庭成员都处于失业状态的零就业家庭，确认后 30 日内至少帮助一人实现就业。',
    targetGroups: ['零就业家庭'],
    conditions: ['城镇家庭中法定劳动年龄内有劳动能力的成员均处于失业状态'],
    benefit: { text: '专人上门帮扶，优先推荐岗位和公益性岗位，30 日内至少帮助一人就业。', formula: null, unit: '元' },
    materials: ['居民身份证', '户口簿'],
    howToApply: { online: true, where: '本程序一键申请，或到社区服务站' },
    authority: '市公共就业服务中心（示例）', legalBasis: '《就业促进法》第五十二条', period: 'year',
    faq: [{ q: '怎么算零就业家庭？', a: '家里劳动年龄内、有劳动能力的人都没有工作，并且都办理了失业登记。' }],
    rule: { requirements: [{ when: { fact: 'difficulty', operator: 'contains', value: '零就业家庭' }, met: '属于零就业家庭', missing: '仅限零就业家庭', hard: true }], examples: [
      { name: '零就业家庭', facts: { difficulty: ['零就业家庭'] }, eligible: true, amount: null },
      { name: '其他', facts: { difficulty: ['残疾'] }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'free-employment-services', title: '免费职业介绍和职业指导', category: '就业', audience: 'individual',
    summary: '公共就业服务机构免费提供政策咨询、职业介绍、职业指导和创业开业指导。',
    targetGroups: ['登记失业人员', '高校毕业生', '求职人员'],
    conditions: ['有就业意愿的劳动者'],
    benefit: { text: '免费推荐岗位、职业指导、参加招聘会，不收任何费用。', formula: null, unit: '元' },
    materials: ['居民身份证'],
    howToApply: { online: true, where: '本程序“零工”页面，或到任一公共就业服务机构' },
    authority: '市公共就业服务中心（示例）', legalBasis: '《关于进一步加强公共就业服务的意见》附件《基本公共就业服务事项清单》', period: 'year',
    faq: [{ q: '要收费吗？', a: '公共就业服务机构提供的职业介绍和指导全部免费。' }],
    rule: { requirements: [{ when: { any: [{ fact: 'registeredUnemployed', operator: 'equal', value: true }, { all: [{ fact: 'yearsSinceGraduation', operator: 'greaterThanInclusive', value: 0 }, { fact: 'yearsSinceGraduation', operator: 'lessThanInclusive', value: 2 }] }] }, met: '正在求职（已登记失业或为高校毕业生）', missing: '办理失业登记或求职登记后即可享受' }], examples: [
      { name: '已登记', facts: { registeredUnemployed: true }, eligible: true, amount: null },
      { name: '在职未登记', facts: { registeredUnemployed: false }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'disabled-startup-support', title: '残疾人自主创业扶持', category: '创业', audience: 'individual',
    summary: '残疾人自主创业、从事个体经营，可申请一次性扶持资金并享受税费减免。',
    targetGroups: ['残疾人', '创业人员'],
    conditions: ['持有第二代残疾人证', '自主创业或从事个体经营'],
    benefit: { text: '一次性扶持资金，示例标准 5,000 元；按规定减免相关税费。', formula: { fixed: 5000 }, unit: '元' },
    materials: ['居民身份证', '残疾人证', '营业执照'],
    howToApply: { online: false, where: '户籍所在区县残疾人联合会' },
    authority: '市残疾人联合会（示例）', legalBasis: '《残疾人就业条例》', period: 'once',
    faq: [{ q: '在哪里申请？', a: '到户籍所在区县残联办理，本程序可以先查看材料。' }],
    rule: { requirements: [{ when: { fact: 'difficulty', operator: 'contains', value: '残疾' }, met: '持有残疾人证', missing: '仅限持证残疾人', hard: true }, startsBusiness], examples: [
      { name: '残疾人开小店', facts: { difficulty: ['残疾'], startingBusiness: true }, eligible: true, amount: 5000 },
      { name: '残疾人未创业', facts: { difficulty: ['残疾'], startingBusiness: false }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'graduate-real-name-service', title: '离校未就业高校毕业生实名服务', category: '就业', audience: 'individual',
    summary: '离校未就业高校毕业生可享受 1 次政策宣介、1 次职业指导、3 次岗位推荐、1 次技能培训或见习机会。',
    targetGroups: ['高校毕业生'],
    conditions: ['离校 2 年内未就业的高校毕业生'],
    benefit: { text: '“1131”实名服务：政策宣介、职业指导、岗位推荐、培训或见习，全部免费。', formula: null, unit: '元' },
    materials: ['居民身份证', '毕业证书'],
    howToApply: { online: true, where: '本程序一键申请，或到户籍或常住地公共就业服务中心' },
    authority: '市公共就业服务中心（示例）', legalBasis: '人力资源社会保障部关于离校未就业高校毕业生服务的通知（示例）', period: 'once',
    faq: [{ q: '档案怎么办？', a: '可将档案转到户籍或常住地公共就业人才服务机构免费保管。' }],
    rule: { requirements: [graduateWithin2], examples: [
      { name: '去年毕业', facts: { graduationYear: 2025 }, asOf: '2026-06-01', eligible: true, amount: null },
      { name: '五年前毕业', facts: { graduationYear: 2020 }, asOf: '2026-06-01', eligible: false },
    ] },
  },
  {
    ...common, slug: 'poverty-migrant-transport', title: '脱贫人口外出务工一次性交通补助', category: '就业援助', audience: 'individual',
    summary: '脱贫人口（含防止返贫监测对象）跨区域务工，可申请一次性交通补助。',
    targetGroups: ['脱贫人口', '农村劳动力'],
    conditions: ['属于脱贫人口或防止返贫监测对象', '跨县以上外出务工并稳定就业 3 个月以上'],
    benefit: { text: '一次性交通补助，示例标准 500 元。', formula: { fixed: 500 }, unit: '元' },
    materials: ['居民身份证', '务工单位出具的工作证明或劳动合同'],
    howToApply: { online: true, where: '本程序一键申请，或到户籍所在乡镇（街道）服务站' },
    authority: '市人力资源和社会保障局、市乡村振兴局（示例）', legalBasis: '衔接推进乡村振兴补助资金相关规定（示例）', period: 'year',
    faq: [{ q: '在本县打工可以吗？', a: '一般要求跨县外出务工，具体以当地规定为准。' }],
    rule: { requirements: [{ when: { fact: 'difficulty', operator: 'contains', value: '脱贫人口' }, met: '属于脱贫人口', missing: '仅限脱贫人口', hard: true }], examples: [
      { name: '脱贫人口', facts: { difficulty: ['脱贫人口'] }, eligible: true, amount: 500 },
      { name: '非脱贫人口', facts: { difficulty: [] }, eligible: false },
    ] },
  },
  // ---------- employers ----------
  {
    ...common, slug: 'one-time-hiring-subsidy', title: '一次性吸纳就业补贴', category: '企业用工', audience: 'employer',
    summary: '企业招用离校 2 年内高校毕业生或 16-24 岁登记失业青年，签订劳动合同并缴纳失业保险，按人数给予一次性补贴。',
    targetGroups: ['企业', '用人单位', '高校毕业生', '失业青年'],
    conditions: ['新招用离校 2 年内高校毕业生或 16-24 岁登记失业青年', '签订 1 年以上劳动合同', '按月足额缴纳失业保险满 3 个月'],
    benefit: { text: '按每招用 1 人 1,500 元（示例）给予一次性补贴。', formula: { perUnit: { fact: 'newGraduateHires', amount: 1500, max: 200 } }, unit: '元' },
    materials: ['营业执照', '劳动合同', '社会保险缴费明细', '单位银行账户'],
    howToApply: { online: true, where: '本程序一键申请，或到区县公共就业服务中心' },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'year',
    faq: [{ q: '个体工商户能申请吗？', a: '参照企业执行，具体以当地规定为准。' }],
    rule: { requirements: [paysUI, { when: { fact: 'newGraduateHires', operator: 'greaterThanInclusive', value: 1 }, met: '新招用了高校毕业生或失业青年', missing: '需新招用离校 2 年内高校毕业生或 16-24 岁失业青年' }], examples: [
      { name: '招 3 名毕业生', facts: { paysUnemploymentInsurance: true, newGraduateHires: 3 }, eligible: true, amount: 4500 },
      { name: '没招人', facts: { paysUnemploymentInsurance: true, newGraduateHires: 0 }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'employer-insurance-subsidy-difficult', title: '企业吸纳就业困难人员社会保险补贴', category: '企业用工', audience: 'employer',
    summary: '企业招用就业困难人员并缴纳社会保险，按实际缴纳的单位部分给予社会保险补贴。',
    targetGroups: ['企业', '用人单位', '就业困难人员'],
    conditions: ['招用经认定的就业困难人员', '签订劳动合同并缴纳社会保险'],
    benefit: { text: '补贴单位为其缴纳的养老、医疗、失业保险费（示例按每人每年 9,000 元估算），最长 3 年。', formula: { perUnit: { fact: 'hiresDifficultCount', amount: 9000, max: 200 } }, unit: '元/年', duration: '最长 3 年' },
    materials: ['营业执照', '劳动合同', '就业困难人员《就业创业证》', '社会保险缴费明细'],
    howToApply: { online: true, where: '本程序一键申请，或到区县公共就业服务中心' },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'year',
    faq: [{ q: '个人缴纳的部分补吗？', a: '只补贴单位缴纳部分，个人应缴部分仍由个人缴纳。' }],
    rule: { requirements: [paysUI, { when: { fact: 'hiresDifficultCount', operator: 'greaterThanInclusive', value: 1 }, met: '招用了就业困难人员', missing: '需招用经认定的就业困难人员' }], examples: [
      { name: '招 1 名困难人员', facts: { paysUnemploymentInsurance: true, hiresDifficultCount: 1 }, eligible: true, amount: 9000 },
      { name: '未缴失业保险', facts: { paysUnemploymentInsurance: false, hiresDifficultCount: 1 }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'small-firm-graduate-insurance', title: '小微企业吸纳高校毕业生社会保险补贴', category: '企业用工', audience: 'employer',
    summary: '小微企业招用毕业年度或离校 2 年内未就业高校毕业生，签订 1 年以上劳动合同并缴纳社会保险，给予社会保险补贴。',
    targetGroups: ['小微企业', '高校毕业生'],
    conditions: ['属于小微企业', '招用离校 2 年内未就业高校毕业生', '签订 1 年以上劳动合同并缴纳社会保险'],
    benefit: { text: '按单位实际缴纳的社会保险费给予补贴（示例按每人每年 8,000 元估算），最长 1 年。', formula: { perUnit: { fact: 'newGraduateHires', amount: 8000, max: 200 } }, unit: '元', duration: '最长 1 年' },
    materials: ['营业执照', '劳动合同', '毕业证书复印件', '社会保险缴费明细'],
    howToApply: { online: true, where: '本程序一键申请，或到区县公共就业服务中心' },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'year',
    faq: [{ q: '怎么判断小微企业？', a: '按国家统计上大中小微型企业划分标准确定。' }],
    rule: { requirements: [smallFirm, paysUI, { when: { fact: 'newGraduateHires', operator: 'greaterThanInclusive', value: 1 }, met: '招用了高校毕业生', missing: '需招用离校 2 年内高校毕业生' }], examples: [
      { name: '小微企业招 2 名', facts: { employerSize: '小微', paysUnemploymentInsurance: true, newGraduateHires: 2 }, eligible: true, amount: 16000 },
      { name: '大型企业', facts: { employerSize: '大型', paysUnemploymentInsurance: true, newGraduateHires: 2 }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'job-retention-refund', title: '失业保险稳岗返还', category: '失业保险', audience: 'employer',
    summary: '参保企业不裁员或少裁员，返还上年度实际缴纳的部分失业保险费，多数企业“免申即享”。',
    targetGroups: ['企业', '用人单位', '参保单位'],
    conditions: ['依法参加失业保险并足额缴费', '上年度未裁员或裁员率不高于规定标准'],
    benefit: { text: '中小微企业返还上年度实际缴纳失业保险费的 60%，大型企业返还 30%（示例比例），金额按实际缴费核定。', formula: null, unit: '元' },
    materials: ['一般无需申请，系统比对后直接返还到单位账户'],
    howToApply: { online: true, where: '免申即享；未收到的可在本程序提交核查申请' },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《失业保险条例》及稳岗返还年度通知（示例）', period: 'year',
    faq: [{ q: '需要提交材料吗？', a: '大多数企业不用申请，符合条件的直接返还。' }],
    rule: { requirements: [paysUI, { when: { fact: 'layoffRateOk', operator: 'equal', value: true }, met: '上年度未裁员或裁员率达标', missing: '上年度裁员率需不高于规定标准', hard: true }], examples: [
      { name: '参保不裁员', facts: { paysUnemploymentInsurance: true, layoffRateOk: true }, eligible: true, amount: null },
      { name: '裁员率过高', facts: { paysUnemploymentInsurance: true, layoffRateOk: false }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'internship-base-subsidy', title: '就业见习补贴（见习单位）', category: '企业用工', audience: 'employer',
    summary: '见习基地组织离校 2 年内未就业高校毕业生和 16-24 岁失业青年参加见习，给予见习补贴；见习期未满留用的继续补贴。',
    targetGroups: ['企业', '见习基地', '用人单位'],
    conditions: ['经认定的就业见习基地', '组织符合条件的青年参加 3-12 个月见习'],
    benefit: { text: '按当地最低工资标准的一定比例给予见习补贴（示例每人每月 1,200 元），用于见习人员基本生活费和保险。', formula: null, unit: '元' },
    materials: ['见习协议', '见习人员花名册', '生活费发放凭证'],
    howToApply: { online: true, where: '本程序一键申请，或到区县公共就业服务中心' },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'year',
    faq: [{ q: '怎么成为见习基地？', a: '向区县人社部门申报，审核认定后挂牌。' }],
    rule: { requirements: [{ when: { fact: 'hostsInterns', operator: 'equal', value: true }, met: '组织就业见习', missing: '需申报成为就业见习基地并组织见习' }], examples: [
      { name: '见习基地', facts: { hostsInterns: true }, eligible: true, amount: null },
      { name: '不组织见习', facts: { hostsInterns: false }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'enterprise-training-subsidy', title: '企业职工职业技能培训补贴', category: '培训', audience: 'employer',
    summary: '企业组织职工参加岗前培训、在岗技能提升培训并取得证书，按规定给予职业培训补贴。',
    targetGroups: ['企业', '用人单位', '在职职工'],
    conditions: ['依法参加失业保险', '组织职工参加职业技能培训并取得证书'],
    benefit: { text: '按培训合格取证人数和证书等级给予补贴，示例每人 1,000-3,000 元。', formula: null, unit: '元' },
    materials: ['培训计划', '培训人员花名册', '证书复印件', '培训费用凭证'],
    howToApply: { online: true, where: '本程序一键申请，或到区县公共就业服务中心' },
    authority: '市人力资源和社会保障局（示例）', legalBasis: '《就业补助资金管理办法》（财社〔2017〕164号）', period: 'year',
    faq: [{ q: '自己培训也能补吗？', a: '企业自主培训需按规定备案，合格取证后可申请。' }],
    rule: { requirements: [paysUI, { when: { fact: 'organizesTraining', operator: 'equal', value: true }, met: '组织职工技能培训', missing: '需组织职工参加职业技能培训' }], examples: [
      { name: '组织培训', facts: { paysUnemploymentInsurance: true, organizesTraining: true }, eligible: true, amount: null },
      { name: '不培训', facts: { paysUnemploymentInsurance: true, organizesTraining: false }, eligible: false },
    ] },
  },
  {
    ...common, slug: 'small-firm-guaranteed-loan', title: '小微企业创业担保贷款', category: '创业', audience: 'employer',
    summary: '小微企业当年新招用重点群体达到一定比例，可申请创业担保贷款并享受贴息。',
    targetGroups: ['小微企业', '高校毕业生', '就业困难人员'],
    conditions: ['属于小微企业', '当年新招用高校毕业生、就业困难人员等达到规定比例', '签订 1 年以上劳动合同并缴纳社会保险'],
    benefit: { text: '贷款额度最高 300 万元（示例），财政按规定贴息。', formula: null, unit: '元', duration: '最长 2 年' },
    materials: ['营业执照', '劳动合同', '社会保险缴费明细', '财务报表'],
    howToApply: { online: true, where: '本程序提交意向后，由创业担保贷款经办机构联系' },
    authority: '市人力资源和社会保障局、市财政局（示例）', legalBasis: '《关于进一步加大创业担保贷款贴息力度全力支持重点群体创业就业的通知》（财金〔2020〕21号）', period: 'year',
    faq: [{ q: '比例是多少？', a: '一般为新招用人数达到现有在职职工的 15%（超过 100 人的企业为 8%），以当地规定为准。' }],
    rule: { requirements: [smallFirm, { when: { any: [{ fact: 'hiresDifficultCount', operator: 'greaterThanInclusive', value: 1 }, { fact: 'newGraduateHires', operator: 'greaterThanInclusive', value: 1 }] }, met: '新招用了重点群体', missing: '需新招用高校毕业生或就业困难人员达到规定比例' }], examples: [
      { name: '小微企业招困难人员', facts: { employerSize: '小微', hiresDifficultCount: 2 }, eligible: true, amount: null },
      { name: '中型企业', facts: { employerSize: '中型', hiresDifficultCount: 2 }, eligible: false },
    ] },
  },
];

export const POLICY_HOTLINE = HOTLINE;
