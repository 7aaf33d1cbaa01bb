/**
 * A small corpus for task pages (`kg task`, /api/task): named entity recognition papers 2016-2021 (BiLSTM-CRF until
 * 2018, BERT after, CoNLL-2003, OntoNotes, F1), sentiment papers that report accuracy on SST-2, and a tagging paper
 * with a result on CoNLL-2003 that never names the task. Results are written into the papers' records here, as the
 * results extractor will (papers.jsonl `results`), since the shipped extractor does not read them yet.
 */
import type { KnowledgeGraph, PaperRecord } from '../../graph/index.js';
import type { Mention, ReportedResult } from '../../pipeline/core/types.js';
import { ingest } from '../../pipeline/ingest/index.js';
import { corpusGraph } from './graph.js';

/** The corpus as JSON lines. */
export function taskCorpus(): string {
  const lines: object[] = [];
  for (let year = 2016; year <= 2021; year++) {
    for (let i = 0; i < 4; i++) {
      const m = year < 2019 ? 'BiLSTM-CRF' : 'BERT';
      const value = (88 + (year - 2016) + i / 10).toFixed(1);
      lines.push({
        id: `ner-${year}-${i}`,
        year,
        title: `Named entity recognition study ${i} of ${year}`,
        abstract:
          `We present a ${m} tagger for named entity recognition (NER). Our ${m} model achieves ${value} F1 on ` +
          `CoNLL-2003 and improves results on OntoNotes.${i === 3 ? ' We also report accuracy.' : ''}`,
      });
    }
    for (let i = 0; i < 4; i++)
      lines.push({
        id: `sa-${year}-${i}`,
        year,
        title: `Sentiment analysis of reviews ${i} of ${year}`,
        abstract: `We study sentiment analysis of reviews with a convolutional network. The model reaches ${80 + i}.5 % accuracy on SST-2. Accuracy is reported for all classes.`,
      });
  }
  lines.push({
    id: 'pos-2020',
    year: 2020,
    title: 'Part-of-speech tagging of news',
    abstract: 'We train a part-of-speech tagger for news. The tagger reaches 97.1 accuracy on CoNLL-2003 sentences.',
  });
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}

/** The results of one record: each "NUMBER [%] METRIC on DATASET" its sentences state, where the mentions are found. */
function resultsOf(text: string, mentions: readonly Mention[]): ReportedResult[] {
  const out: ReportedResult[] = [];
  const find = (from: number, to: number, test: (m: Mention) => boolean): number | undefined => {
    const i = mentions.findIndex((m) => m.start >= from && m.end <= to && test(m));
    return i < 0 ? undefined : i;
  };
  for (const match of text.matchAll(/(\d+\.\d)( %)? (F1|accuracy) on (CoNLL-2003|SST-2)/g)) {
    const start = match.index;
    const sentenceStart = text.lastIndexOf('. ', start) + 2;
    const sentenceEnd = text.indexOf('.', start + match[0].length) + 1;
    const metric = find(start, start + match[0].length, (m) => m.text.toLowerCase() === match[3]!.toLowerCase());
    const dataset = find(start, sentenceEnd, (m) => m.text === match[4]);
    const method = find(sentenceStart, start, (m) => m.type === 'method');
    if (metric === undefined) continue;
    out.push({
      metric,
      ...(dataset === undefined ? {} : { dataset }),
      ...(method === undefined ? {} : { method }),
      value: Number(match[1]),
      ...(match[2] ? { unit: '%' as const } : {}),
      start,
      end: start + match[1]!.length,
      sentence: [sentenceStart, sentenceEnd],
    });
  }
  return out;
}

/** The graph of {@link taskCorpus} as `kg run` builds it, and its papers' records with their results. */
export function taskGraph(): { graph: KnowledgeGraph; records: Map<string, PaperRecord> } {
  const { papers } = ingest([{ file: 'task.jsonl', content: Buffer.from(taskCorpus()) }]);
  const built = corpusGraph(papers);
  const byId = new Map(built.results.map((r) => [r.id, r]));
  const records = new Map<string, PaperRecord>();
  for (const p of built.papers) {
    const r = byId.get(p.id)!;
    const results = resultsOf(`${p.title}\n${p.abstract}`, r.mentions);
    records.set(p.id, { ...p, mentions: r.mentions, relations: r.relations, ...(results.length ? { results } : {}) });
  }
  return { graph: built.graph, records };
}
