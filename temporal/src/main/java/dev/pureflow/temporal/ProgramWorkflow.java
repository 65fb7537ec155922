package dev.pureflow.temporal;

import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.DynamicWorkflow;
import io.temporal.workflow.Workflow;
import io.vavr.collection.Map;
import io.vavr.control.Try;

/**
 * The one workflow implementation: builds the program registered under the workflow's type from its
 * JSON arguments and walks it. The value is returned as JSON; an error fails the workflow with a
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
        RunMailbox mailbox = new RunMailbox();
        mailbox.listen();
        Try<Object> outcome;
        try {
            outcome = new Walk(context, mailbox, StepPath.main()).run(flow.build(args.get(0, String.class)));
        } catch (RuntimeException unbuilt) {
            outcome = Try.failure(unbuilt);
        }
        if (outcome.isSuccess()) {
            return PayloadCodec.INSTANCE.encode(outcome.get());
        }
        Throwable error = outcome.getCause();
        if (error instanceof CanceledFailure cancelled) {
            throw cancelled;
        }
        throw RemoteErrors.toFailure(error, RemoteErrors.Retry.NOT_RETRYABLE);
    }
}
