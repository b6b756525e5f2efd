package org.graalmp.conformance;

import static org.graalmp.conformance.SampleRule.sample;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The comparison rule of every sample in {@code samples/}: reviewed, explicit and as narrow
 * as the sample allows. A sample without a rule fails the suite.
 */
final class SampleRules {

    private SampleRules() {
    }

    private static final OutputMask PID_AFTER_ID_LABEL = OutputMask.group(
            "the pid after 进程id:", "进程id:(\\d+)", "<pid>");

    /**
     * s000_create_process_1 prints is_alive() and exitcode right after start(): a child may
     * already be done (False 0) or not (True None). Any other state stays visible.
     */
    private static final OutputMask ALIVE_OR_DONE = OutputMask.group(
            "a just-started child still running (True None) or already done (False 0)",
            "^子进程.号 <pid> (True None|False 0) ", "<running-or-done>");

    private static final OutputMask OBJECT_ADDRESS = OutputMask.replace(
            "object addresses", "0x[0-9a-fA-F]+", "0x<address>");

    /** Which consumer takes which item is a race in the queue samples; the items are not. */
    private static final OutputMask WHICH_CONSUMER = OutputMask.group(
            "which consumer took the item", "^消费进程(\\d)进程取到的数据", "?");

    /** Which consumer (c1, c2) receives a bun from the shared pipe end is a race. */
    private static final OutputMask WHICH_BUN_EATER = OutputMask.group(
            "which consumer received the bun", "^c(\\d) 收到包子", "?");

    private static final Pattern CONSUMED = Pattern.compile("^消费进程(\\d)进程取到的数据:(\\d+)$", Pattern.MULTILINE);

    static final List<SampleRule> ALL = List.of(
            // seed 000: processes
            sample("s000_current_process.py").build(),
            sample("s000_create_process_1.py")
                    .mask(PID_AFTER_ID_LABEL)
                    .mask(OutputMask.group("the pid printed by the parent", "^子进程.号 (\\d+) ", "<pid>"))
                    .mask(OutputMask.group("the ident printed by the parent", "^子进程.号 <pid> \\w+ \\w+ (\\d+)$", "<pid>"))
                    .mask(ALIVE_OR_DONE)
                    .processLines("^当前父进程|^子进程", "子进程一号进程id", "子进程二号进程id")
                    .invariant("p.pid == p.ident == the child's current_process().pid", SampleRules::pidsAgree)
                    .build(),
            sample("s000_create_process_2.py")
                    .processLines("^当前父进程", "进程1$|'a'", "进程2$|'zhang'")
                    .build(),
            sample("s000_zombie.py")
                    .mask(OutputMask.group("the child's pid", "^PID:(\\d+)$", "<pid>"))
                    .build(),
            // seed 000: communication
            sample("s000_queue_1.py").mask(OBJECT_ADDRESS).build(),
            sample("s000_queue_2.py")
                    .outcome("the consumer prints items 0..k-1 in order; if k < 5 its non-blocking get "
                            + "raised queue.Empty, reported as CPython reports it", SampleRules::consumerRaceOutcome)
                    .build(),
            sample("s000_queue_3.py")
                    .mask(WHICH_CONSUMER)
                    .interleaved()
                    .invariant("each consumer gets its items in the order they were put", SampleRules::fifoPerConsumer)
                    .build(),
            sample("s000_queue_4.py")
                    .mask(WHICH_CONSUMER)
                    .interleaved()
                    .invariant("each consumer gets its items in the order they were put", SampleRules::fifoPerConsumer)
                    .build(),
            sample("s000_pipe_1.py").processLines("^生产者", "^消费者").build(),
            sample("s000_pipe_2.py")
                    .mask(OutputMask.group("which consumer took the item", "^消费者(\\d):", "?"))
                    .processLines("^生产者")
                    .cpythonDefect("five consumers read one pipe end without a lock: CPython splits messages "
                            + "between them in some runs (UnpicklingError, items lost)", SampleRules::consumerDied)
                    .invariant("items 0..4 are each produced in order and consumed exactly once",
                            SampleRules::fiveItemsOnce)
                    .build(),
            sample("s000_event.py")
                    .mask(OutputMask.group("the child's pid", "\\|pid:(\\d+)$", "<pid>"))
                    .processLines("^主进程|^\\d$", "^进程1", "^进程2")
                    .build(),
            // seed 001: Python 2 samples, a SyntaxError under Python 3
            sample("s001_process.py").build(),
            sample("s001_pool.py").build(),
            sample("s001_queue.py").build(),
            // seed 002
            sample("s002_pipe_1.py").build(),
            sample("s002_pipe_2.py").build(),
            sample("s002_pipe_lock.py")
                    .mask(WHICH_BUN_EATER)
                    .interleaved()
                    .stderrOutcome("the consumer that receives 0 (falsy) quits, the other takes the first None "
                            + "and quits; the producer's second send(None) may find every reader gone: "
                            + "BrokenPipeError", SampleRules::nothingOrSecondNoneFindsNoReader)
                    .build(),
            sample("s002_pipe_producer_consumer.py")
                    .mask(WHICH_BUN_EATER)
                    .interleaved()
                    .cpythonDefect("two consumers read one pipe end without a lock: CPython splits messages "
                            + "between them in some runs (UnpicklingError and lost buns)", SampleRules::consumerDied)
                    .invariant("each of the ten buns reaches exactly one consumer, then 主进程",
                            SampleRules::everyBunOnce)
                    .build(),
            sample("s002_manager_dict.py")
                    .outcome("50 children decrement a managed counter from 100 without a lock: each "
                            + "decrement lands or is lost to a concurrent one, so 50 <= count <= 99",
                            SampleRules::racyManagedCounter)
                    .build(),
            sample("s002_manager_dict_lock.py").build(),
            // seed 003
            sample("s003_process_function.py").build(),
            sample("s003_process_subclass.py")
                    .mask(OutputMask.group("the child's pid", "^(\\d+)$", "<pid>"))
                    .processLines("^1 is", "^2 is", "^3 is")
                    .build(),
            sample("s003_queue.py").build(),
            sample("s003_pipe.py").build(),
            sample("s003_manager.py")
                    .outcome("ten children append to a managed list and print it: each print is a prefix "
                            + "of the final list [0..4] + 0..9 in some order; the dict holds every key once, in "
                            + "an insertion order the children's writes allow (a child's key first, '2' before "
                            + "0.25, other children's keys anywhere between)", SampleRules::managedListAndDict)
                    .build(),
            // seed 004
            sample("s004_daemon.py").build(),
            sample("s004_lock.py").interleaved().build(),
            sample("s004_ticket.py")
                    .outcome("exactly one customer buys the only ticket; every other customer looks once, "
                            + "or dies reading ticket.json while the buyer rewrites it (the sample reads without "
                            + "the lock)", SampleRules::oneTicketSold)
                    .build(),
            sample("s004_manager.py").build(),
            sample("s004_queue_timeout.py").build());

