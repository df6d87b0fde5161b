import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { PolicyAudience, PolicyCategory, PolicyHighlighted } from '@doorstep/shared';

/**
 * In-memory inverted index over published policies (FerretDB has no $text). Text is segmented by
 * jieba (search mode), colloquial words are expanded to the terms policies use (失业金 → 失业保险金),
 * key phrases are indexed whole, and documents are ranked with BM25F over weighted fields.
 */

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  if (!jieba) jieba = Jieba.withDict(dict);
  return jieba;
}

/** Colloquial → policy wording. Each query keeps its own words and gains the official ones. */
export const SYNONYMS: Record<string, string[]> = {
  失业金: ['失业保险金'],
  失业费: ['失业保险金'],
  社保补贴: ['社会保险补贴'],
  社保: ['社会保险'],
  医保: ['医疗保险'],
  创业贷: ['创业担保贷款'],
  创业贷款: ['创业担保贷款'],
  贴息贷款: ['创业担保贷款', '贴息'],
  大学生: ['高校毕业生'],
  应届生: ['高校毕业生', '毕业年度'],
  应届毕业生: ['高校毕业生', '毕业年度'],
  毕业生: ['高校毕业生'],
  残疾人: ['残疾'],
  残障: ['残疾'],
  低保: ['低收入家庭'],
  困难家庭: ['低收入家庭', '零就业家庭'],
  贫困户: ['脱贫人口'],
  公益岗: ['公益性岗位'],
  见习: ['就业见习'],
  实习: ['就业见习'],
  开店: ['创业', '个体经营'],
  小店: ['创业', '个体经营'],
  做生意: ['创业', '个体经营'],
  个体户: ['个体经营', '创业'],
  打零工: ['灵活就业'],
  零工: ['灵活就业'],
  稳岗补贴: ['稳岗返还'],
  招人补贴: ['吸纳就业补贴'],
  扩岗补助: ['一次性吸纳就业补贴'],
  学技术: ['职业培训', '技能'],
  学手艺: ['职业培训', '技能'],
  技能培训: ['职业技能培训'],
  大龄: ['4050'],
  找工作: ['求职', '职业介绍'],
  交通费: ['交通补助'],
};

/** Phrases indexed whole when they occur, so “失业保险金” outranks documents that only say 失业 and 保险. */
const PHRASES = Array.from(new Set([...Object.values(SYNONYMS).flat(), '失业保险', '失业登记', '就业困难人员', '一次性创业补贴', '求职创业补贴', '职业培训补贴', '就业见习', '稳岗返还', '社会保险补贴', '公益性岗位', '小微企业', '灵活就业', '4050']));

const STOP = new Set('的 了 吗 呢 啊 我 你 他 她 有 个 及 和 与 或 等 是 在 要 能 可以 可 怎么 怎样 什么 哪些 如何 多少 一下 想 去 给 吧 人 对 从 为 被 把 就 都 也 还 不 没 没有 请问 申请 办理 领取 领 补 钱'.split(' '));

function isUseful(tok: string): boolean {
  const t = tok.trim();
  if (!t || STOP.has(t)) return false;
  if (/^[\p{P}\p{S}\s]+$/u.test(t)) return false;
  if (t.length === 1 && /\p{Script=Han}/u.test(t)) return false;
  return true;
}

/** Terms of a text: segmented words (search mode) plus whole key phrases it contains. */
export function terms(text: string): string[] {
  const lower = text.toLowerCase();
  const out = segmenter().cutForSearch(lower, false).filter(isUseful);
  for (const p of PHRASES) if (lower.includes(p)) out.push(`§${p}`);
  return out;
}

/** Query terms with synonym expansion; returns the terms to score and the words to highlight. */
export function queryTerms(q: string): { terms: string[]; highlight: string[]; phrases: string[] } {
  let text = q.toLowerCase().replace(/\s+/g, ' ').trim();
  const extra: string[] = [];
  // Longest colloquial words first so 创业贷款 wins over 创业贷.
  for (const word of Object.keys(SYNONYMS).sort((a, b) => b.length - a.length)) {
    if (text.includes(word)) { extra.push(...SYNONYMS[word]); text = text.split(word).join(` ${word} `); }
  }
  const base = terms(text);
  const expanded = extra.flatMap((e) => terms(e));
  const all = Array.from(new Set([...base, ...expanded]));
  const highlight = Array.from(new Set([...all.map((t) => t.replace(/^§/, '')), ...extra].filter((t) => t.length >= 1)));
  const phrases = Array.from(new Set([q.trim().toLowerCase(), ...extra, ...all.filter((t) => t.startsWith('§')).map((t) => t.slice(1))])).filter((p) => p.length >= 2);
  return { terms: all, highlight, phrases };
}

export interface IndexedPolicy {
  id: string;
  title: string;
  category: PolicyCategory;
  audience: PolicyAudience;
  summary: string;
  targetGroups: string[];
  conditions: string[];
  benefitText: string;
  faq: string[];
}

const FIELDS = [
  { key: 'title', weight: 6, text: (p: IndexedPolicy) => p.title },
  { key: 'targetGroups', weight: 3, text: (p: IndexedPolicy) => p.targetGroups.join('，') },
  { key: 'summary', weight: 2, text: (p: IndexedPolicy) => p.summary },
  { key: 'conditions', weight: 1.5, text: (p: IndexedPolicy) => p.conditions.join('。') },
  { key: 'benefit', weight: 1.5, text: (p: IndexedPolicy) => p.benefitText },
  { key: 'faq', weight: 0.5, text: (p: IndexedPolicy) => p.faq.join('。') },
] as const;

const K1 = 1.2;
const B = 0.75;

interface Posting { doc: number; tf: number[] }

