// Figures and statuses read out of sentences (src/core/narrative.ts, docs/ratings.md §1.4).
// Cells are those of the issue and of the shared seeds (002 恵那市, 004 須賀川市).

import { figuresIn, readFigure, readStatus } from '../../src/core/narrative';
import { parseCell } from '../../src/core/values';

describe('a figure in a sentence', () => {
  test('labelled 【実績】, with the words read quoted', () => {
    expect(readFigure('市民向けスマホ教室を各地区で実施した。【実績】12回')).toEqual({ value: 12, unit: '回', quote: '…【実績】12回', how: 'label' });
    expect(readFigure('【実績】講座開催 12回（参加者 180人）')).toEqual(expect.objectContaining({ value: 12, unit: '回', how: 'label' }));
    expect(readFigure('実績：3,200件')).toEqual(expect.objectContaining({ value: 3200, unit: '件', how: 'label' }));
  });

  test('結果／目標 pairs', () => {
    expect(readFigure('結果／目標 3／4箇所')).toEqual({
      value: 3, unit: '箇所', quote: '結果/目標 3/4箇所', how: 'label', target: { value: 4, unit: '箇所', quote: '結果/目標 3/4箇所' },
    });
    expect(readFigure('実績/目標：120/150人')).toEqual(expect.objectContaining({ value: 120, unit: '人', target: expect.objectContaining({ value: 150 }) }));
  });

  test('a target beside the figure is kept apart from it', () => {
    expect(readFigure('登録者数 9,813人（目標 10,000人）')).toEqual({
      value: 9813, unit: '人', quote: '登録者数 9,813人', how: 'single', target: { value: 10000, unit: '人', quote: '…目標 10,000人' },
    });
    expect(readFigure('【目標】11,000人 【実績】10,512人')).toEqual(expect.objectContaining({ value: 10512, target: expect.objectContaining({ value: 11000 }) }));
  });

  test('unlabelled: the only figure, or the only one in the indicator\'s unit', () => {
    expect(readFigure('高齢者向けスマートフォン教室を12回開催した。')).toEqual(expect.objectContaining({ value: 12, unit: '回', how: 'single' }));
    expect(readFigure('教室を12回開催し、延べ180人が参加した。', '人')).toEqual(expect.objectContaining({ value: 180, unit: '人', how: 'unit' }));
    expect(readFigure('教室を12回開催し、延べ180人が参加した。')).toBeNull(); // two figures, no unit to choose by
    expect(figuresIn('教室を12回開催し、延べ180人が参加した。')).toEqual(['12回', '180人']);
  });

  test('years, dates, ordinals and codes are not figures', () => {
    expect(readFigure('令和5年4月1日から運用を開始した。')).toBeNull();
    expect(readFigure('第2回推進会議で報告した。')).toBeNull();
    expect(readFigure('【再掲1-②(8)】公共施設予約のオンライン化を実施')).toBeNull();
    expect(readFigure('R5年度に3施設へ導入した。')).toEqual(expect.objectContaining({ value: 3, unit: '施設' }));
  });

  test('scaled units (千円, 万人) are read in the base unit', () => {
    expect(readFigure('削減効果額は7,000千円/年となった。')).toEqual(expect.objectContaining({ value: 7000000, unit: '円/年' }));
  });
});

describe('a status from cue words', () => {
  test('the last strong cue decides; every cue is kept', () => {
    expect(readStatus('導入に向けて検討中')).toEqual({ status: '検討中', cues: ['検討'], decisive: '検討' });
    expect(readStatus('関係課と調査の上、システムを構築した。')).toEqual({ status: '実施済', cues: ['調査', '構築した'], decisive: '構築した' });
    expect(readStatus('検討したが、実施には至っていない。')?.status).toBe('未着手');
    expect(readStatus('未実施')?.status).toBe('未着手');
    expect(readStatus('R6年度に実施予定')?.status).toBe('未着手');
    expect(readStatus('国の動向を踏まえ事業を中止した。')?.status).toBe('中止');
    expect(readStatus('引き続き運用している。')?.status).toBe('実施中');
    expect(readStatus('目標は未達成')).toBeNull(); // 未達成 is not 達成
  });

  test('weak cues only when nothing stronger: 「…を行った。」', () => {
    expect(readStatus('庁内研修を行った。')).toEqual({ status: '実施済', cues: ['行った'], decisive: '行った' });
    expect(readStatus('導入に向けた検討を行った。')?.status).toBe('検討中');
  });

  test('no cue, no status', () => {
    expect(readStatus('市政経営会議のみ')).toBeNull();
    expect(readStatus('平成23年発行分まで')).toBeNull();
  });
});

describe('parseCell reads sentences instead of refusing them', () => {
  test('figure with the words read; status with the cues; a plain value is unchanged', () => {
    expect(parseCell('各地区で教室を実施した。【実績】12回')).toEqual({
      kind: 'number', value: 12, unit: '回', text: '各地区で教室を実施した。【実績】12回', read: { quote: '…【実績】12回', how: 'label' },
    });
    expect(parseCell('結果／目標 3／4箇所')).toEqual(expect.objectContaining({ kind: 'number', value: 3, read: expect.objectContaining({ target: expect.objectContaining({ value: 4 }) }) }));
    expect(parseCell('ＡＩチャットボットを構築した。')).toEqual({ kind: 'state', state: '実施済', text: 'ＡＩチャットボットを構築した。', read: { cues: ['構築した'], decisive: '構築した' } });
    expect(parseCell('12回')).toEqual({ kind: 'number', value: 12, unit: '回', text: '12回' });
    expect(parseCell('検討中')).toEqual({ kind: 'state', state: '検討中', text: '検討中' });
  });

  test('milestone words whatever the column: 実施, 導入済, 可/否, 予算化', () => {
    for (const t of ['実施', '導入', '導入済', '可', '予算化', '予算化済み']) expect(parseCell(t)).toEqual({ kind: 'milestone', done: true, text: t });
    for (const t of ['否', '不可']) expect(parseCell(t)).toEqual({ kind: 'milestone', done: false, text: t });
    expect(parseCell('未実施')).toEqual({ kind: 'state', state: '未実施', text: '未実施' });
    expect(parseCell('中止')).toEqual({ kind: 'state', state: '中止', text: '中止' });
  });

  test('text with neither a figure nor a cue stays an error that says what to type', () => {
    const p = parseCell('市政経営会議のみ');
    expect(p.kind).toBe('invalid');
  });
});
