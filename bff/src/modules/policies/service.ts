import { scopeFilter, type StaffActor as ScopedStaff } from '../staff/actor';
import { performance } from 'node:perf_hooks';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { Types } from 'mongoose';
import {
  DEFAULT_INSURANCE_STANDARD, POLICY_HARDSHIP_CONSENT, calculatorTiers, centerForDistrict, chinaYear, deriveFacts, estimateAmount, formatYuan, maskName, personFactsSchema, policyInputSchema, questionsFor, visibleAnswers,
  type InsuranceStandard, type PersonFacts, type PolicyAudience, type PolicyCard, type PolicyInput, type PolicyApplicationView, type PolicyCalculateResult, type PolicySearchResult, type PolicyView, type Role,
} from '@doorstep/shared';
import { badRequest, conflict, notFound } from '../../http/errors';
import { authModels } from '../auth/model';
import { separateConsent, type RecordedConsent } from '../privacy/consent';
import type { Notifier } from '../notifications/service';
import { policyModels, type PolicyApplicationDoc, type PolicyDoc, type PolicyModels } from './model';
import { PolicyEvaluator, evaluateOne, toMatches, validateRule, type EvaluablePolicy } from './rules';
import { PolicySearchIndex, type IndexedPolicy } from './search';
import { isDuplicateKey } from '../../db/errors';
import { Consistency } from '../../db/consistency';
import type { HandledCase } from '../ratings/case';
import type { Pii } from '../../security/pii';
import type { AuditService } from '../audit/service';

const META_ID = 'catalog';

export function cardOf(id: string, c: PolicyInput): PolicyCard {
  return { id, slug: c.slug, title: c.title, category: c.category, audience: c.audience, summary: c.summary, targetGroups: c.targetGroups, benefitText: c.benefit.text };
}

function evaluable(id: string, c: PolicyInput): EvaluablePolicy {
  return { id, audience: c.audience, rule: c.rule, formula: c.benefit.formula, unit: c.benefit.unit, card: cardOf(id, c), materials: c.materials, online: c.howToApply.online };
}

function indexed(id: string, c: PolicyInput): IndexedPolicy {
  return { id, title: c.title, category: c.category, audience: c.audience, summary: c.summary, targetGroups: c.targetGroups, conditions: c.conditions, benefitText: c.benefit.text, faq: c.faq.map((f) => `${f.q}${f.a}`) };
}

function viewOf(p: PolicyDoc, content: PolicyInput): PolicyView {
  return { ...content, id: p._id.toString(), status: p.status, version: p.version, hasDraft: p.liveVersion !== p.version, updatedAt: p.updatedAt.toISOString() };
}

/** The staff member acting (resolved per request by the router); optional, so older callers keep working. */
export interface StaffActor { id: string; name?: string | null; center?: string | null; scope?: string }

/** Facts of an application with provenance. */
export interface ApplicationFacts { facts: PersonFacts; recorded: PersonFacts; declared: PersonFacts; sources: Record<string, 'recorded' | 'declared'> }

/** Recorded facts as they are; declared answers only for what the record does not say. */
export function combineFacts(recorded: PersonFacts, answers: PersonFacts): ApplicationFacts {
  const declared: PersonFacts = {};
  for (const [k, v] of Object.entries(answers) as [keyof PersonFacts, unknown][]) {
    if (v === undefined || recorded[k] !== undefined) continue;
    (declared as Record<string, unknown>)[k] = v;
  }
  const sources: Record<string, 'recorded' | 'declared'> = {};
  for (const k of Object.keys(declared)) sources[k] = 'declared';
  for (const [k, v] of Object.entries(recorded)) if (v !== undefined) sources[k] = 'recorded';
  return { facts: { ...declared, ...recorded }, recorded, declared, sources };
}

const isDup = isDuplicateKey;

/** Which questionnaire a person acting in a role gets. */
export const audienceOfRole = (role: Role): PolicyAudience => (role === 'employer' ? 'employer' : 'individual');

export interface PolicyServiceDeps {
  conn: Connection; notifier: Notifier; logger: Logger; now?: () => number;
  /** Seals applicant names and facts (困难情形) at rest; without it (a read-only second instance in tests) none are stored. */
  pii?: Pii;
  /** Catalog changes (create, edit, publish, unpublish) and staff opening an application are written here. */
  audit?: AuditService;
  /** Look at the catalog revision at most this often (ms); 0 (default) looks on every call. Changes made through this instance apply at once. */
  revisionCheckMs?: number;
  /** The applicant's district (the routing rule: their registration, gig home, or employer address), stored on the application for staff lists. */
  districtOfUser?: (userId: string) => Promise<string | null>;
  /** The city's current 失业保险金 standard (settings): the calculator's 失业保险金 estimate uses it instead of the default. */
  insuranceStandard?: () => Promise<InsuranceStandard>;
}

