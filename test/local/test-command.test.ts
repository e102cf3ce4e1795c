// The README's test command passes on a fresh Debian clone (issue 11 finding 12): `npm test`
// itself provisions Chromium and the Japanese fonts the browser test needs, or stops at once
// with the one command to run. CI runs the same command.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'browser-deps.sh');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function fakeBin(dir: string, name: string, body: string): void {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
}

function run(env: Record<string, string>) {
  return spawnSync('sh', [script], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('npm test provisions the browser test (finding 12)', () => {
  test('the test command starts with the provisioning step; README and CI run that same command', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toMatch(/^sh scripts\/browser-deps\.sh && /);
    expect(pkg.scripts.test).toMatch(/&& jest$/);
    expect(read('README.md')).toMatch(/\nnpm test +#/);
    expect(read('.ci/run').trim().split('\n').at(-1)).toBe('npm test');
    // The path the script provides is the one the browser test launches.
    expect(read('src/local/harness.ts')).toContain("CHROMIUM_PATH = '/usr/bin/chromium'");
    expect(read('test/local/sidebar.browser.test.ts')).toContain('launchChromium()');
    expect(read('scripts/browser-deps.sh')).toContain('${CHROMIUM_PATH:-/usr/bin/chromium}');
  });

  const fontsHere = (() => {
    try { return execFileSync('fc-list', { encoding: 'utf8' }).includes('Noto Sans CJK'); } catch { return false; }
  })();

  test('as root on a machine without Chromium: installs chromium and fonts-noto-cjk with apt-get', () => {
    expect(fontsHere).toBe(true); // this machine has the fonts (npm test installed them)
    const dir = mkdtempSync(join(tmpdir(), 'deps-'));
    const chromium = join(dir, 'chromium');
    const log = join(dir, 'apt.log');
    fakeBin(dir, 'id', 'echo 0');
    fakeBin(dir, 'fake-apt-get', `echo "$@" >> '${log}'\ncase "$1" in install) printf '#!/bin/sh\\n' > '${chromium}'; chmod +x '${chromium}';; esac`);
    const r = run({ PATH: `${dir}:${process.env.PATH}`, CHROMIUM_PATH: chromium, APT_GET: join(dir, 'fake-apt-get') });
    expect(r.status).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['update -qq', 'install -y -qq chromium fonts-noto-cjk']);
    expect(existsSync(chromium)).toBe(true);
  });

  test('without root: stops before building, naming the one command to run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deps-'));
    fakeBin(dir, 'id', 'echo 1000');
    const r = run({ PATH: `${dir}:${process.env.PATH}`, CHROMIUM_PATH: join(dir, 'missing-chromium'), APT_GET: join(dir, 'no-apt-get') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sudo apt-get install -y chromium fonts-noto-cjk');
  });

  test('with Chromium and the fonts present: nothing to do', () => {
    const r = run({});
    expect([r.status, r.stdout]).toEqual([0, '']);
  });
});
