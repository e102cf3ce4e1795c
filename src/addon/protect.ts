// 担当課ごとに保護 / 保護を解除: per-department edit rights on the shared progress sheet.
// Each department's rows (its indicators' rows; the plan's first row for the 主担当課) can be
// edited by the department's addresses on 担当課 and the 事務局 only; the header rows, the
// add-on's own columns and its output sheets by the 事務局 only. A department without an address
// gets a warning-only protection. Every protection the add-on makes carries a description
// starting with PROTECTION_PREFIX: re-running replaces exactly those, 保護を解除 removes exactly
// those, and protections people made are never touched.
import type { ProtectSummary } from './api';
import type { Plan } from '../core/model';
import { readProgress } from '../core/reader';
import { OUTPUT_SHEETS, OWNED_COLUMNS, SHEETS } from '../core/schema';
import { UserError } from './errors';
import { INPUT_SHEETS, readInputs } from './inputs';
import { withDocumentLock } from './lock';
import { currentUser } from './run-log';

/**
 * Marks the protections this command makes, and only those: other commands' protections (e.g. the
 * 確定値 sheet's, also the add-on's) are left alone by re-running and by 保護を解除.
 */
export const PROTECTION_PREFIX = '進捗管理アドオン（担当課ごとの保護）:';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

export function isAddonProtection(description: string): boolean {
  return description.startsWith(PROTECTION_PREFIX);
}

/** Department of each data row (1-based sheet row): the indicator's, else the plan's lead. */
export function rowDepartments(plans: readonly Plan[], sheet: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const plan of plans) {
    if (plan.sheet !== sheet) continue;
    for (const ind of plan.indicators) out.set(ind.row, ind.department || plan.mainDept);
    if (!out.has(plan.row) && plan.mainDept) out.set(plan.row, plan.mainDept);
  }
  return out;
}

/** Consecutive rows of the same department, as [first, last, department]. */
export function departmentBlocks(rows: Map<number, string>): [number, number, string][] {
  const sorted = [...rows.entries()].filter(([, d]) => d).sort((a, b) => a[0] - b[0]);
  const blocks: [number, number, string][] = [];
  for (const [row, dept] of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last[2] === dept && last[1] === row - 1) last[1] = row;
    else blocks.push([row, row, dept]);
  }
  return blocks;
}

/** Column spans 1..width without the given (1-based) columns. */
function spansWithout(width: number, skip: readonly number[]): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let c = 1; c <= width + 1; c++) {
    const cut = c > width || skip.includes(c);
    if (cut) {
      if (start) spans.push([start, c - 1]);
      start = 0;
    } else if (!start) {
      start = c;
    }
  }
  return spans;
}

/** Removes every protection the add-on made (RANGE and SHEET); returns how many. */
function removeOwn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  let n = 0;
  for (const type of [SpreadsheetApp.ProtectionType.RANGE, SpreadsheetApp.ProtectionType.SHEET]) {
    for (const p of ss.getProtections(type)) {
      if (!isAddonProtection(p.getDescription())) continue;
      p.remove();
      n++;
    }
  }
  return n;
}

/**
 * Only the 事務局 (the person running this and the owner, who can never be removed, and the
 * 事務局メンバー of 設定) and `extra`.
 */
function restrict(p: Protection, extra: readonly string[], secretariat: readonly string[]): void {
  p.removeEditors(p.getEditors().map((u) => u.getEmail()));
  const editors = [...new Set([...secretariat, ...extra])];
  if (editors.length) p.addEditors(editors);
}

