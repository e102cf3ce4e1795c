// 年度更新: next spring the progress sheet gets the next fiscal year's actual columns (実績, and
// 中間 when the sheet keeps them), made after the sheet's own latest-year columns (same header
// pattern, same place), and 評価年度 on 設定 moves on. Pure: decides the columns and texts; the
// add-on inserts them and can undo it.
import type { Grid } from './model';
import type { Layout, PeriodColumn } from './layout';
import { parsePeriodHeader, parseFiscalYear, warekiLabel } from './periods';
import { settingFieldOf, settingsColumns } from './settings';
import { gridCellText } from './cells';

export interface NewColumn {
  /** 0-based column of the latest year's column this one follows the pattern of. */
  from: number;
  /** Header text per header row (top first); '' leaves the cell blank. */
  headers: string[];
  kind: 'year' | 'mid';
}

export interface RolloverPlan {
  fromYear: number;
  toYear: number;
  /** Insert after this 0-based column (the last of the latest year's columns); -1 when none are added. */
  after: number;
  columns: NewColumn[];
  /** 評価年度 on 設定: where and what to write; null when 設定 has no such row. */
  setting: { sheet: string; row: number; col: number; before: string; after: string } | null;
}

const FULL = '０１２３４５６７８９';
const toHalf = (s: string): string => s.replace(/[０-９]/g, (d) => String(FULL.indexOf(d)));

/**
 * The header of the same column one year on, in the header's own style: 令和7年度 → 令和8年度,
 * R7中間 → R8中間, Ｒ７実績 → Ｒ８実績, 2025年度 → 2026年度, H30 → R1 (the era changes in 2019).
 * Null when the header names no year this can move.
 */
export function shiftHeader(header: string, from: number, to: number): string | null {
  const half = toHalf(header);
  const fullWidth = half !== header;
  const digits = (n: number): string => (fullWidth ? String(n).replace(/\d/g, (d) => FULL[+d]) : String(n));
  const reiwa = (fy: number) => fy - 2018;
  const heisei = (fy: number) => fy - 1988;
  const patterns: [RegExp, (m: RegExpExecArray) => string | null][] = [
    [/(令和)(\d{1,2}|元)(年度?)?/, (m) => (eraYear(m[2]) === reiwa(from) ? `令和${digits(reiwa(to))}${m[3] ?? ''}` : null)],
    [/(平成)(\d{1,2}|元)(年度?)?/, (m) => (eraYear(m[2]) === heisei(from) ? (to >= 2019 ? `令和${to === 2019 ? '元' : digits(reiwa(to))}${m[3] ?? ''}` : `平成${digits(heisei(to))}${m[3] ?? ''}`) : null)],
    [/(^|[^A-Za-z])([RＲｒr])(\d{1,2})/, (m) => (+m[3] === reiwa(from) ? `${m[1]}${m[2]}${digits(reiwa(to))}` : null)],
    [/(^|[^A-Za-z])([HＨｈh])(\d{1,2})/, (m) => (+m[3] === heisei(from) ? `${m[1]}${to >= 2019 ? (m[2] === 'Ｈ' ? 'Ｒ' : 'R') : m[2]}${digits(to >= 2019 ? reiwa(to) : heisei(to))}` : null)],
    [/(\d{4})(年度?)?/, (m) => (+m[1] === from ? `${digits(to)}${m[2] ?? ''}` : null)],
  ];
  for (const [re, make] of patterns) {
    const m = re.exec(half);
    if (!m) continue;
    const replacement = make(m);
    if (replacement === null) continue;
    // Replace in the original text at the same position (full-width digits keep their width).
    return header.slice(0, m.index) + replacement + header.slice(m.index + m[0].length);
  }
  return null;
}

function eraYear(s: string): number {
  return s === '元' ? 1 : Number(s);
}

