package dev.pureflow.interpreters.codec.users;

/**
 * A user's exception that its package keeps to itself: a class that is not public, with a public
 * constructor and accessor. In a package of its own so that the codec reaches it only by reflection
 * made accessible, as it reaches a user's own package-private errors.
 */
final class QuotaExceeded extends RuntimeException {
    private final int limit;

    public QuotaExceeded(String message, int limit) {
        super(message);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

}
