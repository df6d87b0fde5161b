/**
 * 基本公共就业服务事项清单 (人社部发〔2018〕77号 附件) as the standard list each center publishes, with a
 * 办事指南 per item (77号 十四: 逐项编制通俗易懂的办事指南，公开必须到现场办理的事项目录). Time limits follow the
 * seeds (失业登记 7 个工作日 with the written commitment, employer review 3 个工作日); the rest are
 * illustrative demo texts a center edits for its own practice.
 */

/** What can be booked in a time slot (77号 十六: 完善预约服务). */
export const BOOKING_KINDS = ['guidance', 'window', 'internship_briefing'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];
export const BOOKING_KIND_LABELS: Record<BookingKind, string> = {
  guidance: '职业指导',
  window: '窗口办理',
  internship_briefing: '见习说明会',
};

export interface ServiceGuide {
  /** 办理条件 */
  conditions: string[];
  /** 所需材料 */
  materials: string[];
  /** 办理时限 */
  timeLimit: string;
  /** 办理地点 */
  where: string;
  /** 可以网上办理 */
  online: boolean;
  /** 网上怎么办 (where in the app), when online */
  onlineHow: string | null;
  /** 必须到现场办理 */
  inPerson: boolean;
  /** 收费 */
  fee: string;
  /** 依据 */
  basis: string;
}

export interface StandardService {
  key: string;
  name: string;
  /** The line of the 基本公共就业服务事项清单 it belongs to. */
  category: string;
  /** What a person books for it (null: not bookable). */
  bookingKind: BookingKind | null;
  guide: ServiceGuide;
}

const BASIS = '人社部发〔2018〕77号《关于推进全方位公共就业服务的意见》附件 基本公共就业服务事项清单';
const HALL = '本中心公共就业服务大厅综合窗口，或所在街道（乡镇）家门口就业服务站';
const FREE = '免费';

