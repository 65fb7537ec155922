package dev.pureflow.bench;

/** What a report row concludes about its target. Only a settled row is {@link #MET} or {@link #NOT_MET}. */
enum Verdict {
    MET("met"),
    NOT_MET("**not met**"),
    /** The forks disagree by more than ±15% around the median (or are too few): no judgement either way. */
    UNSETTLED("unsettled"),
    /** No fork gave all the figures the row needs. */
    NOT_RUN("not run"),
    /** A row shown for context, without a target. */
    NO_TARGET("—");

    private final String shown;

    Verdict(String shown) {
        this.shown = shown;
    }

    String shown() {
        return shown;
    }
}