export function protectByDepartment(): ProtectSummary {
  return withDocumentLock('担当課ごとに保護', () => {
    const inputs = readInputs(INPUT_SHEETS, OUTPUT_SHEETS);
    const read = readProgress(inputs.grids, { today: new Date() });
    const layout = read.layout;
    if (layout.error) throw new UserError(layout.error);
    const sheet = inputs.sheets.get(layout.sheet) ?? inputs.ss.getSheetByName(layout.sheet);
    const grid = inputs.grids[layout.sheet];
    if (!sheet || !grid) throw new UserError(`「${layout.sheet}」シートが見つかりません。`);
    const who = currentUser();
    if (!who.includes('@')) {
      throw new UserError('実行している方のメールアドレスが分からないため、保護を設定できません（事務局が編集できなくなるおそれがあります）。Googleアカウントにログインし直してから実行してください。');
    }
    const depts = new Map(read.data.departments.map((d) => [d.name, d]));
    const secretariat = read.data.settings.secretariat ?? [];
    const width = Math.max(layout.headers.length, ...grid.values.map((r) => r.length));
    const owned = [layout.columns.check, layout.columns.mergedInto].filter((c): c is number => c !== undefined).map((c) => c + 1);
    const dataSpans = spansWithout(width, owned);
    const blocks = departmentBlocks(rowDepartments(read.data.plans, layout.sheet));
    const lastRow = grid.values.length;
    const firstData = layout.firstDataRow + 1;

    const removed = removeOwn(inputs.ss);
    let made = 0;
    const protect = (range: GoogleAppsScript.Spreadsheet.Range, what: string, editors: readonly string[] | null): void => {
      const p = range.protect().setDescription(`${PROTECTION_PREFIX} ${what}`);
      if (editors === null) p.setWarningOnly(true);
      else restrict(p, editors, secretariat);
      made++;
    };

    // Header rows: the reader depends on them.
    if (firstData > 1) protect(sheet.getRange(1, 1, firstData - 1, width), '見出し（事務局のみ）', []);
    const perDept = new Map<string, { rows: number; warningOnly: boolean; emails: string[] }>();
    for (const [first, last, name] of blocks) {
      const d = depts.get(name);
      const emails = d?.emails ?? [];
      const entry = perDept.get(name) ?? { rows: 0, warningOnly: emails.length === 0, emails };
      entry.rows += last - first + 1;
      perDept.set(name, entry);
      for (const [c1, c2] of dataSpans) {
        protect(sheet.getRange(first, c1, last - first + 1, c2 - c1 + 1), `担当課 ${name}（${first}〜${last}行）`, emails.length ? emails : null);
      }
    }
    // The add-on's own columns, over every data row.
    if (lastRow >= firstData) {
      for (const c of owned) {
        const header = c - 1 === layout.columns.check ? OWNED_COLUMNS.check : OWNED_COLUMNS.mergedInto;
        protect(sheet.getRange(firstData, c, lastRow - firstData + 1, 1), `アドオンの列 ${header}（事務局のみ）`, []);
      }
    }
    // The add-on's output sheets. A sheet someone already protected keeps their protection.
    const skipped: string[] = [];
    for (const name of OUTPUT_SHEETS) {
      const out = inputs.sheets.get(name);
      if (!out) continue;
      if (sheetProtected(out)) {
        skipped.push(name);
        continue;
      }
      const p = out.protect().setDescription(`${PROTECTION_PREFIX} 出力シート ${name}（事務局のみ）`);
      restrict(p, [], secretariat);
      made++;
    }

    const departments = [...perDept.entries()].map(([name, e]) => ({
      department: name, rows: e.rows, editors: e.emails, warningOnly: e.warningOnly, known: depts.has(name),
    }));
    const warn = departments.filter((d) => d.warningOnly).map((d) => d.department);
    const warnings = [
      ...(warn.length ? [`メールアドレスのない課（${warn.join('、')}）の行は、編集時に警告を出す保護にしました。「${SHEETS.departments}」シートにアドレスを入れてから、もう一度実行してください。`] : []),
      ...(skipped.length ? [`すでに保護されているシート（${skipped.join('、')}）の保護は変更していません。`] : []),
    ];
    return {
      message: `「${layout.sheet}」シートを担当課ごとに保護しました（${departments.length} 課、保護 ${made} 件${removed ? `。以前の保護 ${removed} 件を置き換え` : ''}）。担当課の行はその課のアドレスと事務局（${who}${secretariat.length ? `、事務局メンバー ${secretariat.length} 名` : ''}）だけが編集できます。`,
      protections: made,
      replaced: removed,
      departments,
      warnings,
    };
  });
}

function sheetProtected(sheet: Sheet): boolean {
  return sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).some((p) => !isAddonProtection(p.getDescription()));
}

export function unprotectAll(): string {
  return withDocumentLock('保護を解除', () => {
    const n = removeOwn(SpreadsheetApp.getActiveSpreadsheet());
    return n ? `アドオンが設定した保護 ${n} 件を解除しました（ほかの方が設定した保護はそのままです）。` : 'アドオンが設定した保護はありません。';
  });
}
