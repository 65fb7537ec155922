package dev.pureflow.temporal;

import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.DynamicWorkflow;
import io.temporal.workflow.Workflow;
import io.vavr.collection.Map;
import io.vavr.control.Either;

/**
 * The one workflow implementation: builds the program registered under the workflow's type from its
 * JSON arguments and walks it; a run that continues another (a second argument, its
 * {@link Resumption}) resumes the chain's loop where that one left it. The value is returned as JSON; an error fails the workflow with a
 * non-retryable {@link ApplicationFailure} of the error's class (a plain exception would make
 * Temporal retry the workflow task forever); a cancellation ends it as cancelled. One instance per
 * workflow run, confined to its workflow threads.
 */
final class ProgramWorkflow implements DynamicWorkflow {

    private final Map<String, NamedFlow<?>> flows;
    private final WalkContext context;

    ProgramWorkflow(Map<String, NamedFlow<?>> flows, WalkContext context) {
        this.flows = flows;
        this.context = context;
    }

    @Override
    public Object execute(EncodedValues args) {
        String name = Workflow.getInfo().getWorkflowType();
        NamedFlow<?> flow = flows.get(name).getOrElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "no flow named " + name + " is registered on this worker; registered: " + flows.keySet().toSortedSet().mkString(", "),
                IllegalArgumentException.class.getName()));
        String arguments = args.get(0, String.class);
        RunChain chain = args.getSize() > 1
                ? RunChain.resumed(arguments, context.continueAsNewEvery(), PayloadCodec.INSTANCE.decode(args.get(1, String.class), Resumption.class))
                : RunChain.first(arguments, context.continueAsNewEvery());
        RunMailbox mailbox = new RunMailbox();
        chain.resumption().forEach(resumed -> mailbox.restore(resumed.messages(), resumed.published()));
        mailbox.listen();
        Either<Throwable, Object> outcome;
        try {
            outcome = Walk.top(context, mailbox, chain).run(flow.build(arguments));
        } catch (RuntimeException unbuilt) {
            outcome = Either.left(unbuilt);
        }
        if (outcome.isRight()) {
            return PayloadCodec.INSTANCE.encode(outcome.get());
        }
        Throwable error = outcome.getLeft();
        if (error instanceof CanceledFailure cancelled) {
            throw cancelled;
        }
        throw RemoteErrors.toFailure(error, RemoteErrors.Retry.NOT_RETRYABLE);
    }
}
