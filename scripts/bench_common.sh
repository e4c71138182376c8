# Shared by the bench_*.sh scripts (sourced, after `cd` to the repository): a release build of prefer in $bin,
# the output folder $out, and `measure LABEL COMMAND...`, which prints wall, CPU and peak memory of one run
# and a rate of $N per second.
out=bench-out
mkdir -p "$out"
swift build -c release --product prefer >/dev/null
bin=$(swift build -c release --show-bin-path)/prefer

measure() { # label, command...
    local label=$1; shift
    local secs user sys rss
    # Start from clean disk state: the run before left up to ~2 GB for the kernel to write back (and a
    # deleted database to discard), which otherwise lands on this run's I/O.
    sync; sleep 1
    # user + sys too: other jobs on a shared machine inflate wall time, not CPU time.
    /usr/bin/time -f "%e %U %S %M" -o "$out/rss.txt" "$@" >/dev/null
    read -r secs user sys rss < "$out/rss.txt"
    rss=$(( rss / 1024 ))
    printf "%-22s %6.2f s wall  %6.2f s user  %5.2f s sys  %9.0f pairs/s  peak RSS %5d MB\n" \
        "$label" "$secs" "$user" "$sys" "$(echo "$N / $secs" | bc -l)" "$rss"
}
