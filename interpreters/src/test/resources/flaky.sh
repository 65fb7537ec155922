# Appends a line to the file $1 on each run, and fails until it has run $2 times.
echo run >> "$1"
runs=$(wc -l < "$1")
if [ "$runs" -lt "$2" ]; then
    echo "run $runs of $2 fails" >&2
    exit 3
fi
echo "run $runs succeeds"
