/**
 * Which annotation convention fits a text. kg ships two taggers: "abstracts", trained on SciERC (AI and NLP
 * abstracts, selective spans: the named methods, tasks and data), and "journal", trained on ScienceIE (journal
 * paragraphs in physics, materials science and computer science, where every process and material counts:
 * "water", "annealing") together with SciERC through domain-augmented features (Daumé III 2007, "Frustratingly
 * easy domain adaptation"). A text is routed to one of them by a word-level naive Bayes log-odds score learnt from
 * the training texts of both sets plus ACL abstracts: the sum over the text's words of
 * `log P(word | journal) − log P(word | abstracts)`, journal when it exceeds JOURNAL_MARGIN. The margin keeps short
 * or unclear texts with the abstracts tagger, kg's main case: on the train texts it routes 0.9 % of SciERC, 83 % of
 * ScienceIE and none of 3,000 ACL abstracts the router did not read to the journal tagger.
 */

export const DOMAINS = ['abstracts', 'journal'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Log-odds a text needs to go to the journal tagger (e^5 ≈ 150 : 1). */
export const JOURNAL_MARGIN = 5;

export function isDomain(value: unknown): value is Domain {
  return typeof value === 'string' && (DOMAINS as readonly string[]).includes(value);
}

/** The saved router: what `kg train` writes beside the taggers. */
export interface DomainRouterFile {
  format: 'kg-domain/1';
  trainedOn: Record<string, unknown>;
  /** word → log P(word | journal) − log P(word | abstracts), rounded; words with a small ratio left out (0). */
  words: Record<string, number>;
}

/** The words the router reads: lower-case runs of letters and hyphens. */
export function domainWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z-]+/g) ?? [];
}

export class DomainRouter {
  private readonly words: Map<string, number>;

  constructor(file: DomainRouterFile) {
    if (file.format !== 'kg-domain/1') throw new Error(`unknown domain router format ${String(file.format)}`);
    this.words = new Map(Object.entries(file.words));
  }

  /** Log-odds of "journal" summed over the text's words (0 for a text without words). */
  score(text: string): number {
    let sum = 0;
    for (const w of domainWords(text)) sum += this.words.get(w) ?? 0;
    return sum;
  }

  route(text: string): Domain {
    return this.score(text) > JOURNAL_MARGIN ? 'journal' : 'abstracts';
  }
}
