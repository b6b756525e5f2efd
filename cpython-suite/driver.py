"""Runs classes of CPython's multiprocessing test suite in this interpreter; writes outcomes.

    <python> driver.py TEST_PACKAGE_PARENT RESULTS.json CLASS [CLASS ...] [--exclude FILE]
    <python> driver.py TEST_PACKAGE_PARENT --list

Run by compare.py under python3 and under ./graalmp alike. TEST_PACKAGE_PARENT is a folder
holding only CPython's `test` package (a link to it: compare.py makes one), so that the rest of
CPython's standard library does not shadow the interpreter's own; the suite is used from
there, never copied.
Tests are made with the suite's own install_tests_in_module_dict, for the spawn start method,
into this module, which spawned children import as __mp_main__ (hence the work at module level:
a child must find the same classes). Each test's outcome goes to RESULTS.json: passed, failed,
error, skipped (with the reason), expected failure, unexpected success.
"""

import json
import sys
import unittest

TEST_PARENT = sys.argv[1]
sys.path.insert(0, TEST_PARENT)    # CPython's `test` package ahead of the interpreter's own

import test._test_multiprocessing as suite  # noqa: E402

suite.install_tests_in_module_dict(globals(), 'spawn')


class OutcomeRecorder(unittest.TextTestResult):
    """A text result that also keeps one outcome per test id, saved after every test (a class
    that times out keeps the outcomes of the tests it finished)."""

    results_path = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {}

    def _record(self, test, outcome, detail=''):
        self.outcomes[test.id().split('.', 1)[-1]] = {'outcome': outcome, 'detail': detail}
        with open(self.results_path, 'w', encoding='utf-8') as f:
            json.dump(self.outcomes, f, indent=1, sort_keys=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, 'passed')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, 'failed', _last_line(err))

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, 'error', _last_line(err))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, 'skipped', reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, 'expected failure')

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, 'unexpected success')


def _last_line(err):
    exc_type, exc, _ = err
    text = '%s: %s' % (exc_type.__name__, exc)
    return text.strip().splitlines()[-1][:300] if text.strip() else exc_type.__name__


def test_classes():
    return sorted(name for name, value in globals().items()
                  if isinstance(value, type) and issubclass(value, unittest.TestCase)
                  and value.__module__ == __name__)


def selected_tests(class_names, excluded):
    loader = unittest.TestLoader()
    tests = unittest.TestSuite()
    for name in class_names:
        for test in loader.loadTestsFromTestCase(globals()[name]):
            if test.id().split('.', 1)[-1] not in excluded:
                tests.addTest(test)
    return tests


def read_exclusions(path):
    """Test ids (Class.method) from the exclusion file: the first word of each line."""
    with open(path, encoding='utf-8') as f:
        return {line.split()[0] for line in f if line.strip() and not line.startswith('#')}


def main():
    if sys.argv[2] == '--list':
        print('\n'.join(test_classes()))
        return 0
    results, args = sys.argv[2], sys.argv[3:]
    excluded = set()
    if '--exclude' in args:
        at = args.index('--exclude')
        excluded = read_exclusions(args[at + 1])
        del args[at:at + 2]
    # The suite's setUpModule/tearDownModule are this module's: unittest runs them.
    OutcomeRecorder.results_path = results
    runner = unittest.TextTestRunner(resultclass=OutcomeRecorder, verbosity=2, stream=sys.stderr)
    runner.run(selected_tests(args, excluded))
    return 0


if __name__ == '__main__':
    sys.exit(main())
