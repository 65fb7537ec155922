# Writes $1 numbered pairs of lines, alternating between stdout and stderr, each line in one write:
# through one pipe they must arrive in exactly this order, through two in no order at all.
i=1
while [ "$i" -le "$1" ]; do
  echo "out $i"
  echo "err $i" >&2
  i=$((i + 1))
done
