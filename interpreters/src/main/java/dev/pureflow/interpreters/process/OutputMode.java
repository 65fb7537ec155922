package dev.pureflow.interpreters.process;

/**
 * Whether a command's stdout and stderr are captured apart or as one stream in the order the
 * command wrote them ({@link Command#withOutputMode}, {@link Command#mergingStderr()}).
 *
 * <p>Order across two streams exists only where they share one pipe: read from two pipes, a
 * line on stdout and a line on stderr written a microsecond apart can arrive either way round.
 * So {@link #MERGED} gives the child one pipe for both (as {@code 2>&1} does) and keeps no separate
 * streams: a result that has one kind of output has not the other, and says which it has.
 */
public enum OutputMode {
    /**
     * stdout and stderr through pipes of their own: {@link ProcessResult#stdout()} and
     * {@link ProcessResult#stderr()}, each byte-exact; {@link ProcessResult#output()} is empty. The
     * default.
     */
    SEPARATE,
    /**
     * stderr into stdout's pipe, so both are one stream in the order written:
     * {@link ProcessResult#output()}, byte-exact, with lines reported as
     * {@link OutputLine.Stream#OUTPUT}; {@link ProcessResult#stdout()} and
     * {@link ProcessResult#stderr()} are empty.
     */
    MERGED
}
