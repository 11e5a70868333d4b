/**
 * Test builds only (__WTA_TEST_HOOKS__): publish each tab's latest report in storage.local under
 * its page URL, where the content script's test hook can read it for the Firefox end-to-end test.
 */
import type { PageReport } from '../shared/page-report';
import { writeKeys } from '../platform/storage';

export const TEST_REPORT_PREFIX = 'test-report:';

export async function publishForTests(report: PageReport): Promise<void> {
  await writeKeys('local', { [`${TEST_REPORT_PREFIX}${report.url}`]: report });
}