    static final Map<String, SampleRule> BY_SAMPLE = ALL.stream()
            .collect(Collectors.toMap(SampleRule::sample, Function.identity()));

    private static final Pattern RACY_COUNT = Pattern.compile("主进程 (\\d+)\n");

    /** s002_manager_dict: one line with the count left by 50 unlocked decrements of 100. */
    private static boolean racyManagedCounter(SampleRun run) {
        Matcher m = RACY_COUNT.matcher(run.stdout());
        if (!m.matches() || !run.stderr().isEmpty() || run.exitCode() != 0) {
            return false;
        }
        int count = Integer.parseInt(m.group(1));
        return count >= 50 && count <= 99;
    }

    private static final List<String> MANAGED_DICT_ENTRIES = java.util.stream.Stream.concat(
            java.util.stream.IntStream.range(0, 10).mapToObj(n -> n + ": '1'"),
            java.util.stream.Stream.of("'2': 2", "0.25: None")).sorted().toList();

    /** s003_manager: ten snapshots of a growing list, then the dict and the final list. */
    private static boolean managedListAndDict(SampleRun run) {
        List<String> lines = run.stdout().lines().toList();
        if (lines.size() != 12 || !run.stderr().isEmpty() || run.exitCode() != 0) {
            return false;
        }
        String last = lines.get(11);
        List<Integer> items = java.util.Arrays.stream(last.replaceAll("[\\[\\]]", "").split(", "))
                .map(Integer::parseInt).toList();
        boolean finalList = last.startsWith("[0, 1, 2, 3, 4, ") && items.size() == 15
                && items.subList(5, 15).stream().sorted().toList().equals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        String prefix = last.substring(0, last.length() - 1);
        boolean snapshots = lines.subList(0, 10).stream().allMatch(line -> line.length() > "[0, 1, 2, 3, 4, 0]".length() - 1
                && line.endsWith("]") && (line.equals(last) || prefix.startsWith(line.substring(0, line.length() - 1) + ",")));
        return finalList && snapshots && managedDictAsWritten(lines.get(10));
    }

    /**
     * s003_manager's dict: each child writes its key, then '2', then 0.25, so whatever the
     * interleaving, a child's key comes first and '2' before 0.25.
     */
    static boolean managedDictAsWritten(String line) {
        if (!line.startsWith("{") || !line.endsWith("}")) {
            return false;
        }
        List<String> entries = List.of(line.substring(1, line.length() - 1).split(", "));
        return entries.stream().sorted().toList().equals(MANAGED_DICT_ENTRIES)
                && entries.get(0).endsWith(": '1'")
                && entries.indexOf("'2': 2") < entries.indexOf("0.25: None");
    }

    /** s002_pipe_lock: no error, or the producer (Process-3) hit a closed pipe at its last send. */
    private static boolean nothingOrSecondNoneFindsNoReader(String stderr) {
        return stderr.isEmpty() || (stderr.startsWith("Process Process-3:\nTraceback (most recent call last):\n")
                && stderr.contains("s002_pipe_lock.py\", line 18, in producer\n")
                && stderr.endsWith("\nBrokenPipeError: [Errno 32] Broken pipe\n"));
    }

