import nlp from 'compromise';
import fs from 'node:fs';
import { extract } from './dist/pipeline/extract/index.js';
const docs = fs.readFileSync('/work/shared/eval-data/corpus/acl-anthology.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, 3000).map((l) => JSON.parse(l)).map((d) => ({ id: d.id, title: d.title, abstract: d.abstract }));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
// warm
for (const d of docs.slice(0, 200)) { nlp(`${d.title}\n${d.abstract}`).json(); extract(d); }
let a = 0, b = 0;
for (let c = 0; c < docs.length; c += 250) {
  const chunk = docs.slice(c, c + 250);
  const order = (c / 250) % 2 === 0;
  for (const k of order ? [0, 1] : [1, 0]) {
    const t = cpu();
    if (k === 0) for (const d of chunk) nlp(`${d.title}\n${d.abstract}`).json(); else for (const d of chunk) extract(d);
    if (k === 0) a += cpu() - t; else b += cpu() - t;
  }
}
console.log('json ms', a.toFixed(0), 'extract ms', b.toFixed(0), 'ratio (rate extract / rate json)', (a / b).toFixed(3));
