package dev.pureflow.console;

import dev.pureflow.interpreters.process.Command;

/** The allowlist the console's tests start commands from. */
final class Fixtures {

    private Fixtures() {}

    /** A shell that prints "ready" once it has started two children, then waits for them: a tree to kill. */
    static final Command TREE = Command.shell("sleep 300 & sleep 300 & echo ready; wait");

    static ConsoleOptions options() {
        return ConsoleOptions.DEFAULT.allowing(
                AllowedCommand.program("seq"),
                AllowedCommand.fixed("both", Command.shell("echo out; echo err >&2; echo out again")),
                AllowedCommand.fixed("tree", TREE),
                AllowedCommand.fixed("count", Command.shell(
                        "i=1; while [ $i -le 30 ]; do echo $i; i=$((i+1)); sleep 0.02; done")));
    }
}
