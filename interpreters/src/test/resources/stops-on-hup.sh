# Ignores TERM (its sleep inherits that) but shuts down cleanly on HUP: says so and exits 0. $1 is a unique sleep duration.
trap '' TERM
trap 'echo got HUP; exit 0' HUP
echo ready
sleep "$1"   # in the foreground: HUP ends it, then the trap runs
