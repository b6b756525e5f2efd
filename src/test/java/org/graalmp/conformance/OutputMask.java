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
     * shim differ in path, line numbers and source lines, but not in the function names.
     * Each such frame becomes {@code File "<multiprocessing>/NAME.py", in FUNCTION}, its source
     * and caret lines dropped.
     */
    static final OutputMask MULTIPROCESSING_FRAMES = new OutputMask(
            "traceback frames inside the multiprocessing package",
            text -> Pattern.compile(
                    "^( *)File \"[^\"]*/multiprocessing/([a-z_]+\\.py)\", line \\d+, in (\\S+)\\n(?:\\1    .*\\n)?(?:\\1    *[~^]+ *\\n)?",
                    Pattern.MULTILINE)
                    .matcher(text).replaceAll("$1File \"<multiprocessing>/$2\", in $3\n"));
}
