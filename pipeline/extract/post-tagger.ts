/**
 * compromise's post-tagger (its last tagging step: some 570 match rules that mend the first pass's tags), run with
 * the same rules, the same matcher and the same tagger, in the same order, but with a cheaper choice of which rules
 * to try on each clause.
 *
 * compromise's own sweep picks the rules worth trying on a clause by walking all of its ~730 hook words and tags and
 * keeping those the clause holds, then drops duplicates through an object keyed by each rule's text. On scientific
 * abstracts that choice cost more than a fifth of the whole parse. Here the walk goes the other way, over the
 * clause's own few dozen words and tags, sorted back into compromise's hook order (the order rules are applied in,
 * which decides between rules that disagree), and duplicates are dropped by a per-rule stamp. Everything else is
 * compromise's: `buildNet`, `cacheDoc`, `match`, `bulkTagger` and `quickSplit`, reached through `nlp.methods()`.
 *
 * A test checks that the tags are compromise's own `nlp(text)` tags, and if a future compromise lacks one of the
 * methods used here, the post-tagger runs compromise's own step instead. Each {@link createPostTagger} has its own net
 * and stamps (an extractor owns one), so nothing here is shared between extractors.
 */
import nlp from 'compromise';

/** A compromise term, as far as this module reads it. */
interface Term {
  index?: [n?: number, start?: number];
}

/** A compromise view (what `nlp.tokenize` returns), as far as this module uses it. */
interface View {
  docs: Term[][];
  update(pointers: number[][]): View;
  uncache(): unknown;
  unfreeze?(): unknown;
  compute(hook: string): unknown;
}

/** One post-tagger rule after compromise's `buildNet` parsed it. */
interface Rule {
  match: string;
  needs: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  ifNo?: string[];
}

interface Net {
  hooks: Record<string, Rule[]>;
  always: Rule[];
}

interface Methods {
  one: {
    buildNet(rules: object[], world: object): Net;
    cacheDoc(docs: Term[][]): Set<string>[];
    match(docs: Term[][], rule: Rule): { ptrs: number[][] };
    bulkTagger(found: object[], docs: Term[][], world: object): void;
  };
  two: { quickSplit(docs: Term[][]): Term[][] };
}

/** A rule as the sweep below tests it: its cache needs and wants as places in the hook order. */
interface Entry {
  rule: Rule;
  /** Shared by rules of the same text (compromise drops repeats of a text). */
  id: number;
  needs: Int32Array;
  wants: Int32Array;
}

/** The net in the form the sweep below walks it. */
interface Index {
  /** Hook (a word, "#Tag" or "%switch%") → its place in compromise's hook order. */
  keyIndex: Map<string, number>;
  /** Rules by hook place. */
  lists: Entry[][];
  always: Rule[];
  /** The clause each rule id was last tried on. */
  tried: Uint32Array;
  /** The clause each hook was last present in. */
  present: Uint32Array;
  /** The stamp of the clause being swept: `tried` and `present` hold it for what that clause has. */
  clock: number;
}

const world = nlp.world() as { model?: { two?: { matches?: Record<string, unknown>[] } } };
const methods = nlp.methods() as Partial<Methods> & { one?: Partial<Methods['one']>; two?: Partial<Methods['two']> };

/** True when the compromise in use has every method the sweep below calls. */
function usable(): boolean {
  const one = methods.one;
  return (
    typeof one?.buildNet === 'function' &&
    typeof one.cacheDoc === 'function' &&
    typeof one.match === 'function' &&
    typeof one.bulkTagger === 'function' &&
    typeof methods.two?.quickSplit === 'function' &&
    Array.isArray(world.model?.two?.matches)
  );
}

/**
 * The post-tagger's net, built by compromise's `buildNet` from copies of its rules: `buildNet` parses a rule's
 * `notIf` in place, and compromise builds its own net from the originals the first time it tags (before or after
 * this), so each must get rules in the state it expects. A `notIf` compromise has parsed already is kept as parsed.
 */
