// getLastReport (the sidebar's 報告書 tab) through the built bundle: nothing before the first
// report, then the newest row of 報告書履歴 with the Doc's folder, and a trashed Doc said so.
import type { LastReportView, ReportSummary } from '../../src/addon/api';
import { SHEETS } from '../../src/core/schema';
import type { LocalDriveApp } from '../../src/local/gas/drive';
import { records, sampleSession } from './helpers';

describe('getLastReport', () => {
  const s = sampleSession();

  test('is null before any report was made', () => {
    expect(s.run('getLastReport').result).toBeNull();
  });

  test('returns the newest report on 報告書履歴, its folder and who could not be shared with', () => {
    const first = s.run('createReport').result as ReportSummary;
    const second = s.run('createReport').result as ReportSummary;
    expect(records(s, SHEETS.reports)).toHaveLength(2);
    const last = s.run('getLastReport').result as LastReportView;
    expect(last.url).toBe(second.url);
    expect(last.url).not.toBe(first.url);
    expect(last.name).toBe(second.name);
    expect(last.folder).toEqual(second.folder);
    expect(last.period).toMatch(/令和4年度/);
    expect(last.when).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(last.shared).toMatch(new RegExp(`^${second.shared}名（`));
    expect(last.failed).toMatch(/^1名（山田 三郎）$/);
    expect(last.available).toBe(true);
  });

  test('says when the Doc is in the trash', () => {
    const last = s.run('getLastReport').result as LastReportView;
    const id = /\/d\/([^/]+)/.exec(last.url)![1];
    // A person trashes it in Drive (outside the add-on).
    (s.runtime.globals.DriveApp as unknown as LocalDriveApp).localTrash(id);
    const again = s.run('getLastReport').result as LastReportView;
    expect(again.available).toBe(false);
    expect(again.url).toBe(last.url);
  });

  test('refuses arguments (the sidebar sends none)', () => {
    expect(() => s.run('getLastReport', 'x').result).toThrow(/要求の形式が正しくありません/);
  });
});