export interface SearchHit { id: string; score: number; titleHl: PolicyHighlighted; snippet: PolicyHighlighted | null }
export interface SearchFilters { category?: PolicyCategory; audience?: PolicyAudience; group?: string }

export class PolicySearchIndex {
  private docs: IndexedPolicy[] = [];
  private lengths: number[][] = [];
  private avg: number[] = [];
  private postings = new Map<string, Posting[]>();

  constructor(docs: IndexedPolicy[] = []) { this.build(docs); }

  get size(): number { return this.docs.length; }

  build(docs: IndexedPolicy[]): void {
    const postings = new Map<string, Posting[]>();
    const lengths: number[][] = [];
    docs.forEach((d, di) => {
      const perField = FIELDS.map((f) => terms(f.text(d)));
      lengths.push(perField.map((t) => t.length));
      const tfs = new Map<string, number[]>();
      perField.forEach((toks, fi) => {
        for (const t of toks) {
          let arr = tfs.get(t);
          if (!arr) { arr = FIELDS.map(() => 0); tfs.set(t, arr); }
          arr[fi] += 1;
        }
      });
      for (const [t, tf] of tfs) {
        let list = postings.get(t);
        if (!list) { list = []; postings.set(t, list); }
        list.push({ doc: di, tf });
      }
    });
    this.avg = FIELDS.map((_, fi) => (docs.length ? lengths.reduce((s, l) => s + l[fi], 0) / docs.length : 1) || 1);
    this.docs = docs;
    this.lengths = lengths;
    this.postings = postings;
  }

  private passes(d: IndexedPolicy, f: SearchFilters): boolean {
    if (f.category && d.category !== f.category) return false;
    if (f.audience && d.audience !== f.audience) return false;
    if (f.group && !d.targetGroups.some((g) => g.includes(f.group!) || f.group!.includes(g))) return false;
    return true;
  }

  search(q: string | undefined, filters: SearchFilters = {}, limit = 20): { total: number; terms: string[]; hits: SearchHit[] } {
    const query = (q ?? '').trim();
    if (!query) {
      const hits = this.docs.filter((d) => this.passes(d, filters)).map((d) => ({ id: d.id, score: 0, titleHl: { text: d.title, ranges: [] }, snippet: null }));
      return { total: hits.length, terms: [], hits: hits.slice(0, limit) };
    }
    const { terms: qterms, highlight, phrases } = queryTerms(query);
    const n = this.docs.length;
    const scores = new Map<number, number>();
    for (const t of qterms) {
      const list = this.postings.get(t);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      const phraseBoost = t.startsWith('§') ? 1.5 : 1;
      for (const p of list) {
        let w = 0;
        p.tf.forEach((tf, fi) => {
          if (!tf) return;
          const norm = 1 - B + (B * this.lengths[p.doc][fi]) / this.avg[fi];
          w += (FIELDS[fi].weight * tf) / norm;
        });
        scores.set(p.doc, (scores.get(p.doc) ?? 0) + phraseBoost * idf * ((w * (K1 + 1)) / (w + K1)));
      }
    }
    // A title that is exactly what was asked for (after synonyms) wins; one that contains it gains a little.
    for (const [di, sc] of scores) {
      const title = this.docs[di].title.toLowerCase();
      const boost = phrases.some((p) => title === p) ? 1.6 : phrases.some((p) => title.includes(p)) ? 1.15 : 1;
      scores.set(di, sc * boost);
    }
    const ranked = [...scores.entries()]
      .filter(([di]) => this.passes(this.docs[di], filters))
      .sort((a, b) => b[1] - a[1] || this.docs[a[0]].title.localeCompare(this.docs[b[0]].title, 'zh'));
    const hits = ranked.slice(0, limit).map(([di, score]) => {
      const d = this.docs[di];
      return { id: d.id, score: Math.round(score * 1000) / 1000, titleHl: highlightText(d.title, highlight), snippet: bestSnippet(d, highlight) };
    });
    return { total: ranked.length, terms: highlight, hits };
  }
}

/** Character ranges of the words in the text, merged; the client renders them as marked spans. */
export function highlightText(text: string, words: string[]): PolicyHighlighted {
  const ranges: [number, number][] = [];
  const lower = text.toLowerCase();
  for (const w of words) {
    if (!w) continue;
    let from = 0;
    for (;;) {
      const at = lower.indexOf(w.toLowerCase(), from);
      if (at < 0) break;
      ranges.push([at, at + w.length]);
      from = at + w.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return { text, ranges: merged };
}

const SNIPPET_MAX = 60;

function bestSnippet(d: IndexedPolicy, words: string[]): PolicyHighlighted | null {
  const sentences = [d.summary, d.targetGroups.join('、'), ...d.conditions, d.benefitText];
  let best: PolicyHighlighted | null = null;
  let bestCover = 0;
  for (const s of sentences) {
    const h = highlightText(s, words);
    const cover = h.ranges.reduce((n, [a, b]) => n + (b - a), 0);
    if (cover > bestCover) { best = h; bestCover = cover; }
  }
  if (!best) return null;
  if (best.text.length <= SNIPPET_MAX) return best;
  // Window around the first match, ranges shifted into it.
  const start = Math.max(0, Math.min(best.ranges[0][0] - 10, best.text.length - SNIPPET_MAX));
  const end = start + SNIPPET_MAX;
  const prefix = start > 0 ? '…' : '';
  const text = prefix + best.text.slice(start, end) + (end < best.text.length ? '…' : '');
  const ranges = best.ranges
    .filter(([a, b]) => a >= start && b <= end)
    .map(([a, b]) => [a - start + prefix.length, b - start + prefix.length] as [number, number]);
  return { text, ranges };
}
