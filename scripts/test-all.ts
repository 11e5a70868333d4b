/**
 * `npm test`: type check, lint, unit tests, both builds with `web-ext lint` on the Firefox one,
 * and the end-to-end tests in Chromium. Every step runs even when an earlier one failed, so one
 * run shows everything that is wrong. It ends with the line `N passed, N failed[, N skipped]`,
 * counting each test and each check, and fails when anything failed or no test ran.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './lib/build';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const results = join(PROJECT_ROOT, 'test-results');
mkdirSync(results, { recursive: true });
const bin = (pkg: string, file: string): string => join(PROJECT_ROOT, 'node_modules', pkg, file);

function run(label: string, args: string[], env: NodeJS.ProcessEnv = {}): { ok: boolean; stdout: string } {
  process.stderr.write(`\n── ${label}\n`);
  const r = spawnSync(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stderr.write(r.stdout ?? '');
  return { ok: r.status === 0, stdout: r.stdout ?? '' };
}

function check(label: string, args: string[]): boolean {
  const ok = run(label, args).ok;
  if (ok) total.passed++;
  else total.failed++;
  process.stderr.write(`${ok ? 'PASS' : 'FAIL'} ${label}\n`);
  return ok;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
}

function vitest(project: string, env: NodeJS.ProcessEnv = {}): void {
  const out = join(results, `${project}.json`);
  rmSync(out, { force: true });
  const { ok } = run(`${project} tests`, [bin('vitest', 'vitest.mjs'), 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${out}`], env);
  if (!existsSync(out)) {
    total.failed++;
    process.stderr.write(`FAIL ${project} tests: vitest wrote no report\n`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
  total.passed += r.numPassedTests;
  total.failed += r.numFailedTests;
  total.skipped += r.numPendingTests + r.numTodoTests;
  // A suite that failed to load has no failed test but a failed run: count it.
  if (!ok && r.numFailedTests === 0) total.failed++;
  if (r.numTotalTests === 0) {
    total.failed++;
    process.stderr.write(`FAIL ${project} tests: no test ran\n`);
  }
}

function webExtLint(): void {
  const { stdout } = run('web-ext lint (Firefox build)', [bin('web-ext', 'bin/web-ext.js'), 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-config-discovery']);
  let errors = -1;
  try {
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { summary: { errors: number; warnings: number } };
    errors = report.summary.errors;
    process.stderr.write(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings\n`);
  } catch {
    process.stderr.write('web-ext lint printed no report\n');
  }
  if (errors === 0) total.passed++;
  else total.failed++;
  process.stderr.write(`${errors === 0 ? 'PASS' : 'FAIL'} web-ext lint\n`);
}

check('type check', [bin('typescript', 'bin/tsc'), '-p', '.']);
check('lint', [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings=0']);
vitest('unit');
const chrome = check('build for Chrome', [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn']);
const firefox = check('build for Firefox', [bin('vite', 'bin/vite.js'), 'build', '--mode', 'firefox', '--logLevel', 'warn']);
if (firefox) webExtLint();
else total.failed++;
if (chrome) vitest('e2e', { WTA_SKIP_BUILD: '1' });
else total.failed++;

const line = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`;
process.stdout.write(`\n${line}\n`);
process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