/** The 評価年度 row of 設定, found by the reader's own key rule (the last one wins, as there). */
function settingRow(settings: Grid | undefined): { row: number; col: number; text: string } | null {
  if (!settings) return null;
  const { keyCol, valCol, start } = settingsColumns(settings.values);
  let found: { row: number; col: number; text: string } | null = null;
  for (let r = start; r < settings.values.length; r++) {
    if (settingFieldOf(gridCellText(settings, r, keyCol)) === 'evaluationYear') found = { row: r, col: valCol, text: gridCellText(settings, r, valCol) };
  }
  return found;
}

/** 令和7年度 → 令和8年度, R7 → R8, 2025 → 2026; other spellings become 令和8年度. */
function nextSetting(text: string, from: number, to: number): string {
  return (text && shiftHeader(text, from, to)) || `${warekiLabel(to)}`;
}

function hasFigures(progress: Grid, layout: Layout, cols: PeriodColumn[]): boolean {
  return cols.some((p) => {
    for (let r = layout.firstDataRow; r < progress.values.length; r++) if (gridCellText(progress, r, p.col)) return true;
    return false;
  });
}

/**
 * What 年度更新 does: the evaluation year (評価年度 on 設定, else the latest year with figures)
 * moves on by one; when the sheet has no column for that year yet, columns are added after the
 * latest year's, one per kind that year has (中間, 実績). Throws a Japanese message when there
 * is nothing to follow or the current year has no figures yet (a second press by mistake).
 */
export function planRollover(layout: Layout, progress: Grid, settings: Grid | undefined): RolloverPlan {
  const periods = layout.periods;
  if (periods.length === 0) {
    throw new Error(`「${layout.sheet}」に年度の実績列（例: R7実績、令和7年度）が見つからないため、年度更新できません。実績の列見出しに年度を入れてください。`);
  }
  const s = settingRow(settings);
  const typed = s ? parseFiscalYear(s.text) : null;
  const withFigures = periods.filter((p) => hasFigures(progress, layout, [p])).map((p) => p.period.fiscalYear);
  const current = typed ?? (withFigures.length ? Math.max(...withFigures) : null);
  if (current === null) throw new Error(`「${layout.sheet}」の実績列にまだ数値がありません。年度更新は、その年度の実績が入ってから行います。`);
  const currentCols = periods.filter((p) => p.period.fiscalYear === current);
  if (!hasFigures(progress, layout, currentCols)) {
    throw new Error(`評価年度（${warekiLabel(current)}）の実績がまだ入っていません。年度更新は、その年度の実績が入ってから行います（二度押しの防止）。`);
  }
  const fromYear = current;
  const toYear = current + 1;
  const setting = s && settings ? { sheet: settings.name, row: s.row, col: s.col, before: s.text, after: nextSetting(s.text, fromYear, toYear) } : null;
  if (periods.some((p) => p.period.fiscalYear === toYear)) {
    // The sheet already has the next year's columns: only 評価年度 moves.
    return { fromYear, toYear, after: -1, columns: [], setting };
  }
  const lastYear = Math.max(...periods.map((p) => p.period.fiscalYear));
  const latest: PeriodColumn[] = periods.filter((p) => p.period.fiscalYear === lastYear);
  const after = Math.max(...latest.map((p) => p.col));
  const columns: NewColumn[] = latest.map((p) => {
    const kind = p.period.kind === 'mid' ? 'mid' : 'year';
    const headers: string[] = [];
    for (let r = layout.headerRow; r < layout.headerRow + layout.headerRows; r++) {
      const text = gridCellText(progress, r, p.col);
      const shifted = text ? shiftHeader(text, lastYear, toYear) : null;
      headers.push(shifted ?? (r === layout.headerRow + layout.headerRows - 1 ? '' : text));
    }
    // The header the reader reads must name the new year; else write a plain one.
    const parsed = parsePeriodHeader(headers.filter(Boolean).join(''));
    if (!parsed || parsed.fiscalYear !== toYear || (parsed.kind === 'mid') !== (kind === 'mid')) {
      headers[headers.length - 1] = `${warekiLabel(toYear)}${kind === 'mid' ? '中間' : '実績'}`;
      for (let i = 0; i < headers.length - 1; i++) headers[i] = '';
    }
    return { from: p.col, headers, kind };
  });
  return { fromYear, toYear, after, columns, setting };
}