    /** A child's uncaught exception: CPython's "Process NAME:" header line, then its traceback. */
    private static boolean consumerDied(SampleRun run) {
        return run.stderr().lines().anyMatch(line -> line.matches("Process \\S+:"))
                && run.stderr().contains("Traceback (most recent call last):");
    }

    /** s000_pipe_2: the producer's lines in order, and each item consumed by exactly one consumer. */
    private static boolean fiveItemsOnce(SampleRun run) {
        List<String> lines = run.stdout().lines().toList();
        List<String> produced = lines.stream().filter(line -> line.startsWith("生产者:")).toList();
        List<String> consumed = lines.stream().filter(line -> line.matches("消费者\\d:消费数据\\|\\d"))
                .map(line -> line.substring(line.indexOf('|') + 1)).sorted().toList();
        List<String> items = List.of("0", "1", "2", "3", "4");
        return produced.equals(items.stream().map(i -> "生产者:生产数据|" + i).toList()) && consumed.equals(items)
                && lines.size() == 10 && run.stderr().isEmpty() && run.exitCode() == 0;
    }

    /** s002_pipe_producer_consumer: jack's buns 0..9 each received once, and the parent's last line. */
    private static boolean everyBunOnce(SampleRun run) {
        List<String> lines = run.stdout().lines().toList();
        List<String> buns = lines.stream().filter(line -> line.startsWith("c"))
                .map(line -> line.replaceFirst("^c\\d ", "c? ")).sorted().toList();
        List<String> expected = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> "c? 收到包子:jack生产的包子" + i).sorted().toList();
        return buns.equals(expected) && lines.size() == 11 && lines.get(10).equals("主进程")
                && run.stderr().isEmpty() && run.exitCode() == 0;
    }

    /** Every consumer's items come in increasing order: the queue is FIFO. */
    private static boolean fifoPerConsumer(SampleRun run) {
        Map<String, Integer> last = new java.util.HashMap<>();
        Matcher m = CONSUMED.matcher(run.stdout());
        while (m.find()) {
            int item = Integer.parseInt(m.group(2));
            Integer before = last.put(m.group(1), item);
            if (before != null && before >= item) {
                return false;
            }
        }
        return !last.isEmpty();
    }

    /**
     * s000_queue_2 races a non-blocking get against the producer: the consumer prints the
     * first k items in order, and if k < 5 dies with queue.Empty in a "Process 消费进程:" report.
     */
    private static boolean consumerRaceOutcome(SampleRun run) {
        List<String> lines = run.stdout().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("消费进程取到的数据:" + i)) {
                return false;
            }
        }
        if (lines.size() == 5) {
            return run.stderr().isEmpty() && run.exitCode() == 0;
        }
        return lines.size() < 5 && run.exitCode() == 0
                && run.stderr().startsWith("Process 消费进程:\nTraceback (most recent call last):\n")
                && run.stderr().endsWith("\n_queue.Empty\n");
    }

    private static boolean oneTicketSold(SampleRun run) {
        List<String> lines = run.stdout().lines().toList();
        long sold = lines.stream().filter(line -> line.matches("客户\\d+ 购票成功!")).count();
        List<String> lookers = lines.stream().filter(line -> line.matches("客户\\d+查看 剩余票数:[01]"))
                .map(line -> line.substring(0, line.indexOf('查'))).toList();
        long others = lines.size() - sold - lookers.size();
        // Reports of customers dying at once may interleave line by line: count them by their lines.
        List<String> errors = run.stderr().lines().toList();
        long reports = errors.stream().filter(line -> line.matches("Process Process-\\d+:")).count();
        List<String> exceptions = errors.stream().filter(line -> line.matches("[\\w.]+(Error|Exception)\\b.*")).toList();
        boolean crashesReadMidWrite = exceptions.size() == reports && exceptions.stream().allMatch(
                line -> line.equals("json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"));
        return sold == 1 && others == 0 && lookers.size() == new java.util.HashSet<>(lookers).size()
                && lookers.size() + reports == 11 && crashesReadMidWrite && run.exitCode() == 0;
    }

    /** In s000_create_process_1, each child's pid appears three times: p.pid, p.ident, and its own. */
    private static boolean pidsAgree(SampleRun run) {
        for (String child : List.of("子进程一号", "子进程二号")) {
            Matcher parentView = Pattern.compile("^" + child + " (\\d+) \\w+ \\w+ (\\d+)$", Pattern.MULTILINE)
                    .matcher(run.stdout());
            Matcher childView = Pattern.compile("^我是子进程:" + child + "进程id:(\\d+)$", Pattern.MULTILINE)
                    .matcher(run.stdout());
            if (!parentView.find() || !childView.find()
                    || !parentView.group(1).equals(parentView.group(2))
                    || !parentView.group(1).equals(childView.group(1))) {
                return false;
            }
        }
        return true;
    }
}
