#!/usr/bin/env bash
# Annotate benchmark (not a test): `prefer annotate` (release build) in tmux on a database with ITEMS items
# and JUDGMENTS judgments (scripts/gen_bench_db.py). Measures start to first frame, key -> committed -> next
# frame for KEYS choice keys (PREFER_BENCH_LOG timings), CPU while idle, and resident memory.
# usage: scripts/bench_annotate.sh [ITEMS=1000000] [JUDGMENTS=1000000] [KEYS=500]   (PERF=file: profile the keys;
#   AS=ann1: annotate as one of the generated annotators, who has 250 000 judgments, instead of a new one)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-1000000}
JUDGMENTS=${2:-1000000}
KEYS=${3:-500}
AS=${AS:-benchuser}
out=$PWD/bench-out
mkdir -p "$out"
swift build -c release --product prefer >/dev/null
bin=$(swift build -c release --show-bin-path)/prefer

# The generated project is kept; every run works on a fresh copy, so it starts from the same state.
base="$out/annotate-$ITEMS-$JUDGMENTS"
if [ ! -f "$base/.generated" ]; then
    rm -rf "$base"
    "$bin" init "$base" >/dev/null
    t0=$(date +%s.%N)
    python3 scripts/gen_bench_db.py "$base/prefer.sqlite" "$ITEMS" "$JUDGMENTS"
    touch "$base/.generated"
    printf "generated %d items, %d judgments in %.1f s (%s)\n" "$ITEMS" "$JUDGMENTS" \
        "$(echo "$(date +%s.%N) - $t0" | bc -l)" "$(du -h "$base/prefer.sqlite" | cut -f1)"
fi
proj="$out/annotate-run"
rm -rf "$proj"
cp -r --reflink=auto "$base" "$proj"
log="$out/annotate-bench.log"
rm -f "$log"

sock="prefer-bench-$$"
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; }
trap cleanup EXIT
# The wrapper logs the monotonic time, then execs prefer in the same process: "start" is the exec.
wrapper='import os, sys, time
open(os.environ["PREFER_BENCH_LOG"], "a").write("start %d\n" % (time.monotonic_ns() // 1000))
os.execv(sys.argv[1], sys.argv[1:])'
cache_note="warm cache"
tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 45 \
    "exec env LANG=C.UTF-8 TERM=xterm-256color PREFER_BENCH_LOG='$log' python3 -c '$wrapper' '$bin' annotate --as '$AS' --project '$proj'"
pid=$(tmux -L "$sock" display-message -p '#{pane_pid}')

wait_for() { # pattern count timeout-seconds
    local deadline=$(( $(date +%s) + $3 ))
    local n
    while n=$(grep -c "^$1" "$log" 2>/dev/null || true); [ "${n:-0}" -lt "$2" ]; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "timed out waiting for $2 '$1' lines; screen:"; tmux -L "$sock" capture-pane -p; exit 1
        fi
        sleep 0.05
    done
}
wait_for first_frame 1 60
sleep 1

# PERF=file records a profile of the key phase (perf report -i file).
if [ -n "${PERF:-}" ]; then perf record -g -p "$pid" -o "$PERF" >/dev/null 2>&1 & perf_pid=$!; fi
# One key every 20 ms (slower than any frame), so each is its own event; the send times (same clock as
# the log) also give sent -> drawn, which includes tmux's delivery and any wait for the previous key's work.
python3 - "$sock" "$KEYS" "$log" <<'PY'
import subprocess, sys, time
sock, keys, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sent = []
for k in range(keys):
    sent.append(time.monotonic_ns() // 1000)
    subprocess.run(["tmux", "-L", sock, "send-keys", str(k % 2 + 1)], check=True)
    time.sleep(max(0, 0.02 - (time.monotonic_ns() // 1000 - sent[-1]) / 1e6))
with open(log, "a") as f:
    f.writelines("sent %d\n" % t for t in sent)
PY
wait_for key "$KEYS" 120
if [ -n "${PERF:-}" ]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi

# Idle: CPU ticks (utime + stime) over 10 s with no input.
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
sleep 3 # the first idle tick (1 s after the last key) checkpoints the WAL; idle is what follows
c0=$(ticks); t0=$(date +%s.%N)
sleep 10
c1=$(ticks); t1=$(date +%s.%N)
idle=$(echo "($c1 - $c0) / $(getconf CLK_TCK) / ($t1 - $t0) * 100" | bc -l)
rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")
hwm=$(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")
judged=$(sqlite3 "$proj/prefer.sqlite" "SELECT COUNT(*) FROM judgment WHERE annotator = '$AS'" 2>/dev/null || echo "?")
tmux -L "$sock" send-keys q
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $cache_note; $ITEMS items, $JUDGMENTS judgments"
echo "judgments stored by $AS: $judged ($KEYS keys sent)"
python3 - "$log" "$idle" "$rss" "$hwm" <<'EOF'
import sys
log, idle, rss, hwm = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
marks, keys, sent = {}, [], []
for line in open(log):
    f = line.split()
    if f[0] == "key":
        keys.append([int(x) for x in f[1:]])
    elif f[0] == "sent":
        sent.append(int(f[1]))
    else:
        marks.setdefault(f[0], int(f[1]))
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
start_ms = (marks["first_frame"] - marks["start"]) / 1000
run_ms = (marks["first_frame"] - marks["run"]) / 1000
total = [(d - r) / 1000 for r, c, d in keys]
commit = [(c - r) / 1000 for r, c, d in keys if c]
row = "{:<34} {:>10} {:>12}  {}"
print(row.format("measure", "figure", "target", ""))
print(row.format("start -> first frame (exec)", f"{start_ms:.1f} ms", "< 200 ms", "ok" if start_ms < 200 else "MISSED"))
print(row.format("  of which in run()", f"{run_ms:.1f} ms", "", ""))
p99 = pct(total, 99)
print(row.format(f"key -> next frame p50 ({len(total)} keys)", f"{pct(total, 50):.2f} ms", "", ""))
print(row.format("key -> next frame p99", f"{p99:.2f} ms", "< 15 ms", "ok" if p99 < 15 else "MISSED"))
print(row.format("key -> next frame max", f"{max(total):.2f} ms", "", ""))
if len(sent) == len(keys):
    e2e = [(k[2] - t) / 1000 for t, k in zip(sent, keys)]
    print(row.format("tmux send -> next frame p50 / p99", f"{pct(e2e, 50):.2f} / {pct(e2e, 99):.2f} ms", "", ""))
print(row.format("key -> committed p50 / p99", f"{pct(commit, 50):.2f} / {pct(commit, 99):.2f} ms", "", ""))
print(row.format("CPU while idle (10 s)", f"{idle:.2f} %", "~0 %", "ok" if idle < 0.5 else "MISSED"))
print(row.format("resident (VmRSS / VmHWM)", f"{rss} / {hwm} MB", "< 80 MB", "ok" if hwm < 80 else "MISSED"))
EOF
