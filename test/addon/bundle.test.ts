// The built bundle as Apps Script sees it: a classic script in a bare V8 context.
import { readDist, loadBundle } from '../../src/local/bundle';
import { createGasRuntime } from '../../src/local/gas/runtime';
import { MENU_ITEMS, MENU_TITLE } from '../../src/addon/menu';

const code = readDist('Code.js');

/** Every global the add-on exposes: triggers, menu handlers and the sidebar API. */
const EXPECTED_GLOBALS = [
  'onOpen', 'onInstall', 'onEdit',
  ...MENU_ITEMS.filter((i): i is readonly [string, string] => i !== null).map((i) => i[1]),
  'getOverview', 'runCheck', 'runAggregate', 'selectCell', 'createReport', 'getLastReport', 'setReportFolder', 'getMergeCandidates', 'findPlans', 'applyMerge', 'unmerge',
  'createMemberForm', 'importMemberRatings', 'sendMemberForm', 'confirmPeriod', 'reopenPeriod', 'runRollover', 'undoRollover',
  'getDepartmentStatus', 'previewRequests', 'sendRequests', 'setAutoRemind', 'clearAutoRemind',
  'protectDepartments', 'unprotectDepartments',
  'getColumnMapping', 'saveColumnMapping', 'resetColumnMapping',
  // The automatic 督促's time-driven trigger handler.
  'autoRemind',
].sort();

function freshRuntime() {
  return createGasRuntime({ htmlFiles: { sidebar: readDist('sidebar.html') } });
}

describe('dist/Code.js is a classic Apps Script file', () => {
  test('has no module syntax and no Node APIs', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/(^|[^.\w$])require\(/);
    expect(code).not.toMatch(/import\.meta|process\.env/);
  });

  test('loads in a bare context without require, process, Buffer or module', () => {
    const rt = freshRuntime();
    const bundle = loadBundle(rt.globals, code);
    for (const name of ['require', 'process', 'Buffer', 'module', 'exports']) {
      expect(name in bundle.context).toBe(false);
    }
  });

  test('exposes exactly the entry points as top-level function declarations', () => {
    const bundle = loadBundle(freshRuntime().globals, code);
    expect(bundle.globalNames().sort()).toEqual(EXPECTED_GLOBALS);
    for (const name of EXPECTED_GLOBALS) {
      expect(code).toMatch(new RegExp(`^function ${name}\\(\\) \\{`, 'm'));
      expect(name.endsWith('_')).toBe(false);
    }
  });
});

describe('onOpen builds the custom menu', () => {
  test('a Japanese menu with 集計 and an item opening the sidebar', () => {
    const rt = freshRuntime();
    loadBundle(rt.globals, code).call('onOpen', { authMode: 'LIMITED' });
    expect(rt.ui.menus).toHaveLength(1);
    const menu = rt.ui.menus[0];
    expect(menu.title).toBe(MENU_TITLE);
    const captions = menu.items.map((i: { caption?: string }) => i.caption);
    expect(captions).toContain('集計');
    expect(captions).toContain('サイドバーを開く');
    const aggregate = menu.items.find((i: { caption?: string }) => i.caption === '集計');
    expect(aggregate?.functionName).toBe('menuAggregate');
  });

  test('onInstall builds the same menu', () => {
    const rt = freshRuntime();
    loadBundle(rt.globals, code).call('onInstall', { authMode: 'FULL' });
    expect(rt.ui.menus[0].title).toBe(MENU_TITLE);
  });

  test('the sidebar item shows dist/sidebar.html at add-on width', () => {
    const rt = freshRuntime();
    loadBundle(rt.globals, code).call('menuOpenSidebar');
    expect(rt.ui.sidebars).toHaveLength(1);
    const shown = rt.ui.sidebars[0];
    expect(shown.getTitle()).toBe('進捗管理');
    expect(shown.getContent()).toBe(readDist('sidebar.html'));
  });
});
