package org.graalmp.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How one sample's outputs are compared: the masks applied to both stdout and stderr, and
 * whether lines may interleave between processes.
 *
 * <p>Without {@link #processLines} both streams must match line for line. With it, the lines
 * must match as a multiset, and the lines each pattern selects (one process's lines) must
 * keep their order. A sample whose stderr is decided by a race it demonstrates has a
 * {@link #stderrOutcome} that both runs' stderr must satisfy, instead of a comparison. A
 * {@link #cpythonDefect} names a way CPython itself breaks in some runs (corrupted data on a
 * pipe shared by readers): when CPython's run shows it, graalmp's is held to the
 * {@link #invariants} alone, which must then describe the correct outcome. A {@link #pending} sample needs a feature of a later issue: it is
 * reported as failing, and its test checks that graalmp refuses with exactly that feature.
 */
record SampleRule(String sample, List<OutputMask> masks, Ordering ordering, List<Pattern> processLines,
                  List<Invariant> invariants, Optional<Invariant> stderrOutcome,
                  Optional<Invariant> cpythonDefect, Optional<Pending> pending) {

    /**
     * EXACT: the same lines in the same order. PER_PROCESS: the same lines, each process's in
     * its order. OUTCOME: a race decides the output by design; both runs must be one of the
     * outcomes the sample's {@link #invariants} allow.
     */
    enum Ordering { EXACT, PER_PROCESS, OUTCOME }

    /** What graalmp must still add for this sample to pass. */
    record Pending(String feature, int issue) {
        /** The message graalmp's shim raises for the missing feature. */
        String refusal() {
            return "graalmp does not implement " + feature + " yet (issue #" + issue + ")";
        }
    }

    /** A check on graalmp's run that masking would otherwise hide (racy values, pid identities). */
    record Invariant(String description, Predicate<SampleRun> holds, boolean onMaskedOutput) {
    }

    static Builder sample(String sample) {
        return new Builder(sample);
    }

    String apply(String text) {
        String result = text;
        for (OutputMask mask : masks) {
            result = mask.rewrite().apply(result);
        }
        return result;
    }

    static final class Builder {
        private final String sample;
        private final List<OutputMask> masks = new ArrayList<>(List.of(OutputMask.MULTIPROCESSING_FRAMES));
        private final List<Pattern> processLines = new ArrayList<>();
        private final List<Invariant> invariants = new ArrayList<>();
        private Ordering ordering = Ordering.EXACT;
        private Invariant stderrOutcome;
        private Invariant cpythonDefect;
        private Pending pending;

        private Builder(String sample) {
            this.sample = sample;
        }

        Builder mask(OutputMask mask) {
            masks.add(mask);
            return this;
        }

        /** Each regex selects the lines of one process, whose order must be kept. */
        Builder processLines(String... regexes) {
            ordering = Ordering.PER_PROCESS;
            for (String regex : regexes) {
                processLines.add(Pattern.compile(regex));
            }
            return this;
        }

        /** Lines of different processes may interleave, but each line must appear as often. */
        Builder interleaved() {
            return processLines();
        }

        /** The sample's output is decided by a race it demonstrates: compare allowed outcomes. */
        Builder outcome(String description, Predicate<SampleRun> allowed) {
            ordering = Ordering.OUTCOME;
            invariants.add(new Invariant(description, allowed, true));
            return this;
        }

        /** stderr is decided by a race: each run's (masked) stderr must be an allowed one. */
        Builder stderrOutcome(String description, Predicate<String> allowed) {
            stderrOutcome = new Invariant(description, run -> allowed.test(run.stderr()), true);
            return this;
        }

        /** A known CPython failure in some runs; when CPython shows it, graalmp meets the invariants alone. */
        Builder cpythonDefect(String description, Predicate<SampleRun> shows) {
            cpythonDefect = new Invariant(description, shows, false);
            return this;
        }

        Builder invariant(String description, Predicate<SampleRun> holds) {
            invariants.add(new Invariant(description, holds, false));
            return this;
        }

        Builder pending(String feature, int issue) {
            this.pending = new Pending(feature, issue);
            return this;
        }

        SampleRule build() {
            return new SampleRule(sample, List.copyOf(masks), ordering, List.copyOf(processLines),
                    List.copyOf(invariants), Optional.ofNullable(stderrOutcome), Optional.ofNullable(cpythonDefect),
                    Optional.ofNullable(pending));
        }
    }
}