function buildIndex(): Index | null {
  if (!usable()) return null;
  const m = methods as Methods;
  const parsed = new Map<Record<string, unknown>, unknown>();
  const copies = (world.model!.two!.matches as Record<string, unknown>[]).map((rule) => {
    const copy = { ...rule };
    if (copy.notIf !== undefined && typeof copy.notIf !== 'string') {
      parsed.set(copy, copy.notIf);
      delete copy.notIf;
    }
    return copy;
  });
  const net = m.one.buildNet(copies, world);
  for (const [copy, notIf] of parsed) copy.notIf = notIf;
  const keys = Object.keys(net.hooks);
  const keyIndex = new Map(keys.map((k, i) => [k, i]));
  // Every need and want of a rule is one of its hooks (buildNet files the rule under each), so each has a place.
  const places = (items: readonly string[]): Int32Array => Int32Array.from(items, (item) => keyIndex.get(item) ?? -1);
  const byText = new Map<string, number>();
  const entries = new Map<Rule, Entry>();
  const lists = keys.map((k) =>
    (net.hooks[k] as Rule[]).map((rule) => {
      let entry = entries.get(rule);
      if (entry === undefined) {
        let id = byText.get(rule.match);
        if (id === undefined) byText.set(rule.match, (id = byText.size));
        entries.set(rule, (entry = { rule, id, needs: places(rule.needs), wants: places(rule.wants) }));
      }
      return entry;
    }),
  );
  // Should a future compromise file a rule under fewer hooks than its needs and wants, use its own step instead.
  for (const entry of entries.values()) if (entry.needs.includes(-1) || entry.wants.includes(-1)) return null;
  return {
    keyIndex,
    lists,
    always: net.always,
    tried: new Uint32Array(byText.size),
    present: new Uint32Array(keys.length),
    clock: 0,
  };
}

/**
 * True when a rule passes compromise's cache tests (its sweep's trim-down step) on the clause holding `cache`, whose
 * hooks are stamped `clock` in `present`.
 */
function worthTrying(entry: Entry, present: Uint32Array, clock: number, cache: Set<string>, words: number): boolean {
  const rule = entry.rule;
  if (rule.minWords > words) return false;
  for (let i = 0; i < entry.needs.length; i++) if (present[entry.needs[i] as number] !== clock) return false;
  if (rule.ifNo !== undefined) for (const no of rule.ifNo) if (cache.has(no)) return false;
  if (entry.wants.length > 0) {
    let found = 0;
    for (let i = 0; i < entry.wants.length; i++) if (present[entry.wants[i] as number] === clock) found++;
    if (found < rule.minWant) return false;
  }
  return true;
}

/** compromise's `bulkMatch` (its sweep) over `docs`, with the rules chosen as described above; then its tagger. */
function sweep(docs: Term[][], ix: Index): void {
  const m = methods as Methods;
  const caches = m.one.cacheDoc(docs);
  const found: object[] = [];
  const hits: number[] = [];
  for (let n = 0; n < docs.length; n++) {
    const cache = caches[n] as Set<string>;
    const words = (docs[n] as Term[]).length;
    if (++ix.clock === 0xffffffff) {
      ix.tried.fill(0);
      ix.present.fill(0);
      ix.clock = 1;
    }
    const clock = ix.clock;
    hits.length = 0;
    for (const item of cache) {
      const at = ix.keyIndex.get(item);
      if (at !== undefined) {
        hits.push(at);
        ix.present[at] = clock;
      }
    }
    hits.sort((a, b) => a - b);
    for (const at of hits) {
      for (const entry of ix.lists[at] as Entry[]) {
        if (ix.tried[entry.id] === clock) continue;
        ix.tried[entry.id] = clock;
        if (worthTrying(entry, ix.present, clock, cache, words)) matchRule(docs, n, entry.rule, found);
      }
    }
    // Rules with nothing to hook on are tried on every clause (compromise has none at present).
    for (const rule of ix.always) if (rule.minWords <= words) matchRule(docs, n, rule, found);
  }
  m.one.bulkTagger(found, docs, world);
}

/** Runs `rule` on clause `n` of `docs` with compromise's matcher; each match goes to `found` as its sweep files it. */
function matchRule(docs: Term[][], n: number, rule: Rule, found: object[]): void {
  for (const pointer of (methods as Methods).one.match([docs[n] as Term[]], rule).ptrs) {
    pointer[0] = n;
    found.push(Object.assign({}, rule, { pointer }));
  }
}

/** Runs compromise's post-tagger step on `doc`, a view from `nlp.tokenize` that has run every step before it. */
export type PostTagger = (doc: object) => void;

/** A post-tagger with its own net (built on its first use, from compromise's rules) and its own stamps. */
export function createPostTagger(): PostTagger {
  let index: Index | null | undefined;
  return (doc) => {
    const view = doc as View;
    if (index === undefined) index = buildIndex();
    if (index === null) {
      view.compute('postTagger');
      return;
    }
    // As compromise's own step: the rules run on clauses (the sentences split at commas and semicolons).
    const clauses = (methods as Methods).two.quickSplit(view.docs);
    const pointers = clauses.map((terms) => {
      const [sentence = 0, start = 0] = (terms[0] as Term).index ?? [];
      return [sentence, start, start + terms.length];
    });
    sweep(view.update(pointers).docs, index);
    view.uncache();
    view.unfreeze?.();
  };
}
