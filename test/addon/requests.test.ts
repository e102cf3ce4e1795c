// 入力依頼・提出状況・督促 through the built bundle in the local runtime: the mails' recipients and
// contents per department, no mail outside 担当課, the quota (all or nothing; a failure midway is
// recorded), 提出状況, and the automatic 督促's trigger (created once, removed on request).
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession, DEFAULT_USER, type AddonSession } from '../../src/local/session';
import { QUOTA_MESSAGE } from '../../src/local/gas/mail';
import { deptGrids } from './dept-fixture';

const ALLOWED = new Set(['bousai@city.example.lg.jp', 'bousai2@city.example.lg.jp', 'kosodate@city.example.lg.jp', 'shoko@city.example.lg.jp']);

function session(): AddonSession {
  return openSession(spreadsheetFromGrids('テスト市 進捗管理', deptGrids()));
}

function isoInDays(n: number): string {
  return new Date(Date.now() + n * 86400000 + 9 * 3600000).toISOString().slice(0, 10);
}

const input = (over: Record<string, unknown> = {}) => ({ period: '2025:year', deadline: '2026-05-29', message: '', kind: 'request', ...over });

describe('入力依頼: preview', () => {
  test('one mail per department listing exactly its rows still to fill; nothing sent or written', () => {
    const s = session();
    const p = s.run('previewRequests', input({ message: '今年度から様式が変わりました。' })).result as {
      mails: { department: string; to: string[]; subject: string; body: string; rows: number }[]; skipped: { department: string; reason: string }[];
      complete: string[]; recipients: number; quota: number; enough: boolean; deadlineLabel: string;
    };
    expect(p.mails.map((m) => [m.department, m.to, m.rows])).toEqual([
      ['防災課', ['bousai@city.example.lg.jp', 'bousai2@city.example.lg.jp'], 1],
      ['子育て支援課', ['kosodate@city.example.lg.jp'], 1],
    ]);
    const bousai = p.mails[0];
    expect(bousai.subject).toBe('【入力依頼】テスト市DX計画 令和7年度実績の入力のお願い（令和8年5月29日（金）まで）');
    expect(bousai.body).toContain('防災課 ご担当者様');
    expect(bousai.body).toContain('P1 防災情報の配信 ― 配信回数（回）: 「プラン・指標」シート K3');
    expect(bousai.body).not.toContain('登録者数'); // filled: not asked again
    expect(bousai.body).not.toContain('旧システム保守'); // 中止
    expect(bousai.body).toContain('今年度から様式が変わりました。');
    expect(bousai.body).toContain(s.runtime.spreadsheet.getUrl());
    expect(bousai.body).toContain('入力期限: 令和8年5月29日（金）');
    expect(p.complete).toEqual(['商工課']);
    expect(p.skipped.map((x) => x.department)).toEqual(['税務課', '市民課']);
    expect(p.skipped[0].reason).toContain('メールアドレスがありません');
    expect(p.skipped[1].reason).toContain('「担当課」シートにない課');
    expect(p.recipients).toBe(3);
    expect(p.quota).toBe(100);
    expect(p.enough).toBe(true);
    expect(s.mail.sent).toHaveLength(0);
    expect(s.runtime.spreadsheet.getSheetByName('入力依頼履歴')).toBeNull();
  });

  test('arguments are validated: a bad period or deadline is refused in Japanese', () => {
    const s = session();
    expect(() => s.run('previewRequests', input({ deadline: '2026-02-30' }))).toThrow('入力期限「2026-02-30」が日付として読めません');
    expect(() => s.run('previewRequests', input({ period: '2031:year' }))).toThrow('対象期間「2031:year」');
    expect(() => s.run('previewRequests', input({ kind: 'auto' }))).toThrow('サイドバーからの要求の形式');
    expect(() => s.run('previewRequests', { ...input(), deadline: 5 })).toThrow('サイドバーからの要求の形式');
  });
});

