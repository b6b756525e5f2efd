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

    private static final OutputMask OBJECT_ADDRESS = OutputMask.replace(
            "object addresses", "0x[0-9a-fA-F]+", "0x<address>");

    static final List<SampleRule> ALL = List.of(
            // seed 000: processes
            sample("s000_current_process.py").build(),
            sample("s000_create_process_1.py")
                    .mask(PID_AFTER_ID_LABEL)
                    .mask(OutputMask.group("the pid printed by the parent", "^子进程.号 (\\d+) ", "<pid>"))
                    .mask(OutputMask.group("the ident printed by the parent", "^子进程.号 <pid> \\w+ \\w+ (\\d+)$", "<pid>"))
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
            sample("s000_queue_1.py").mask(OBJECT_ADDRESS).pending("multiprocessing.queues.Queue", 3).build(),
            sample("s000_queue_2.py").pending("multiprocessing.queues.Queue", 3).build(),
            sample("s000_queue_3.py").pending("multiprocessing.queues.Queue", 3).build(),
            sample("s000_queue_4.py").pending("multiprocessing.queues.Queue", 3).build(),
            sample("s000_pipe_1.py").pending("multiprocessing.connection.Pipe", 3).build(),
            sample("s000_pipe_2.py").pending("multiprocessing.connection.Pipe", 3).build(),
            sample("s000_event.py").pending("multiprocessing.synchronize.Event", 3).build(),
            // seed 001: Python 2 samples, a SyntaxError under Python 3
            sample("s001_process.py").build(),
            sample("s001_pool.py").build(),
            sample("s001_queue.py").build(),
            // seed 002
            sample("s002_pipe_1.py").pending("multiprocessing.connection.Pipe", 3).build(),
            sample("s002_pipe_2.py").pending("multiprocessing.connection.Pipe", 3).build(),
            sample("s002_pipe_lock.py").pending("multiprocessing.connection.Pipe", 3).build(),
            sample("s002_pipe_producer_consumer.py").pending("multiprocessing.connection.Pipe", 3).build(),
            sample("s002_manager_dict.py").pending("multiprocessing.managers.SyncManager", 4).build(),
            sample("s002_manager_dict_lock.py").pending("multiprocessing.managers.SyncManager", 4).build(),
            // seed 003
            sample("s003_process_function.py").build(),
            sample("s003_process_subclass.py")
                    .mask(OutputMask.group("the child's pid", "^(\\d+)$", "<pid>"))
                    .processLines("^1 is", "^2 is", "^3 is")
                    .build(),
            sample("s003_queue.py").pending("multiprocessing.queues.Queue", 3).build(),
            sample("s003_pipe.py").pending("multiprocessing.connection.Pipe", 3).build(),
            sample("s003_manager.py").pending("multiprocessing.managers.SyncManager", 4).build(),
            // seed 004
            sample("s004_daemon.py").build(),
            sample("s004_lock.py").pending("multiprocessing.synchronize.Lock", 3).build(),
            sample("s004_ticket.py").pending("multiprocessing.synchronize.Lock", 3).build(),
            sample("s004_manager.py").pending("multiprocessing.managers.SyncManager", 4).build(),
            sample("s004_queue_timeout.py").pending("multiprocessing.queues.Queue", 3).build());

    static final Map<String, SampleRule> BY_SAMPLE = ALL.stream()
            .collect(Collectors.toMap(SampleRule::sample, Function.identity()));

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
