# Says when it gets TERM, and keeps running anyway: only KILL ends it. $1 is a unique sleep duration.
trap 'echo got TERM' TERM
(trap '' TERM; exec sleep "$1") &
echo ready
wait    # interrupted by TERM: the trap runs
wait    # the sleep ignores TERM, so this waits for the KILL
