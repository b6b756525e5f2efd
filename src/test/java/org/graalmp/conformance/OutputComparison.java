package org.graalmp.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Compares CPython's and graalmp's runs of one sample under its {@link SampleRule}. */
final class OutputComparison {

    private OutputComparison() {
    }

    /** The differences found, empty when the runs conform. */
    static List<String> differences(SampleRule rule, SampleRun cpython, SampleRun graalmp) {
        List<String> problems = new ArrayList<>();
        if (graalmp.timedOut()) {
            problems.add("graalmp did not finish within " + SampleRun.TIMEOUT_SECONDS + " s");
        }
        if (cpython.exitCode() != graalmp.exitCode()) {
            problems.add("exit code: CPython " + cpython.exitCode() + ", graalmp " + graalmp.exitCode());
        }
        boolean cpythonBroke = rule.cpythonDefect().map(defect -> defect.holds().test(cpython)).orElse(false);
        if (cpythonBroke) {
            // Nothing of CPython's broken run to compare with: the invariants say what is right.
            problems.removeIf(problem -> problem.startsWith("exit code"));
        } else if (rule.ordering() == SampleRule.Ordering.OUTCOME) {
            for (SampleRule.Invariant outcome : rule.invariants()) {
                if (outcome.onMaskedOutput() && !outcome.holds().test(masked(rule, cpython))) {
                    problems.add("the rule does not describe CPython's outcome: " + outcome.description());
                }
            }
        } else {
            compareStream("stdout", rule, cpython.stdout(), graalmp.stdout(), problems);
            if (rule.stderrOutcome().isEmpty()) {
                compareStream("stderr", rule, cpython.stderr(), graalmp.stderr(), problems);
            }
        }
        rule.stderrOutcome().ifPresent(outcome -> {
            if (!cpythonBroke && !outcome.holds().test(masked(rule, cpython))) {
                problems.add("CPython's stderr is not an outcome the rule allows: " + outcome.description());
            }
            if (!outcome.holds().test(masked(rule, graalmp))) {
                problems.add("graalmp's stderr is not an outcome the rule allows: " + outcome.description());
            }
        });
        for (SampleRule.Invariant invariant : rule.invariants()) {
            if (!invariant.holds().test(invariant.onMaskedOutput() ? masked(rule, graalmp) : graalmp)) {
                problems.add("invariant broken under graalmp: " + invariant.description());
            }
        }
        return problems;
    }

    private static SampleRun masked(SampleRule rule, SampleRun run) {
        return new SampleRun(rule.apply(run.stdout()), rule.apply(run.stderr()), run.exitCode(), run.seconds(),
                run.timedOut());
    }

    private static void compareStream(String stream, SampleRule rule, String expected, String actual,
                                      List<String> problems) {
        List<String> want = lines(rule.apply(expected));
        List<String> got = lines(rule.apply(actual));
        if (rule.ordering() == SampleRule.Ordering.EXACT) {
            if (!want.equals(got)) {
                problems.add(stream + " differs:\n" + diff(want, got));
            }
            return;
        }
        if (!counts(want).equals(counts(got))) {
            problems.add(stream + " has different lines (in any order):\n" + diff(sorted(want), sorted(got)));
        }
        for (Pattern process : rule.processLines()) {
            List<String> wantOfProcess = select(want, process);
            List<String> gotOfProcess = select(got, process);
            if (!wantOfProcess.equals(gotOfProcess)) {
                problems.add(stream + " lines matching /" + process + "/ differ in order:\n"
                        + diff(wantOfProcess, gotOfProcess));
            }
        }
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(text.split("\n", -1));
    }

    private static List<String> select(List<String> lines, Pattern pattern) {
        return lines.stream().filter(line -> pattern.matcher(line).find()).toList();
    }

    private static Map<String, Integer> counts(List<String> lines) {
        Map<String, Integer> counts = new HashMap<>();
        lines.forEach(line -> counts.merge(line, 1, Integer::sum));
        return counts;
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    /** Both sides, line by line, marking the lines that differ. */
    private static String diff(List<String> want, List<String> got) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "<none>";
            String g = i < got.size() ? got.get(i) : "<none>";
            text.append(w.equals(g) ? "    " : "  ! ").append("CPython: ").append(w).append('\n');
            if (!w.equals(g)) {
                text.append("    graalmp: ").append(g).append('\n');
            }
        }
        return text.toString();
    }
}