describe('入力依頼: send', () => {
  test('sends exactly the previewed mails to 担当課 addresses only and records each on 入力依頼履歴', () => {
    const s = session();
    const r = s.run('sendRequests', input()).result as { message: string; sent: { department: string }[]; quota: number };
    expect(r.sent.map((x) => x.department)).toEqual(['防災課', '子育て支援課']);
    expect(s.mail.sent).toHaveLength(2);
    for (const m of s.mail.sent) {
      expect(m.from).toBe(DEFAULT_USER);
      expect(m.name).toBe('情報政策課');
      expect(m.replyTo).toBe(DEFAULT_USER);
      for (const a of [...m.to, ...m.cc, ...m.bcc]) expect(ALLOWED.has(a)).toBe(true);
    }
    expect(s.mail.inbox('shoko@city.example.lg.jp')).toHaveLength(0);
    expect(r.quota).toBe(97);
    const rows = s.sheetRecords('入力依頼履歴')!.rows;
    expect(rows.map((x) => [x['種別'], x['担当課'], x['宛先'], x['未入力の件数'], x['結果']])).toEqual([
      ['入力依頼', '防災課', 'bousai@city.example.lg.jp, bousai2@city.example.lg.jp', '1', '送信'],
      ['入力依頼', '子育て支援課', 'kosodate@city.example.lg.jp', '1', '送信'],
      ['入力依頼', '税務課', '', '', '未送信: 「担当課」シートにメールアドレスがありません。'],
      ['入力依頼', '市民課', '', '', '未送信: 「担当課」シートにない課です。課名を直すか、担当課シートに追加してください。'],
    ]);
    expect(rows[0]['送信者']).toBe(DEFAULT_USER);
    expect(rows[0]['対象期間']).toBe('令和7年度実績');
  });

  test('quota too small for every recipient: a clear message and nothing sent, nothing recorded', () => {
    const s = session();
    s.mail.dailyQuota = 2;
    expect(() => s.run('sendRequests', input())).toThrow('今日送信できるメールの宛先は残り 2 件で、今回の入力依頼には 3 件必要です。何も送信していません。');
    expect(s.mail.sent).toHaveLength(0);
    expect(s.runtime.spreadsheet.getSheetByName('入力依頼履歴')).toBeNull();
  });

  test('the quota running out midway stops the run; what was sent and what was not is recorded', () => {
    const s = session();
    const push = s.mail.sent.push.bind(s.mail.sent);
    // Another execution uses the rest of the day's quota right after the first mail.
    s.mail.sent.push = (...m) => {
      const n = push(...m);
      s.mail.spend(DEFAULT_USER, 1000);
      return n;
    };
    const r = s.run('sendRequests', input()).result as { message: string; failed: { department: string; reason: string }[] };
    expect(s.mail.sent).toHaveLength(1);
    expect(r.message).toContain('1 課に入力依頼を送信しましたが、1 課には送信できませんでした（送信上限に達しました）');
    const rows = s.sheetRecords('入力依頼履歴')!.rows;
    expect(rows.slice(0, 2).map((x) => [x['担当課'], x['結果']])).toEqual([['防災課', '送信'], ['子育て支援課', '未送信: 送信上限に達しました']]);
    expect(QUOTA_MESSAGE).toMatch(/too many times/);
  });

  test('督促 after one department filled its rows: only the incomplete department gets a mail, worded as a reminder', () => {
    const s = session();
    s.run('sendRequests', input());
    s.mail.sent.length = 0;
    // 防災課 fills its missing row (as its staff would in the sheet).
    s.runtime.spreadsheet.getSheetByName('プラン・指標')!.getRange('K3').setValue('12回');
    const r = s.run('sendRequests', input({ kind: 'remind' })).result as { sent: { department: string }[] };
    expect(r.sent.map((x) => x.department)).toEqual(['子育て支援課']);
    expect(s.mail.sent[0].subject).toMatch(/^【再依頼】/);
    expect(s.mail.sent[0].body).toContain('まだ入力されていない項目があります（1件中0件入力済み）');
    expect(s.mail.inbox('bousai@city.example.lg.jp')).toHaveLength(0);
  });
});

