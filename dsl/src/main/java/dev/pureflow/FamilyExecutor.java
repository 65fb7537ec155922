package dev.pureflow;

/** An executor that takes one family of actions and rejects the rest by name. */
record FamilyExecutor(Class<?> family, Executor handler) implements Executor {

    @Override
    public Object execute(Action<?> action) throws Exception {
        if (!family.isInstance(action)) {
            throw new UnhandledActionException(action, "this executor handles only " + family.getName());
        }
        return handler.execute(action);
    }

    @Override
    public String toString() {
        return "Executor.of(" + family.getSimpleName() + ")";
    }
}
