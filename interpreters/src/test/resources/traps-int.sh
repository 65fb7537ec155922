# Shuts down cleanly on INT only: says so and exits 0. TERM ends it as usual. $1 is a unique sleep duration.
trap 'echo got INT; exit 0' INT
echo ready
sleep "$1"   # in the foreground: INT ends it, then the trap runs
