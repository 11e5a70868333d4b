/**
 * Test builds only (__WTA_TEST_HOOKS__): answers the page's `why-this-ad-test:get-report` event
 * with the report the background published for this URL. Real builds never contain this code.
 * It reads storage directly, which content code otherwise never does: this is test plumbing only.
 */
import { extensionApi } from './extension-api';

export function installTestHooks(): void {
  document.addEventListener('why-this-ad-test:get-report', () => {
    const key = `test-report:${location.href}`;
    void extensionApi().storage.local.get(key).then((got) => {
      document.dispatchEvent(new CustomEvent('why-this-ad-test:report', { detail: JSON.stringify(got[key] ?? null) }));
    });
  });
}
