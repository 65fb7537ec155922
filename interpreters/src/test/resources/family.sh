# Starts descendants that would all outlive this script unless their whole tree is killed. Each
# carries $1 (a sleep duration no other process uses) on its command line, so a test finds it in
# /proc whoever its parent is by then.
token=$1
sleep "$token" &                                        # a plain background child
nohup sleep "$token" >/dev/null 2>&1 &                  # immune to HUP
sh -c 'trap "" TERM; sleep "$1"; :' ignores-term "$token" &   # ignores TERM, and so does its sleep
(setsid sleep "$token" &)                               # an orphan in a session of its own
echo ready
wait