export const STANDARD_SERVICES: StandardService[] = [
  {
    key: 'unemployment_registration', name: '失业登记', category: '六、办理就业登记、失业登记等事务', bookingKind: 'window',
    guide: {
      conditions: ['劳动年龄内、有劳动能力、有就业要求、处于无业状态', '在常住地办理（持居民身份证或社会保障卡；港澳台人员持居住证或通行证）'],
      materials: ['居民身份证或社会保障卡（港澳台人员：居住证或通行证）', '劳动者书面承诺（在线勾选或窗口签字）'],
      timeLimit: '7 个工作日内办结（书面承诺制）', where: HALL, online: true, onlineHow: '小程序首页「失业登记」在线填报', inPerson: false, fee: FREE, basis: `${BASIS}；第三条`,
    },
  },
  {
    key: 'employment_registration', name: '就业登记', category: '六、办理就业登记、失业登记等事务', bookingKind: 'window',
    guide: {
      conditions: ['已与用人单位建立劳动关系，或从事个体经营、灵活就业、公益性岗位'],
      materials: ['居民身份证或社会保障卡', '劳动合同或营业执照等就业证明（灵活就业可书面承诺）'],
      timeLimit: '当场办结', where: HALL, online: true, onlineHow: '小程序「失业登记」页「我已就业」，或由用人单位在线登记', inPerson: false, fee: FREE, basis: BASIS,
    },
  },
  {
    key: 'unemployment_insurance', name: '失业保险金申领', category: '一、就业创业和劳动用工政策法规咨询、相关扶持政策受理', bookingKind: 'window',
    guide: {
      conditions: ['失业前用人单位和本人已缴纳失业保险费满一年', '非因本人意愿中断就业', '已进行失业登记，并有求职要求'],
      materials: ['居民身份证或社会保障卡', '与原单位解除或终止劳动关系的证明', '本人银行账户（社会保障卡金融账户）'],
      timeLimit: '7 个工作日内审核', where: HALL, online: true, onlineHow: '失业登记提交后，在登记页点「申领失业保险金」', inPerson: false, fee: FREE, basis: '《社会保险法》第四十五条至第五十一条',
    },
  },
  {
    key: 'career_guidance', name: '职业指导', category: '三、职业介绍、职业指导和创业开业指导', bookingKind: 'guidance',
    guide: {
      conditions: ['有就业意愿的城乡劳动者，登记失业人员和就业困难人员优先'],
      materials: ['居民身份证或社会保障卡', '个人简历（没有也可以，指导老师帮你写）'],
      timeLimit: '预约时段内当面办理，每次约 30 分钟', where: '本中心职业指导室，或所在街道（乡镇）家门口就业服务站', online: false, onlineHow: null, inPerson: true, fee: FREE, basis: `${BASIS}；第五条`,
    },
  },
  {
    key: 'job_referral', name: '职业介绍', category: '三、职业介绍、职业指导和创业开业指导', bookingKind: 'guidance',
    guide: {
      conditions: ['有就业意愿的城乡劳动者'],
      materials: ['居民身份证或社会保障卡'],
      timeLimit: '当场推荐岗位，并回访求职结果', where: HALL, online: true, onlineHow: '小程序「零工」页查看附近岗位并报名', inPerson: false, fee: FREE, basis: `${BASIS}；第五条`,
    },
  },
  {
    key: 'hardship_recognition', name: '就业困难人员认定', category: '五、对就业困难人员实施就业援助', bookingKind: 'window',
    guide: {
      conditions: ['已进行失业登记', '属于本地认定范围（如大龄（4050）、残疾、低保或低收入家庭、零就业家庭、长期失业、脱贫人口、退役军人困难等）'],
      materials: ['居民身份证或社会保障卡', '属于认定类别的证明（如残疾人证、低保证等；可由部门信息核查的不再提交）'],
      timeLimit: '受理后 7 个工作日内认定', where: HALL, online: false, onlineHow: null, inPerson: true, fee: FREE, basis: `${BASIS}；第三条、第八条`,
    },
  },
  {
    key: 'internship', name: '就业见习', category: '二、人力资源供求、市场工资指导价位、职业培训、见习岗位等信息发布', bookingKind: 'internship_briefing',
    guide: {
      conditions: ['离校 2 年内未就业的高校毕业生，或 16–24 岁失业青年'],
      materials: ['居民身份证', '毕业证书（高校毕业生）'],
      timeLimit: '说明会当场报名，见习期一般 3–12 个月', where: '本中心见习说明会会议室（预约时段参加）', online: false, onlineHow: null, inPerson: true, fee: FREE, basis: `${BASIS}；第十五条`,
    },
  },
  {
    key: 'training_subsidy', name: '职业技能培训补贴', category: '一、就业创业和劳动用工政策法规咨询、相关扶持政策受理', bookingKind: 'window',
    guide: {
      conditions: ['参加职业技能培训并取得职业资格证书、职业技能等级证书或专项职业能力证书', '属于补贴对象（如登记失业人员、就业困难人员、农村转移劳动者等）'],
      materials: ['居民身份证或社会保障卡', '培训结业证书及职业技能等级证书', '本人银行账户（社会保障卡金融账户）'],
      timeLimit: '受理后 20 个工作日内审核拨付', where: HALL, online: true, onlineHow: '小程序「政策」页找到培训补贴政策并在线申请', inPerson: false, fee: FREE, basis: `${BASIS}；第九条`,
    },
  },
  {
    key: 'policy_consulting', name: '就业创业政策咨询', category: '一、就业创业和劳动用工政策法规咨询、相关扶持政策受理', bookingKind: 'guidance',
    guide: {
      conditions: ['任何城乡劳动者和用人单位'],
      materials: ['无需材料'],
      timeLimit: '当场解答', where: `${HALL}；也可拨打 12333`, online: true, onlineHow: '小程序「政策」页查询和政策计算器', inPerson: false, fee: FREE, basis: BASIS,
    },
  },
  {
    key: 'startup_guidance', name: '创业开业指导', category: '三、职业介绍、职业指导和创业开业指导', bookingKind: 'guidance',
    guide: {
      conditions: ['有创业意愿的劳动者'],
      materials: ['居民身份证或社会保障卡', '创业项目设想（没有也可以）'],
      timeLimit: '预约时段内当面办理', where: '本中心创业指导室', online: false, onlineHow: null, inPerson: true, fee: FREE, basis: `${BASIS}；第七条`,
    },
  },
  {
    key: 'employer_recruitment', name: '用人单位招聘登记', category: '四、公共就业服务专项活动', bookingKind: null,
    guide: {
      conditions: ['各类用人单位（企业、个体工商户、家庭雇主等）'],
      materials: ['营业执照或统一社会信用代码（家庭雇主：经办人身份证）', '招聘岗位信息'],
      timeLimit: '3 个工作日内审核资质（承诺制可先发布并标注）', where: HALL, online: true, onlineHow: '小程序切换为「招工方」后认证并发布', inPerson: false, fee: FREE, basis: `${BASIS}；第四条`,
    },
  },
];

export function standardService(key: string): StandardService | undefined {
  return STANDARD_SERVICES.find((s) => s.key === key);
}
