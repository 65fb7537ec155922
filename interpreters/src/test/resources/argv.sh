# Writes each of its arguments back, each followed by a NUL byte, so a test can compare them exactly.
for argument in "$@"; do
    printf '%s\0' "$argument"
done