describe('提出状況', () => {
  test('per department: expected, filled, with errors, status; written to the 提出状況 sheet; last change tracked', () => {
    const s = session();
    const o = s.run('getDepartmentStatus', '').result as {
      period: string; quota: number; departments: { department: string; expected: number; filled: number; errors: number; status: string; lastChange: string }[];
      noAddress: string[]; periods: { key: string; label: string }[];
    };
    expect(o.period).toBe('2025:year');
    expect(o.periods.map((p) => p.key)).toEqual(['2025:year', '2025:mid']);
    const by = Object.fromEntries(o.departments.map((d) => [d.department, d]));
    expect(by['防災課']).toMatchObject({ expected: 2, filled: 1, status: '入力中' });
    expect(by['子育て支援課']).toMatchObject({ expected: 1, filled: 0, status: '未着手' });
    expect(by['商工課']).toMatchObject({ expected: 1, filled: 1, status: '完了' });
    expect(o.noAddress).toEqual(['税務課', '市民課']);
    const sheet = s.sheetRecords('提出状況')!.rows;
    expect(sheet.find((r) => r['担当課'] === '防災課')).toMatchObject({ 対象: 2, 入力済み: 1, 未入力: 1, 状態: '入力中' });
    expect(by['商工課'].lastChange).toMatch(/以前$/);
    // A value typed as an error counts as filled with an error.
    s.runtime.spreadsheet.getSheetByName('プラン・指標')!.getRange('K4').setValue('たくさん');
    const again = s.run('getDepartmentStatus', '2025:year').result as { departments: { department: string; filled: number; errors: number; lastChange: string; status: string }[] };
    const k = again.departments.find((d) => d.department === '子育て支援課')!;
    expect(k.filled).toBe(1);
    expect(k.errors).toBe(1);
    expect(k.status).toBe('エラーあり');
    expect(k.lastChange).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(again.departments.find((d) => d.department === '商工課')!.lastChange).toBe(by['商工課'].lastChange);
  });
});

describe('自動督促 (time-driven trigger)', () => {
  const auto = (over: Record<string, unknown> = {}) => ({ period: '2025:year', deadline: isoInDays(10), daysBefore: 3, message: '', ...over });

  test('created once (setting again replaces it), removed on request', () => {
    const s = session();
    s.run('setAutoRemind', auto());
    s.run('setAutoRemind', auto({ daysBefore: 5 }));
    expect(s.triggers.triggers).toHaveLength(1);
    expect(s.triggers.triggers[0]).toMatchObject({ handler: 'autoRemind', owner: DEFAULT_USER, schedule: { everyMinutes: 1440, atHour: 8 } });
    const o = s.run('getDepartmentStatus', '').result as { auto: { daysBefore: number; owner: string } };
    expect(o.auto).toMatchObject({ daysBefore: 5, owner: DEFAULT_USER });
    expect(s.run('clearAutoRemind').result).toBe('自動督促を解除しました。');
    expect(s.triggers.triggers).toHaveLength(0);
    expect((s.run('getDepartmentStatus', '').result as { auto: unknown }).auto).toBeNull();
  });

  test('before the window it sends nothing; within it, it mails incomplete departments once and removes itself', () => {
    const s = session();
    s.run('setAutoRemind', auto());
    const id = s.triggers.triggers[0].id;
    s.fireTrigger(id);
    expect(s.mail.sent).toHaveLength(0);
    expect(s.triggers.triggers).toHaveLength(1);

    const t = openSession(spreadsheetFromGrids('テスト市 進捗管理', deptGrids()));
    t.run('setAutoRemind', auto({ deadline: isoInDays(2) }));
    t.fireTrigger(t.triggers.triggers[0].id);
    expect(t.mail.sent.map((m) => m.to[0]).sort()).toEqual(['bousai@city.example.lg.jp', 'kosodate@city.example.lg.jp']);
    expect(t.mail.sent.every((m) => m.subject.startsWith('【再依頼】'))).toBe(true);
    expect(t.triggers.triggers).toHaveLength(0);
    expect(t.sheetRecords('入力依頼履歴')!.rows[0]['種別']).toBe('自動督促');
    expect(t.runtime.ui.alerts).toHaveLength(0);
  });

  test('a deadline in the past is refused', () => {
    const s = session();
    expect(() => s.run('setAutoRemind', auto({ deadline: isoInDays(-2) }))).toThrow('入力期限が過ぎています');
    expect(s.triggers.triggers).toHaveLength(0);
  });
});

describe('入力依頼履歴 belongs to the add-on', () => {
  test('a person\'s sheet named 入力依頼履歴: refused before any mail is sent', () => {
    const grids = deptGrids();
    grids['入力依頼履歴'] = [['メモ', '内容'], ['会議', '5月']];
    const s = openSession(spreadsheetFromGrids('テスト市 進捗管理', grids));
    expect(() => s.run('sendRequests', input())).toThrow('アドオンが作ったシートではありません');
    expect(s.mail.sent).toHaveLength(0);
  });
});
