# Ignores TERM (its sleep inherits that) but shuts down cleanly on HUP: says so and exits 0. $1 is a unique sleep duration.
# The sleep is started before "ready" and waited for with `wait`, which a trapped signal interrupts at once.
# With `echo ready; sleep "$1"` a HUP sent on "ready" could reach the shell before it had forked its sleep:
# the sleep then missed it, and the shell, which runs a trap only once its foreground command has ended,
# waited for the sleep.
trap '' TERM
trap 'echo got HUP; exit 0' HUP
sleep "$1" &
echo ready
wait "$!"
