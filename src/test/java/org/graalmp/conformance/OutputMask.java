package org.graalmp.conformance;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rewrite of one output stream that hides a legitimate difference, with a name for reports. */
record OutputMask(String description, UnaryOperator<String> rewrite) {

    /** Replaces every match of {@code regex} with {@code replacement} (group references allowed). */
    static OutputMask replace(String description, String regex, String replacement) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        return new OutputMask(description, text -> pattern.matcher(text).replaceAll(replacement));
    }

    /** Replaces group 1 of every match of {@code regex} with {@code placeholder}. */
    static OutputMask group(String description, String regex, String placeholder) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        return new OutputMask(description, text -> {
            Matcher m = pattern.matcher(text);
            StringBuilder result = new StringBuilder();
            while (m.find()) {
                String whole = m.group();
                int from = m.start(1) - m.start();
                int to = m.end(1) - m.start();
                m.appendReplacement(result, Matcher.quoteReplacement(
                        whole.substring(0, from) + placeholder + whole.substring(to)));
            }
            m.appendTail(result);
            return result.toString();
        });
    }

    /**
     * Traceback frames inside the multiprocessing package itself: CPython's files and graalmp's
     * shim differ in path, line numbers, source lines and in the internal calls below the
     * function the program called (CPython's recv reads a socket, graalmp's asks Java). Each
     * such frame becomes {@code File "<multiprocessing>/NAME.py", in FUNCTION}, its source and
     * caret lines dropped, and of consecutive ones only the first is kept.
     */
    /** A frame's source line, two spaces deeper than its File line, and the caret line under it. */
    private static final String FRAME_BODY = "\\n(?:\\1 {2}\\S.*\\n)?(?:\\1 {2,}[~^]+ *\\n)?";

    private static final Pattern PACKAGE_FRAME = Pattern.compile(
            "^( *)File \"[^\"]*/multiprocessing/([a-z_]+\\.py)\", line \\d+, in (\\S+)" + FRAME_BODY, Pattern.MULTILINE);

    /** graalmp's bridge to Java (python-stdlib-shim/_graalmp): no CPython counterpart at all. */
    private static final Pattern GLUE_FRAME = Pattern.compile(
            "^( *)File \"[^\"]*/python-stdlib-shim/_graalmp/[a-z_]+\\.py\", line \\d+, in \\S+" + FRAME_BODY, Pattern.MULTILINE);

    /** A run of package frames: only the first, the API the program called, is kept. */
    private static final Pattern NESTED_PACKAGE_FRAMES = Pattern.compile(
            "^(( *)File \"<multiprocessing>/[^\"]+\", in \\S+\\n)(?:\\2File \"<multiprocessing>/[^\"]+\", in \\S+\\n)+",
            Pattern.MULTILINE);

    static final OutputMask MULTIPROCESSING_FRAMES = new OutputMask(
            "traceback frames inside the multiprocessing package, down to the one the program called; "
                    + "graalmp's own glue frames dropped",
            text -> NESTED_PACKAGE_FRAMES.matcher(GLUE_FRAME.matcher(
                    PACKAGE_FRAME.matcher(text).replaceAll("$1File \"<multiprocessing>/$2\", in $3\n"))
                    .replaceAll("")).replaceAll("$1"));
}