/** The sample 失业保险金 policy, whose tiers the calculator recomputes at the live city standard. */
const INSURANCE_POLICY_SLUG = 'unemployment-benefit';

/** Answers kept for repeated identical searches (valid for the catalog revision they were computed at). */
const SEARCH_CACHE_SIZE = 500;

/**
 * Policy library, search, calculator, "policies find people" and applications. The search index and
 * the compiled rules are in memory; every instance checks the catalog revision in policy_meta before
 * using them and rebuilds from the published policies when another instance changed the catalog.
 */
export class PolicyService {
  readonly models: PolicyModels;
  private readonly now: () => number;
  private readonly c: Consistency;
  private readonly index = new PolicySearchIndex();
  private readonly evaluator = new PolicyEvaluator();
  private live = new Map<string, { doc: PolicyDoc; content: PolicyInput }>();
  private rev = -1;
  private checkedAt = -Infinity;
  private refreshing: Promise<void> | null = null;
  private readonly searchCache = new Map<string, { rev: number; result: PolicySearchResult }>();

  constructor(private readonly deps: PolicyServiceDeps) {
    this.models = policyModels(deps.conn);
    this.now = deps.now ?? Date.now;
    this.c = new Consistency(deps.conn, {
      onEffectError: (err, key) => deps.logger.warn({ err: (err as Error).message, key }, 'policy after-effect failed'),
    });
  }

  // ---------- catalog cache ----------

  /** Rebuilds the index and rules when the catalog revision moved (one small read, at most every revisionCheckMs unless forced). */
  async ensureFresh(force = false): Promise<void> {
    if (!force && this.rev !== -1 && performance.now() - this.checkedAt < (this.deps.revisionCheckMs ?? 0)) return;
    const started = performance.now();
    const meta = await this.models.PolicyMeta.findById(META_ID).lean();
    this.checkedAt = started;
    const rev = meta?.rev ?? 0;
    if (rev === this.rev) return;
    if (!this.refreshing) {
      this.refreshing = (async () => {
        const docs = await this.models.Policy.find({ status: 'published' }).lean<PolicyDoc[]>();
        const live = new Map<string, { doc: PolicyDoc; content: PolicyInput }>();
        for (const d of docs) if (d.live) live.set(d._id.toString(), { doc: d, content: d.live });
        this.index.build([...live].map(([id, l]) => indexed(id, l.content)));
        this.evaluator.load([...live].map(([id, l]) => evaluable(id, l.content)));
        this.live = live;
        this.rev = rev;
      })().finally(() => { this.refreshing = null; });
    }
    await this.refreshing;
  }

  private async bumpCatalog(): Promise<void> {
    await this.models.PolicyMeta.updateOne({ _id: META_ID }, { $inc: { rev: 1 } }, { upsert: true });
    await this.ensureFresh(true);
  }

  // ---------- public ----------

  async search(q: { q?: string; category?: PolicyInput['category']; audience?: PolicyAudience; group?: string; limit?: number }): Promise<PolicySearchResult> {
    await this.ensureFresh();
    const key = JSON.stringify([q.q ?? '', q.category ?? '', q.audience ?? '', q.group ?? '', q.limit ?? 20]);
    const hit = this.searchCache.get(key);
    if (hit && hit.rev === this.rev) return hit.result;
    const rev = this.rev;
    const res = this.index.search(q.q, { category: q.category, audience: q.audience, group: q.group }, q.limit ?? 20);
    const result: PolicySearchResult = {
      total: res.total,
      terms: res.terms,
      items: res.hits.map((h) => ({ ...cardOf(h.id, this.live.get(h.id)!.content), score: h.score, titleHl: h.titleHl, snippet: h.snippet })),
    };
    this.searchCache.delete(key);
    if (this.searchCache.size >= SEARCH_CACHE_SIZE) this.searchCache.delete(this.searchCache.keys().next().value!);
    this.searchCache.set(key, { rev, result });
    return result;
  }

