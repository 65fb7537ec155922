package dev.pureflow.interpreters.codec.users;

/** Reaches {@link QuotaExceeded}, which its package keeps to itself, for tests outside the package. */
public final class Quotas {

    private Quotas() {}

    /** A quota error, thrown as a user's code would. */
    public static RuntimeException exceeded(int limit) {
        return new QuotaExceeded("over quota " + limit, limit);
    }

    /** The class of {@link #exceeded}'s errors. */
    public static Class<? extends RuntimeException> type() {
        return QuotaExceeded.class;
    }

    /** The limit of a quota error. */
    public static int limitOf(Throwable error) {
        return ((QuotaExceeded) error).limit();
    }
}
