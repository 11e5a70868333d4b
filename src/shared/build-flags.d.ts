/**
 * Set by vite.config.ts at build time. True only in the `firefox-test` build, where the Firefox
 * end-to-end test needs a way to read the report (moz-extension pages cannot be driven over
 * WebDriver BiDi); every other build compiles the test hooks away.
 */
declare const __WTA_TEST_HOOKS__: boolean;

/**
 * True only in the `chrome-bench` build used by `npm run bench`: each scan's duration is written
 * to the top document (data-why-this-ad-scans) so the benchmark can read the first one.
 */
declare const __WTA_BENCH__: boolean;