  async getPublished(id: string): Promise<PolicyView> {
    const p = await this.models.Policy.findOne({ _id: id, status: 'published' }).lean<PolicyDoc>();
    if (!p || !p.live) throw notFound('政策不存在或已下架');
    return { ...viewOf(p, p.live), version: p.liveVersion ?? p.version, hasDraft: false };
  }

  questions(audience: PolicyAudience) {
    return { audience, questions: questionsFor(audience) };
  }

  async calculate(audience: PolicyAudience, answers: PersonFacts): Promise<PolicyCalculateResult> {
    await this.ensureFresh();
    const facts = visibleAnswers(audience, answers);
    const verdicts = await this.withLiveInsuranceStandard(await this.evaluator.evaluate(audience, facts, this.now()), facts);
    return { ...toMatches(verdicts), total: verdicts.length };
  }

  /**
   * The 失业保险金 estimate at the city's current standard: while the policy still carries the tiers of
   * the default standard (as seeded), its amount is recomputed from the same rule at the live one. A
   * formula staff changed by hand is left as they wrote it.
   */
  private async withLiveInsuranceStandard<V extends { policy: EvaluablePolicy; eligible: boolean; amount: number | null }>(verdicts: V[], facts: PersonFacts): Promise<V[]> {
    const i = verdicts.findIndex((v) => v.eligible && v.policy.card.slug === INSURANCE_POLICY_SLUG);
    const formula = i >= 0 ? verdicts[i]!.policy.formula : null;
    if (!this.deps.insuranceStandard || !formula?.tiers || formula.tiers.fact !== 'insuredYears') return verdicts;
    if (JSON.stringify(formula.tiers.steps) !== JSON.stringify(calculatorTiers(DEFAULT_INSURANCE_STANDARD))) return verdicts;
    const live = { ...formula, tiers: { fact: 'insuredYears', steps: calculatorTiers(await this.deps.insuranceStandard()) } };
    const out = [...verdicts];
    out[i] = { ...out[i]!, amount: estimateAmount(live, deriveFacts(facts, this.now())) };
    return out;
  }

  // ---------- person facts / policies find people ----------

  async factsOf(userId: string): Promise<PersonFacts | null> {
    const doc = await this.models.PersonFacts.findOne({ userId }).lean();
    return doc ? this.openPersonFacts(doc) : null;
  }

  private openPersonFacts(doc: { userId: string; facts?: PersonFacts | null; factsEnc?: string | null }): PersonFacts {
    if (doc.factsEnc && this.deps.pii) return JSON.parse(this.deps.pii.decryptFor(doc.factsEnc, `person_facts/${doc.userId}`)) as PersonFacts;
    return doc.facts ?? {};
  }

  /** "可能适合你的政策": evaluates the person's recorded facts (or nothing when none are recorded). */
  async forMe(userId: string, role: Role) {
    const facts = await this.factsOf(userId);
    const audience = audienceOfRole(role);
    if (!facts) return { hasFacts: false, facts: {}, eligible: [], almost: [] };
    await this.ensureFresh();
    const { eligible, almost } = toMatches(await this.withLiveInsuranceStandard(await this.evaluator.evaluate(audience, facts, this.now()), facts));
    return { hasFacts: true, facts, eligible, almost };
  }

  /**
   * Called when a person's facts change (registration approved, classification changed). Records the
   * facts (`person-facts:<uid>`; facts from an older registration state than the stored ones are
   * ignored, so after-effects arriving out of order cannot bring back stale facts) and then, outside
   * the section, notifies the person once per policy they now qualify for.
   */
  async onPersonFactsChanged(userId: string, facts: PersonFacts, asOf?: Date | null): Promise<{ notified: number }> {
    const parsed = personFactsSchema.parse(facts);
    let notified = 0;
    await this.c.atomically(`person-facts:${userId}`, async (tx) => {
      const existing = await this.models.PersonFacts.findOne({ userId }).select({ asOf: 1 }).lean();
      if (asOf && existing?.asOf && new Date(existing.asOf).getTime() > new Date(asOf).getTime()) return;
      const stored = this.deps.pii
        ? { factsEnc: this.deps.pii.encryptFor(JSON.stringify(parsed), `person_facts/${userId}`), facts: null }
        : { facts: parsed, factsEnc: null };
      await this.models.PersonFacts.updateOne({ userId }, { $set: { ...stored, asOf: asOf ?? null, updatedAt: new Date(this.now()) } }, { upsert: true });
      tx.after(async () => {
        await this.ensureFresh();
        for (const audience of ['individual', 'employer'] as const) {
          for (const v of await this.evaluator.evaluate(audience, parsed, this.now())) {
            if (v.eligible && (await this.notifyMatch(userId, v.policy.id, v.policy.card.title, v.amount, v.policy.unit))) notified += 1;
          }
        }
      });
    });
    return { notified };
  }

