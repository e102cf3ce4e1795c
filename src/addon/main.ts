// The add-on's global functions. The build turns every export of this module into a top-level
// function declaration of dist/Code.js; nothing else in the bundle is visible to Apps Script.
import { buildMenu } from './menu';
import { UserError, runFromMenu, userMessage } from './errors';
import { PICKER_NOT_SET_UP, pickerConfig, pickerDialogHtml } from './picker';
import { ACCOUNT_ERROR_MESSAGE, ACCOUNT_ERROR_PATTERN } from '../core/account';
import { showSidebar } from './sidebar';
import { runCheck as check } from './check';
import { runAggregate as aggregate } from './aggregate';
import { createTemplate } from './template';
import { handleEdit } from './on-edit';
import { serverApi } from './sidebar-api';
import { reportDialogHtml, runReport } from './report';
import { createMemberForm as makeForm, importMemberRatings as importRatings, sendMemberForm as mailForm } from './committee';
import { escapeHtml } from '../core/text';
import { runAutoRemind } from './requests';
import { protectByDepartment, unprotectAll } from './protect';
import { confirmPeriod as confirm, reopenPeriod as reopen } from './confirm';
import { runRollover as rollover, undoRollover as undoYear } from './rollover';

// --- triggers ---------------------------------------------------------------------------
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(SpreadsheetApp.getUi(), ADDON_MODE);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  // A simple trigger has no UI to alert in: a failure goes to the execution log, in Japanese.
  try {
    handleEdit(e);
  } catch (err) {
    throw new Error(userMessage(err));
  }
}

// --- menu handlers ----------------------------------------------------------------------
export function menuOpenSidebar(): void {
  showSidebar();
}

export function menuCheck(): void {
  runFromMenu('入力チェック', () => void check());
}

export function menuAggregate(): void {
  runFromMenu('集計', () => void aggregate());
}

export function menuTemplate(): void {
  runFromMenu('テンプレートを作成', () => void createTemplate());
}

export function menuMergeCandidates(): void {
  showSidebar('merge');
}

export function menuReport(): void {
  runFromMenu('報告書作成', () => {
    const summary = runReport();
    const html = HtmlService.createHtmlOutput(reportDialogHtml(summary)).setWidth(420).setHeight(200);
    SpreadsheetApp.getUi().showModalDialog(html, '報告書を作成しました');
  });
}

export function menuPickReportFolder(): void {
  runFromMenu('報告書フォルダを選択', () => {
    const config = pickerConfig();
    if (!config) throw new UserError(PICKER_NOT_SET_UP);
    const html = HtmlService.createHtmlOutput(pickerDialogHtml(config, ACCOUNT_ERROR_PATTERN, ACCOUNT_ERROR_MESSAGE)).setWidth(760).setHeight(520);
    SpreadsheetApp.getUi().showModalDialog(html, '報告書フォルダを選択');
  });
}

export function menuMemberForm(): void {
  runFromMenu('委員評価フォームを作成', () => {
    const ui = SpreadsheetApp.getUi();
    const r = ui.prompt('委員評価フォームを作成', '回答の締切を 2026-02-15 の形で入力してください（空欄なら締切なし）。', ui.ButtonSet.OK_CANCEL);
    if (r.getSelectedButton() !== ui.Button.OK) return;
    const f = makeForm(r.getResponseText());
    const html = HtmlService.createHtmlOutput(formDialogHtml(f.message, f.url, f.editUrl)).setWidth(460).setHeight(220);
    SpreadsheetApp.getUi().showModalDialog(html, '委員評価フォーム');
  });
}

export function menuSendMemberForm(): void {
  askThenRun('委員評価フォームを送る', '委員名簿の委員（共有の要否「要」）に、委員評価フォームのリンクをメールで送ります。送信しますか？', mailForm);
}

export function menuImportMemberRatings(): void {
  runFromMenu('委員評価を取り込む', () => {
    const s = importRatings();
    const ui = SpreadsheetApp.getUi();
    ui.alert('委員評価を取り込みました', s.message + (s.missing.length ? `\n未回答: ${s.missing.join('、')}` : ''), ui.ButtonSet.OK);
  });
}

export function menuConfirm(): void {
  askThenRun('確定', '評価年度の実績値・評価を「確定値」シートに記録し、以後の変更をお知らせします。確定しますか？', confirm);
}

