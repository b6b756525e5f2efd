package org.graalmp.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * python3's interpreter options ({@code -E}, {@code -I}, {@code -W arg}, {@code -X opt}, ...):
 * what a {@link PythonHost} runs with, as {@code sys.flags}, {@code sys.warnoptions} and
 * {@code sys._xoptions} show them. Counted flags ({@code -O}, {@code -v}, ...) keep their count.
 * {@code -I} implies {@code -E}, {@code -s} and {@code -P}, as in CPython 3.12.
 *
 * @param checkHashPycs {@code --check-hash-based-pycs}'s mode, or null when not given
 */
public record InterpreterOptions(
        int bytesWarning, boolean dontWriteBytecode, int debug, boolean ignoreEnvironment,
        boolean isolated, int optimize, boolean safePath, boolean quiet, boolean noUserSite,
        boolean noSite, boolean unbuffered, int verbose, boolean skipFirstLine,
        List<String> warnOptions, List<String> xOptions, String checkHashPycs) {

    /** python3 with no option. */
    public static final InterpreterOptions DEFAULT = builder().build();

    /** The system property that hands a parent's options to its child JVMs. */
    public static final String PROPERTY = "graalmp.interpreterOptions";

    /** Separates arguments in {@link #PROPERTY}: no -W or -X value has a use for it. */
    private static final String SEPARATOR = "\u001f";

    public static final List<String> HASH_PYCS_MODES = List.of("default", "always", "never");

    public InterpreterOptions {
        warnOptions = List.copyOf(warnOptions);
        xOptions = List.copyOf(xOptions);
        if (isolated) {
            ignoreEnvironment = noUserSite = safePath = true;
        }
        if (checkHashPycs != null && !HASH_PYCS_MODES.contains(checkHashPycs)) {
            throw new IllegalArgumentException("--check-hash-based-pycs must be one of "
                    + "'default', 'always', or 'never'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * These options as python3 arguments, one flag per argument, in the order of CPython's
     * {@code subprocess._args_from_interpreter_flags}; {@link #fromArguments} reads them back.
     */
    public List<String> toArguments() {
        List<String> args = new ArrayList<>();
        repeat(args, "-O", optimize);
        repeat(args, "-d", debug);
        flag(args, "-B", dontWriteBytecode);
        flag(args, "-S", noSite);
        repeat(args, "-v", verbose);
        repeat(args, "-b", bytesWarning);
        flag(args, "-q", quiet);
        flag(args, "-I", isolated);
        flag(args, "-E", ignoreEnvironment && !isolated);
        flag(args, "-s", noUserSite && !isolated);
        flag(args, "-P", safePath && !isolated);
        flag(args, "-u", unbuffered);
        flag(args, "-x", skipFirstLine);
        warnOptions.forEach(option -> args.addAll(List.of("-W", option)));
        xOptions.forEach(option -> args.addAll(List.of("-X", option)));
        if (checkHashPycs != null) {
            args.addAll(List.of("--check-hash-based-pycs", checkHashPycs));
        }
        return args;
    }

    /** Reads {@link #toArguments()}'s form: each flag alone, each value in the next argument. */
    public static InterpreterOptions fromArguments(List<String> args) {
        Builder builder = builder();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean known = switch (arg) {
                case "-W" -> builder.warnOption(args.get(++i)) != null;
                case "-X" -> builder.xOption(args.get(++i)) != null;
                case "--check-hash-based-pycs" -> builder.checkHashPycs(args.get(++i)) != null;
                default -> arg.length() == 2 && arg.charAt(0) == '-' && builder.flag(arg.charAt(1));
            };
            if (!known) {
                throw new IllegalArgumentException("not an interpreter option: " + arg);
            }
        }
        return builder.build();
    }

    /** These options as {@link #PROPERTY}'s value. */
    public String toProperty() {
        return String.join(SEPARATOR, toArguments());
    }

    /** Options from {@link #PROPERTY}'s value; null or empty means none. */
    public static InterpreterOptions fromProperty(String value) {
        return value == null || value.isEmpty() ? DEFAULT : fromArguments(List.of(value.split(SEPARATOR, -1)));
    }

    /** Whether {@code -X name} or {@code -X name=value} was given. */
    public boolean hasXOption(String name) {
        return xOptionValue(name) != null;
    }

    /** The value of {@code -X name=value} ({@code ""} for a bare {@code -X name}), or null. */
    public String xOptionValue(String name) {
        String value = null;
        for (String option : xOptions) {  // the last one wins, as in sys._xoptions
            int equals = option.indexOf('=');
            String key = equals < 0 ? option : option.substring(0, equals);
            if (key.equals(name)) {
                value = equals < 0 ? "" : option.substring(equals + 1);
            }
        }
        return value;
    }

    private static void flag(List<String> args, String flag, boolean set) {
        repeat(args, flag, set ? 1 : 0);
    }

    private static void repeat(List<String> args, String flag, int count) {
        args.addAll(Collections.nCopies(count, flag));
    }

    /** Collects options as a command line gives them, left to right. */
    public static final class Builder {
        private int bytesWarning;
        private boolean dontWriteBytecode;
        private int debug;
        private boolean ignoreEnvironment;
        private boolean isolated;
        private int optimize;
        private boolean safePath;
        private boolean quiet;
        private boolean noUserSite;
        private boolean noSite;
        private boolean unbuffered;
        private int verbose;
        private boolean skipFirstLine;
        private final List<String> warnOptions = new ArrayList<>();
        private final List<String> xOptions = new ArrayList<>();
        private String checkHashPycs;

        private Builder() {
        }

        /**
         * Applies the flag {@code -letter} (one that takes no value); false if {@code letter}
         * names no such flag.
         */
        public boolean flag(char letter) {
            switch (letter) {
                case 'b' -> bytesWarning++;
                case 'B' -> dontWriteBytecode = true;
                case 'd' -> debug++;
                case 'E' -> ignoreEnvironment = true;
                case 'I' -> isolated = true;
                case 'O' -> optimize++;
                case 'P' -> safePath = true;
                case 'q' -> quiet = true;
                case 's' -> noUserSite = true;
                case 'S' -> noSite = true;
                case 'u' -> unbuffered = true;
                case 'v' -> verbose++;
                case 'x' -> skipFirstLine = true;
                case 'R' -> { }  // hash randomization: always on since Python 3.3
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** {@code -W option}; repeatable, in order. */
        public Builder warnOption(String option) {
            warnOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** {@code -X option} ({@code name} or {@code name=value}); repeatable, in order. */
        public Builder xOption(String option) {
            xOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** {@code --check-hash-based-pycs mode}: default, always or never. */
        public Builder checkHashPycs(String mode) {
            this.checkHashPycs = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public InterpreterOptions build() {
            return new InterpreterOptions(bytesWarning, dontWriteBytecode, debug, ignoreEnvironment, isolated,
                    optimize, safePath, quiet, noUserSite, noSite, unbuffered, verbose, skipFirstLine,
                    warnOptions, xOptions, checkHashPycs);
        }
    }
}
