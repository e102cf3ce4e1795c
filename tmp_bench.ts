import { readProgress } from './src/core/reader';
import { parseCell } from './src/core/values';
import { templateSpec } from './src/core/template';
const headers = templateSpec([2022, 2023, 2024, 2025, 2026])[0].columns.map(c => c.header);
const rows: (string|number)[][] = [headers];
for (let i = 0; i < 2000; i++) {
  const r = headers.map(() => '' as string|number);
  r[0] = i % 3 === 0 ? `${1 + (i % 9)}-${i}` : ''; r[4] = i % 3 === 0 ? `プラン${i}` : ''; r[5] = '情報政策課'; r[7] = `指標${i}`;
  r[11] = '1,234件/年'; r[12] = '令和2年度'; r[13] = '5,000件/年'; r[14] = '令和8年度';
  for (let c = 15; c < 25; c++) r[c] = c % 2 ? `${i * 3}件` : '—';
  rows.push(r);
}
for (let k = 0; k < 3; k++) {
const t0 = Date.now();
const res = readProgress({ 'プラン・指標': { name: 'プラン・指標', values: rows } }, { today: new Date(2025, 5, 1) });
console.log('ms', Date.now() - t0, res.data.plans.length, res.issues.length);
}
let t1 = Date.now(); for (let i = 0; i < 30000; i++) parseCell(`${i},234件/年`); console.log('parseCell x30000', Date.now() - t1);
