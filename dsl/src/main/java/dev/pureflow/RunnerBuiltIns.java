package dev.pureflow;

/**
 * How the in-process runner answers {@link BuiltIn built-in actions}: from the run's clock and its
 * {@link Mailbox}. Also the executor {@link BuiltIn#runnerAnswers()} returns, which finds the run
 * through the step the calling thread carries out. Stateless.
 */
enum RunnerBuiltIns implements Executor {
    INSTANCE;

    /** Answers {@code action} in {@code run}; waits on the run's clock, so a cancel's interrupt ends a wait. */
    static Object answer(BuiltIn<?> action, RunContext run) throws InterruptedException {
        return switch (action) {
            case BuiltIn.Sleep sleep -> {
                run.clock.sleep(sleep.duration());
                yield null;
            }
            case BuiltIn.Now now -> run.clock.instant();
            case BuiltIn.ReadMessage<?> read -> run.mailbox.read(read.key(), read.type());
            case BuiltIn.AwaitMessage<?> await -> run.mailbox.await(await.key(), await.type(), await.timeout(), run.clock);
            case BuiltIn.Publish publish -> {
                run.mailbox.publish(publish.key(), publish.value());
                yield null;
            }
        };
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        if (!(action instanceof BuiltIn<?> builtIn)) {
            throw new UnhandledActionException(action, "BuiltIn.runnerAnswers() answers only built-in actions");
        }
        RunContext run = CurrentStep.run().getOrElseThrow(() -> new IllegalStateException(
                "BuiltIn.runnerAnswers() answers a built-in action only on a thread carrying out a step of an"
                        + " in-process run (where Step.current() is defined); there is none here"));
        return answer(builtIn, run);
    }

    /** Adds no limit of its own: a chain with it runs as many branches at once as its other members allow. */
    @Override
    public int parallelism() {
        return Integer.MAX_VALUE;
    }

    @Override
    public String toString() {
        return "BuiltIn.runnerAnswers()";
    }
}