  /** Finds every recorded person the published policy fits and notifies each once. */
  async matchPeople(policyId: string): Promise<{ checked: number; eligible: number; notified: number }> {
    await this.ensureFresh();
    const l = this.live.get(policyId);
    if (!l) throw notFound('政策不存在或未发布');
    const policy = evaluable(policyId, l.content);
    let checked = 0; let eligible = 0; let notified = 0;
    const cursor = this.models.PersonFacts.find({}).lean().cursor();
    for await (const pf of cursor) {
      checked += 1;
      const v = await evaluateOne(policy, this.openPersonFacts(pf), this.now());
      if (!v.eligible) continue;
      eligible += 1;
      if (await this.notifyMatch(pf.userId, policyId, l.content.title, v.amount, policy.unit)) notified += 1;
    }
    return { checked, eligible, notified };
  }

  private async notifyMatch(userId: string, policyId: string, title: string, amount: number | null, unit: string): Promise<boolean> {
    const { created } = await this.deps.notifier.notify(userId, {
      kind: 'policy.match',
      title: `可能适合你的政策：${title}`,
      body: amount !== null ? `根据你登记的信息，你可能可以享受“${title}”，${formatYuan(amount, unit)}。点开查看条件和办理方式。` : `根据你登记的信息，你可能可以享受“${title}”。点开查看条件和办理方式。`,
      page: `/packages/worker/pages/policy-detail/index?id=${policyId}`,
      dedupeKey: `policy:${policyId}:user:${userId}`,
    });
    return created;
  }

  // ---------- staff: manage policies ----------

