/**
 * A vitest reporter that closes the run with one machine-readable line, alone on the last line:
 *
 *   tests: 12 passed, 0 failed
 *   tests: 12 passed, 1 failed, 3 skipped
 *
 * Use it after the default reporter so its line comes last:
 *   vitest run --reporter=default --reporter=./scripts/summary-reporter.mjs
 *
 * "failed" counts failed tests plus failures that belong to no test (a module that failed to
 * load, a failing beforeAll/afterAll hook, an unhandled error), so a broken run never reads
 * "0 failed". The run also exits non-zero when there was an unhandled error or no test ran.
 */
export default class SummaryReporter {
  /** @type {import('vitest/node').Vitest | undefined} */
  #vitest;

  /** @param {import('vitest/node').Vitest} vitest */
  onInit(vitest) {
    this.#vitest = vitest;
  }

  /**
   * @param {ReadonlyArray<import('vitest/node').TestModule>} testModules
   * @param {ReadonlyArray<unknown>} unhandledErrors
   * @param {import('vitest/node').TestRunEndReason} reason
   */
  onTestRunEnd(testModules, unhandledErrors, reason) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let failedOutsideTests = 0;
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const { state } = test.result();
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else if (state === 'skipped') skipped += 1;
      }
      // Errors owned by a module or suite rather than by a test: import/collection errors and
      // failing beforeAll/afterAll hooks.
      for (const suite of [testModule, ...testModule.children.allSuites()]) {
        if (suite.errors().length > 0) failedOutsideTests += 1;
      }
    }
    failedOutsideTests += unhandledErrors.length;

    const notes = [];
    if (failedOutsideTests > 0) {
      notes.push(
        `${failedOutsideTests} failure(s) outside any test (load error, hook or unhandled error) counted as failed`,
      );
    }
    if (unhandledErrors.length > 0) process.exitCode = 1;
    if (passed + failed === 0) {
      notes.push('no test ran: a run without tests is a failure');
      process.exitCode = 1;
    }
    if (reason === 'interrupted') {
      notes.push('the run was interrupted');
      process.exitCode ||= 1;
    }

    let line = `tests: ${passed} passed, ${failed + failedOutsideTests} failed`;
    if (skipped > 0) line += `, ${skipped} skipped`;
    for (const note of notes) this.#log(`summary: ${note}`);
    this.#log(line);
  }

  /** @param {string} text */
  #log(text) {
    if (this.#vitest) this.#vitest.logger.log(text);
    else process.stdout.write(`${text}\n`);
  }
}
