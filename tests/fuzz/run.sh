#!/bin/sh
# run.sh DIR SECONDS TARGET...: run each libFuzzer binary DIR/fuzz_TARGET for SECONDS
# seconds from the seeds in tests/fuzz/corpus/TARGET (read only; new inputs go to
# DIR/corpus/TARGET) and print how many executions it survived. A crash, leak, sanitizer
# report or time-out fails at once; the input that did it is saved in DIR/.
set -eu
dir=$1
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
for t in "$@"; do
  mkdir -p "$dir/corpus/$t"
  log="$dir/fuzz_$t.log"
  if ! "$dir/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$dir/crash-$t-" \
      "$dir/corpus/$t" "$here/corpus/$t" >"$log" 2>&1; then
    echo "fuzz_$t: FAILED (see $log):" >&2
    grep -E 'ERROR|SUMMARY|Test unit written|deadly signal|runtime error' "$log" | head -20 >&2
    exit 1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "fuzz_$t: $execs executions in $seconds s, no failure ($(ls "$dir/corpus/$t" | wc -l) inputs in corpus)"
done
