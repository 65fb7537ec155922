# Shuts down cleanly on INT only: says so and exits 0. TERM ends it as usual. $1 is a unique sleep duration.
# The sleep is started before "ready" and waited for with `wait`, which a trapped signal interrupts at once
# (see stops-on-hup.sh for the race a foreground sleep has). A background sleep ignores INT: the trap ends it.
trap 'echo got INT; kill "$sleeper"; exit 0' INT
sleep "$1" &
sleeper=$!
echo ready
wait "$sleeper"
