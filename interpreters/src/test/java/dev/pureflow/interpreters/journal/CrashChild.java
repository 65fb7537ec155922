package dev.pureflow.interpreters.journal;

import java.nio.file.Path;

/**
 * The child JVM of {@link JournalCrashTest}: starts (or, if its journal directory holds an
 * unfinished run, resumes) the crash flow, printing each step as it is carried out and the result
 * at the end. Arguments: journal directory, side file, durability ({@code sync} or {@code group}).
 */
public final class CrashChild {

    static final String RUN = "deploy";

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        Path side = Path.of(args[1]);
        Durability durability = args[2].equals("sync") ? Durability.everyStep() : Durability.groupCommit(java.time.Duration.ofMillis(5));
        DurableRunner runner = DurableRunner.builder(directory, CrashFlow.executor(side, step -> {
                    System.out.println("step " + step);
                    System.out.flush();
                }))
                .register(CrashFlow.FLOW)
                .durability(durability)
                .build();
        Object result = runner.unfinished().contains(RUN)
                ? runner.resume(RUN).await()
                : runner.start(RUN, CrashFlow.FLOW, new CrashFlow.Params(CrashFlow.STEPS)).await();
        System.out.println("result " + result);
        System.out.flush();
    }

    private CrashChild() {}
}