export function menuReopen(): void {
  runFromMenu('確定を解除', () => {
    const ui = SpreadsheetApp.getUi();
    const r = ui.prompt('確定を解除', '解除する理由を入力してください（記録に残ります）。', ui.ButtonSet.OK_CANCEL);
    if (r.getSelectedButton() !== ui.Button.OK) return;
    ui.alert('確定を解除', reopen(r.getResponseText()).message, ui.ButtonSet.OK);
  });
}

export function menuRollover(): void {
  askThenRun('年度更新', '「プラン・指標」シートに次の年度の実績列を追加し（まだないとき）、設定の評価年度を進めます（「年度更新を元に戻す」で戻せます）。実行しますか？', rollover);
}

export function menuUndoRollover(): void {
  runFromMenu('年度更新を元に戻す', () => {
    const ui = SpreadsheetApp.getUi();
    ui.alert('年度更新を元に戻す', undoYear().message, ui.ButtonSet.OK);
  });
}

/** A menu action that changes a lot: asked first (はい／いいえ), its result shown after. */
function askThenRun(title: string, question: string, action: () => { message: string }): void {
  runFromMenu(title, () => {
    const ui = SpreadsheetApp.getUi();
    if (ui.alert(title, question, ui.ButtonSet.YES_NO) !== ui.Button.YES) return;
    ui.alert(title, action().message, ui.ButtonSet.OK);
  });
}

/** The dialog after creating the form: both links, user text escaped. */
function formDialogHtml(message: string, url: string, editUrl: string): string {
  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(label)}</a>`;
  return `<div style="font-family:sans-serif;font-size:13px;line-height:1.6"><p>${escapeHtml(message)}</p>` +
    `<p>委員の回答用: ${link(url, url)}</p><p>${link(editUrl, 'フォームを編集する（事務局用）')}</p></div>`;
}

export function menuRequests(): void {
  showSidebar('depts');
}

export function menuProtect(): void {
  runFromMenu('担当課ごとに保護', () => {
    const r = protectByDepartment();
    const ui = SpreadsheetApp.getUi();
    ui.alert('担当課ごとに保護しました', [r.message, ...r.warnings].join('\n\n'), ui.ButtonSet.OK);
  });
}

export function menuUnprotect(): void {
  runFromMenu('保護を解除', () => {
    const ui = SpreadsheetApp.getUi();
    ui.alert('保護を解除', unprotectAll(), ui.ButtonSet.OK);
  });
}

/** The automatic 督促's time-driven trigger (created by setAutoRemind; runs without a UI). */
export function autoRemind(_e?: GoogleAppsScript.Events.TimeDriven): void {
  runAutoRemind();
}

// --- sidebar API (google.script.run) ----------------------------------------------------
export const getOverview = serverApi.getOverview;
export const runCheck = serverApi.runCheck;
export const runAggregate = serverApi.runAggregate;
export const selectCell = serverApi.selectCell;
export const createReport = serverApi.createReport;
export const getLastReport = serverApi.getLastReport;
export const setReportFolder = serverApi.setReportFolder;
export const getMergeCandidates = serverApi.getMergeCandidates;
export const findPlans = serverApi.findPlans;
export const applyMerge = serverApi.applyMerge;
export const unmerge = serverApi.unmerge;
export const createMemberForm = serverApi.createMemberForm;
export const importMemberRatings = serverApi.importMemberRatings;
export const getDepartmentStatus = serverApi.getDepartmentStatus;
export const previewRequests = serverApi.previewRequests;
export const sendRequests = serverApi.sendRequests;
export const setAutoRemind = serverApi.setAutoRemind;
export const clearAutoRemind = serverApi.clearAutoRemind;
export const protectDepartments = serverApi.protectDepartments;
export const unprotectDepartments = serverApi.unprotectDepartments;
export const confirmPeriod = serverApi.confirmPeriod;
export const reopenPeriod = serverApi.reopenPeriod;
export const runRollover = serverApi.runRollover;
export const undoRollover = serverApi.undoRollover;
export const getColumnMapping = serverApi.getColumnMapping;
export const saveColumnMapping = serverApi.saveColumnMapping;
export const resetColumnMapping = serverApi.resetColumnMapping;
export const sendMemberForm = serverApi.sendMemberForm;
