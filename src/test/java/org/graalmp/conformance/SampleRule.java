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
 * keep their order. A {@link #pending} sample needs a feature of a later issue: it is
 * reported as failing, and its test checks that graalmp refuses with exactly that feature.
 */
record SampleRule(String sample, List<OutputMask> masks, Ordering ordering, List<Pattern> processLines,
                  List<Invariant> invariants, Optional<Pending> pending) {

    /** Whether lines must come in the same global order, or only in each process's order. */
    enum Ordering { EXACT, PER_PROCESS }

    /** What graalmp must still add for this sample to pass. */
    record Pending(String feature, int issue) {
        /** The message graalmp's shim raises for the missing feature. */
        String refusal() {
            return "graalmp does not implement " + feature + " yet (issue #" + issue + ")";
        }
    }

    /** A check on graalmp's run that masking would otherwise hide (racy values, pid identities). */
    record Invariant(String description, Predicate<SampleRun> holds) {
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

        Builder invariant(String description, Predicate<SampleRun> holds) {
            invariants.add(new Invariant(description, holds));
            return this;
        }

        Builder pending(String feature, int issue) {
            this.pending = new Pending(feature, issue);
            return this;
        }

        SampleRule build() {
            return new SampleRule(sample, List.copyOf(masks), ordering, List.copyOf(processLines),
                    List.copyOf(invariants), Optional.ofNullable(pending));
        }
    }
}
