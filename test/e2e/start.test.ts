/** The quick start: `npm start -- --headless` on a machine without a display. Its own file: it rebuilds dist/. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import type { PageReport } from '../../src/shared/page-report';

describe('npm start -- --headless', () => {
  it('builds, serves the demo site and prints its report', async () => {
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(PROJECT_ROOT, 'scripts', 'start.ts'), '--headless'], {
        cwd: PROJECT_ROOT,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as PageReport;
    expect(report.ads.filter((a) => a.status === 'shown')).toHaveLength(5);
    expect(run.stderr).toContain('5 ads shown on the demo page.');
  });
});