  private async checkContent(raw: unknown, id: string): Promise<PolicyInput> {
    const parsed = policyInputSchema.safeParse(raw);
    if (!parsed.success) throw badRequest(parsed.error.issues[0].message, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })), 'VALIDATION_FAILED');
    const c = parsed.data;
    const problems = await validateRule(evaluable(id, c), this.now());
    if (problems.length) throw badRequest(`规则检验未通过：${problems[0].message}`, problems, 'RULE_INVALID');
    return c;
  }

  async staffList() {
    const docs = await this.models.Policy.find({}).sort({ updatedAt: -1 }).lean<PolicyDoc[]>();
    return { items: docs.map((d) => ({ id: d._id.toString(), slug: d.slug, title: d.content.title, category: d.content.category, audience: d.content.audience, status: d.status, version: d.version, liveVersion: d.liveVersion, hasDraft: d.liveVersion !== d.version, updatedAt: d.updatedAt.toISOString() })) };
  }

  async staffGet(id: string) {
    const d = await this.models.Policy.findById(id).lean<PolicyDoc>();
    if (!d) throw notFound('政策不存在');
    const versions = await this.models.PolicyVersion.find({ policyId: id }).sort({ version: -1 }).select({ version: 1, savedBy: 1, publishedAt: 1, createdAt: 1, 'content.title': 1 }).lean();
    return {
      policy: viewOf(d, d.content),
      liveVersion: d.liveVersion,
      versions: versions.map((v) => ({ version: v.version, title: v.content.title, savedBy: v.savedBy, publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null, createdAt: v.createdAt.toISOString() })),
    };
  }

  /** A catalog change in the audit log, with the state before and after (the full content of edits). */
  private async auditCatalog(staffId: string | null, staff: StaffActor | undefined, action: string, id: string, before: unknown, after: unknown): Promise<void> {
    if (!this.deps.audit || !staffId) return; // the demo seed loads samples as nobody
    const name = staff?.name ?? ((await authModels(this.deps.conn).User.findById(staffId).select({ displayName: 1 }).lean()) as { displayName?: string | null } | null)?.displayName ?? null;
    await this.deps.audit.record({ actorId: staffId, actorName: name, center: staff?.center ?? null, action, subjectType: 'policy', subjectId: id, before, after });
  }

  private catalogState(d: PolicyDoc) {
    return { status: d.status, version: d.version, liveVersion: d.liveVersion, title: d.content.title };
  }

  /** Creating is one unique insert (the slug): twenty identical calls create one policy. */
  async create(staffId: string | null, raw: unknown, staff?: StaffActor): Promise<PolicyView> {
    const content = await this.checkContent(raw, 'new');
    let doc;
    try {
      doc = await this.models.Policy.create({ slug: content.slug, status: 'draft', version: 1, content, live: null, liveVersion: null, updatedBy: staffId });
    } catch (err) {
      if (isDup(err)) throw conflict(`政策代码 ${content.slug} 已被使用`, 'SLUG_TAKEN');
      throw err;
    }
    await this.models.PolicyVersion.create({ policyId: doc._id.toString(), version: 1, content, savedBy: staffId });
    const created = doc.toObject() as PolicyDoc;
    await this.auditCatalog(staffId, staff, 'policy.create', created._id.toString(), null, { ...this.catalogState(created), content });
    return viewOf(created, content);
  }

  /** Saves a new version; `baseVersion` must be the version the editor started from (no lost updates). */
  async update(staffId: string | null, id: string, baseVersion: number, raw: unknown, staff?: StaffActor): Promise<PolicyView> {
    return this.c.atomically(`policy:${id}`, async (tx) => {
      const existing = await this.models.Policy.findById(id).lean<PolicyDoc>();
      if (!existing) throw notFound('政策不存在');
      const content = await this.checkContent(raw, id);
      if (content.slug !== existing.slug) throw badRequest('政策代码不能修改', [{ field: 'content.slug', message: '政策代码不能修改' }]);
      if (existing.version !== baseVersion) throw conflict('这条政策已被其他人修改，请刷新后再编辑', 'VERSION_CONFLICT');
      await tx.write(this.models.Policy, existing._id, existing.rev, { $set: { content, updatedBy: staffId }, $inc: { version: 1 } });
      const next = (await this.models.Policy.findById(id).lean<PolicyDoc>())!;
      await this.models.PolicyVersion.create({ policyId: id, version: next.version, content, savedBy: staffId });
      await this.auditCatalog(staffId, staff, 'policy.edit', id, { ...this.catalogState(existing), content: existing.content }, { ...this.catalogState(next), content });
      return viewOf(next, next.content);
    });
  }

  /** Publishes the current version and then (after the change is stored) finds the people it fits. */
  async publish(staffId: string | null, id: string, staff?: StaffActor) {
    let matched = { checked: 0, eligible: 0, notified: 0 };
    const updated = await this.c.atomically(`policy:${id}`, async (tx) => {
      const d = await this.models.Policy.findById(id).lean<PolicyDoc>();
      if (!d) throw notFound('政策不存在');
      if (d.status === 'published' && d.liveVersion === d.version) throw conflict('这条政策的当前版本已经发布', 'ALREADY_PUBLISHED');
      await tx.write(this.models.Policy, d._id, d.rev, { $set: { status: 'published', live: d.content, liveVersion: d.version, updatedBy: staffId } });
      await this.models.PolicyVersion.updateOne({ policyId: id, version: d.version, publishedAt: null }, { $set: { publishedAt: new Date(this.now()) } });
      await this.bumpCatalog();
      const u = (await this.models.Policy.findById(id).lean<PolicyDoc>())!;
      await this.auditCatalog(staffId, staff, 'policy.publish', id, this.catalogState(d), this.catalogState(u));
      // Matching people can take a while on a large register: after the section (notices are deduplicated anyway).
      tx.after(async () => { matched = await this.matchPeople(id); });
      return u;
    });
    return { policy: viewOf(updated, updated.content), matched };
  }

  async unpublish(staffId: string | null, id: string, staff?: StaffActor) {
    return this.c.atomically(`policy:${id}`, async (tx) => {
      const d = await this.models.Policy.findById(id).lean<PolicyDoc>();
      if (!d) throw notFound('政策不存在');
      if (d.status !== 'published') throw conflict('这条政策当前没有发布', 'NOT_PUBLISHED');
      await tx.write(this.models.Policy, d._id, d.rev, { $set: { status: 'unpublished', updatedBy: staffId } });
      await this.bumpCatalog();
      const updated = (await this.models.Policy.findById(id).lean<PolicyDoc>())!;
      await this.auditCatalog(staffId, staff, 'policy.unpublish', id, this.catalogState(d), this.catalogState(updated));
      return { policy: viewOf(updated, updated.content) };
    });
  }

  async version(id: string, version: number) {
    const v = await this.models.PolicyVersion.findOne({ policyId: id, version }).lean();
    if (!v) throw notFound('没有这个版本');
    return { version: v.version, content: v.content, savedBy: v.savedBy, publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null, createdAt: v.createdAt.toISOString() };
  }

  /** Loads the sample policies once (by slug) and publishes them; used by the demo seed and tests. */
  async loadSamples(samples: unknown[], staffId: string | null = null): Promise<{ created: number }> {
    let created = 0;
    for (const s of samples) {
      const content = await this.checkContent(s, 'sample');
      if (await this.models.Policy.exists({ slug: content.slug })) continue;
      const view = await this.create(staffId, content);
      await this.models.Policy.updateOne({ _id: view.id }, { $set: { status: 'published', live: content, liveVersion: 1 } });
      await this.models.PolicyVersion.updateOne({ policyId: view.id, version: 1 }, { $set: { publishedAt: new Date(this.now()) } });
      created += 1;
    }
    if (created) await this.bumpCatalog();
    return { created };
  }

  // ---------- applications ----------

  private periodOf(period: PolicyInput['period']): string {
    const d = new Date(this.now() + 8 * 3600_000);
    if (period === 'once') return 'once';
    if (period === 'year') return String(chinaYear(this.now()));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }

  // ---------- application records: provenance and sealed fields ----------

  private sealApplication(id: string, name: string | null, f: ApplicationFacts) {
    const pii = this.deps.pii;
    return {
      applicantNameEnc: name && pii ? pii.encryptFor(name, `policy_applications/${id}/applicantName`) : null,
      factsEnc: pii ? pii.encryptFor(JSON.stringify({ recorded: f.recorded, declared: f.declared }), `policy_applications/${id}/facts`) : null,
      factSources: f.sources,
    };
  }

  /** The facts an application was judged on, by source (legacy applications: all as declared). */
  applicationFacts(a: Pick<PolicyApplicationDoc, '_id' | 'facts' | 'factsEnc'>): ApplicationFacts {
    if (a.factsEnc && this.deps.pii) {
      const { recorded, declared } = JSON.parse(this.deps.pii.decryptFor(a.factsEnc, `policy_applications/${a._id.toString()}/facts`)) as { recorded: PersonFacts; declared: PersonFacts };
      return combineFacts(recorded, declared);
    }
    return combineFacts({}, a.facts ?? {});
  }

  applicantNameOf(a: Pick<PolicyApplicationDoc, '_id' | 'applicantName' | 'applicantNameEnc'>): string | null {
    if (a.applicantNameEnc && this.deps.pii) return this.deps.pii.decryptFor(a.applicantNameEnc, `policy_applications/${a._id.toString()}/applicantName`);
    return a.applicantName ?? null;
  }

  private applicationView(a: PolicyApplicationDoc, opts: { maskName?: boolean } = {}): PolicyApplicationView {
    const f = this.applicationFacts(a);
    const name = this.applicantNameOf(a);
    return {
      id: a._id.toString(), policyId: a.policyId, policyTitle: a.policyTitle, period: a.period, status: a.status,
      facts: f.facts, recordedFacts: f.recorded, declaredFacts: f.declared, factSources: f.sources, amount: a.amount,
      note: a.note, reason: a.reason, applicantName: name && opts.maskName ? maskName(name) : name, createdAt: a.createdAt.toISOString(), decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
      sensitiveConsent: a.sensitiveConsent ? { version: a.sensitiveConsent.version, at: new Date(a.sensitiveConsent.at).toISOString() } : null,
    };
  }

  /**
   * Answers naming 困难类别 (残疾、低收入家庭、零就业家庭…) are 敏感个人信息 stored on the application: they
   * come only with the separate POLICY_HARDSHIP_CONSENT, given now or recorded on the application before.
   */
  private hardshipConsent(answers: PersonFacts | undefined, given: string | undefined, recorded: RecordedConsent | null | undefined) {
    const carried = answers?.difficulty?.length ? [{ field: 'answers.difficulty', message: '提交困难类别前，请先同意为审核政策申请处理你的就业困难情形' }] : [];
    return separateConsent(POLICY_HARDSHIP_CONSENT, given, recorded, carried, new Date(this.now()));
  }

  private notEligible(content: PolicyInput, failed: number[]): never {
    const missing = failed.map((i) => content.rule.requirements[i].missing);
    throw badRequest(`暂不符合申请条件：${missing[0]}`, missing.map((m) => ({ field: 'answers', message: m })), 'NOT_ELIGIBLE');
  }

  /**
   * One-tap apply: recorded facts (from the approved registration) as they are; the applicant's answers
   * only fill what the record lacks. Creating is one unique insert (policy, person, period), so twenty
   * identical taps file one application.
   */
  async apply(user: { id: string; activeRole: Role }, policyId: string, body: { answers?: PersonFacts; note?: string; sensitiveConsentVersion?: string }): Promise<PolicyApplicationView> {
    await this.ensureFresh();
    const l = this.live.get(policyId);
    if (!l) throw notFound('政策不存在或已下架');
    const sensitiveConsent = this.hardshipConsent(body.answers, body.sensitiveConsentVersion, null);
    const audience = audienceOfRole(user.activeRole);
    if (l.content.audience !== audience) {
      throw badRequest(l.content.audience === 'employer' ? '这是面向用人单位的政策，请切换到“我要招人”后申请' : '这是面向个人的政策，请切换到“我要找活”后申请', [{ field: 'policyId', message: '适用对象不符' }], 'WRONG_AUDIENCE');
    }
    const f = combineFacts((await this.factsOf(user.id)) ?? {}, body.answers ?? {});
    const v = await evaluateOne(evaluable(policyId, l.content), f.facts, this.now());
    if (!v.eligible) this.notEligible(l.content, v.failed);
    const u = await authModels(this.deps.conn).User.findById(user.id).select({ displayName: 1 }).lean();
    const name = (u as { displayName?: string | null } | null)?.displayName ?? null;
    const _id = new Types.ObjectId();
    try {
      const doc = await this.models.PolicyApplication.create({
        _id, policyId, policyTitle: l.content.title, policyVersion: l.doc.liveVersion ?? l.doc.version, userId: user.id,
        period: this.periodOf(l.content.period), status: 'submitted', ...this.sealApplication(_id.toString(), name, f), amount: v.amount, note: body.note ?? null, sensitiveConsent,
        district: (await this.deps.districtOfUser?.(user.id)) ?? null,
      });
      return this.applicationView(doc.toObject() as PolicyApplicationDoc);
    } catch (err) {
      if (isDup(err)) throw conflict(l.content.period === 'once' ? '你已经申请过这项政策，不能重复申请' : '本期你已经申请过这项政策，不能重复申请', 'DUPLICATE_APPLICATION');
      throw err;
    }
  }

  async mine(userId: string) {
    const items = await this.models.PolicyApplication.find({ userId }).sort({ createdAt: -1 }).limit(100).lean<PolicyApplicationDoc[]>();
    return { items: items.map((a) => this.applicationView(a)) };
  }

  /** The applicant's own application, or (staff) the full record — which is written to the audit log. */
  /** 好差评: an application is handled once staff approved or refused it (退回补充 goes back to the person: not yet). */
  async handledCaseOf(id: string): Promise<HandledCase | null> {
    const a = await this.models.PolicyApplication.findById(id).select({ userId: 1, status: 1, district: 1, policyTitle: 1 }).lean<PolicyApplicationDoc>().catch(() => null);
    if (!a) return null;
    const handled = a.status === 'approved' || a.status === 'rejected';
    const district = a.district ?? null;
    return {
      ownerId: a.userId, handled, pendingReason: handled ? null : '政策申请审核完成（通过或不予通过）后才能评价',
      district, centerCode: district ? (centerForDistrict(district)?.code ?? null) : null, title: `政策申请 · ${a.policyTitle}`,
    };
  }

  async getApplication(user: { id: string; activeRole: Role }, id: string, staff?: StaffActor) {
    const a = await this.models.PolicyApplication.findById(id).lean<PolicyApplicationDoc>();
    // Someone else's application is "not found" for a worker, so its existence is not revealed.
    if (!a || (user.activeRole !== 'staff' && a.userId !== user.id)) throw notFound('申请不存在');
    if (user.activeRole === 'staff' && this.deps.audit) {
      const name = staff?.name ?? ((await authModels(this.deps.conn).User.findById(user.id).select({ displayName: 1 }).lean()) as { displayName?: string | null } | null)?.displayName ?? null;
      await this.deps.audit.record({ actorId: user.id, actorName: name, center: staff?.center ?? null, action: 'view_pii', subjectType: 'policy_application', subjectId: id });
    }
    return this.applicationView(a);
  }

  /**
   * A returned application goes back to the queue with the applicant's additions, judged again: the
   * recorded facts as they are now, the declared answers (old and new) only where the record is silent,
   * eligibility and the amount recomputed under the policy version it was filed for.
   */
  async resubmit(userId: string, id: string, body: { answers?: PersonFacts; note?: string; sensitiveConsentVersion?: string }) {
    return this.c.atomically(`policy-app:${id}`, async (tx) => {
      const a = await this.models.PolicyApplication.findById(id).lean<PolicyApplicationDoc>();
      if (!a || a.userId !== userId) throw notFound('申请不存在');
      if (a.status !== 'returned') throw conflict('只有被退回的申请可以重新提交', 'NOT_RETURNED');
      const sensitiveConsent = this.hardshipConsent(body.answers, body.sensitiveConsentVersion, a.sensitiveConsent);
      const content = (await this.models.PolicyVersion.findOne({ policyId: a.policyId, version: a.policyVersion }).lean())?.content ?? this.live.get(a.policyId)?.content;
      if (!content) throw conflict('这项政策已不再受理', 'POLICY_GONE');
      const before = this.applicationFacts(a);
      const f = combineFacts((await this.factsOf(userId)) ?? {}, { ...before.declared, ...(body.answers ?? {}) });
      const v = await evaluateOne(evaluable(a.policyId, content), f.facts, this.now());
      if (!v.eligible) this.notEligible(content, v.failed);
      const sealed = this.sealApplication(id, this.applicantNameOf(a), f);
      await tx.write(this.models.PolicyApplication, a._id, a.rev, {
        $set: { status: 'submitted', ...(body.note !== undefined ? { note: body.note } : {}), sensitiveConsent: sensitiveConsent ?? null, factsEnc: sealed.factsEnc, factSources: sealed.factSources, facts: this.deps.pii ? null : f.facts, amount: v.amount, reason: null, decidedAt: null, decidedBy: null },
      });
      return this.applicationView((await this.models.PolicyApplication.findById(id).lean<PolicyApplicationDoc>())!);
    });
  }

  /** Staff list: applicant names masked (the full record is one audited read away). */
  async queue(status: PolicyApplicationDoc['status'] | undefined, staff: ScopedStaff) {
    // The staff member's scope is part of the query, for the list and for its counts alike.
    const scope = scopeFilter(staff);
    const items = await this.models.PolicyApplication.find({ ...(status ? { status } : {}), ...scope }).sort({ createdAt: 1 }).limit(200).lean<PolicyApplicationDoc[]>();
    const counts = await Promise.all((['submitted', 'approved', 'returned', 'rejected'] as const).map(async (s) => [s, await this.models.PolicyApplication.countDocuments({ status: s, ...scope })] as const));
    return { items: items.map((a) => this.applicationView(a, { maskName: true })), counts: Object.fromEntries(counts) as Record<PolicyApplicationDoc['status'], number> };
  }

  /** Approve / return / reject a submitted application, once: `policy-app:<id>`, fenced write, notice after. */
  async decide(staffId: string, id: string, decision: 'approve' | 'return' | 'reject', reason?: string, _staff?: StaffActor) {
    return this.c.atomically(`policy-app:${id}`, async (tx) => {
      const status = decision === 'approve' ? 'approved' : decision === 'return' ? 'returned' : 'rejected';
      const cur = await this.models.PolicyApplication.findById(id).lean<PolicyApplicationDoc>();
      if (!cur) throw notFound('申请不存在');
      if (cur.status !== 'submitted') throw conflict('这条申请已经处理过了', 'ALREADY_DECIDED');
      await tx.write(this.models.PolicyApplication, cur._id, cur.rev, { $set: { status, reason: reason ?? null, decidedBy: staffId, decidedAt: new Date(this.now()) } });
      const a = (await this.models.PolicyApplication.findById(id).lean<PolicyApplicationDoc>())!;
      const word = status === 'approved' ? '已通过' : status === 'returned' ? '需要补充材料' : '未通过';
      tx.after(() => this.deps.notifier.notify(a.userId, {
        kind: 'policy.application',
        title: `政策申请${word}：${a.policyTitle}`,
        body: status === 'approved' ? '你的申请已审核通过，补贴将按规定发放到你的社会保障卡账户。' : `原因：${reason ?? ''}`,
        page: '/packages/worker/pages/policy-apps/index',
        dedupeKey: `policy-app:${id}:${a.rev}:${status}`, subject: `policy-app:${id}`,
      }));
      return this.applicationView(a);
    });
  }
}
