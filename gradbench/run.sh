#!/usr/bin/env bash
# Builds ChainRule's GradBench tool and GradBench's hand-written C++ tool ("manual"), runs every
# eval against both at GradBench's default sizes (ht: --max 11) through GradBench's run.py, and
# writes a table: eval, function, size, valid, ChainRule ms, manual ms, ratio, and the primal's
# ratio at that size. Needs Java 17+, Maven, python3 with numpy, scipy and pydantic 2, g++, make
# and nlohmann's JSON headers (apt-get install nlohmann-json3-dev).
#
#   gradbench/run.sh [--evals "lse gmm ..."] [--quick] [--out DIR]
#
# --quick uses each eval's smallest sizes and 0.1 s per evaluation (a try-out, not a measurement).
# Results: DIR/table.md (default gradbench/target/run), one log per eval and tool beside it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
evals="hello lse llsq gmm lstm ode det kmeans ba ht particle saddle"
quick=no
out="$here/target/run"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --evals) evals="$2"; shift 2 ;;
    --quick) quick=yes; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

gradbench_src="${GRADBENCH_HOME:-}"
if [[ -z "$gradbench_src" ]]; then
  for dir in "$repo/.." "$repo/../.." "$repo/../../.."; do
    if [[ -f "$dir/shared/gradbench/run.py" ]]; then gradbench_src="$(cd "$dir/shared/gradbench" && pwd)"; break; fi
  done
fi
[[ -n "$gradbench_src" ]] || { echo "run.sh: no shared/gradbench found; set GRADBENCH_HOME" >&2; exit 1; }
python3 -c "import numpy, scipy, pydantic" || { echo "run.sh: needs python3 with numpy, scipy, pydantic 2" >&2; exit 1; }
echo '#include <nlohmann/json.hpp>' | g++ -std=c++17 -fsyntax-only -x c++ - \
  || { echo "run.sh: needs g++ and nlohmann's headers: apt-get install nlohmann-json3-dev" >&2; exit 1; }

echo "== building the ChainRule tool"
(cd "$repo" && mvn -B -q -pl gradbench -am package -DskipTests)

mkdir -p "$out"
gb="$out/gradbench"
rm -rf "$gb" && cp -r "$gradbench_src" "$gb" && chmod -R u+w "$gb"
echo "== building GradBench's manual tool in $gb"
make -s -C "$gb/tools/manual" -j2 $(sed 's/[^ ]*/bin\/&/g' "$gb/tools/manual/evals.txt") >/dev/null

args_for() {
  local e="$1"
  if [[ "$quick" == yes ]]; then
    case "$e" in
      hello) echo "" ;;
      lse) echo "-n 2500 --min-seconds 0.1" ;;
      llsq) echo "-n 16 --min-seconds 0.1" ;;
      gmm) echo "-d 2 -k 5 --min-seconds 0.1" ;;
      lstm) echo "-l 2 -c 1024 --min-seconds 0.1" ;;
      ode) echo "-n 1000 -s 1 --min-seconds 0.1" ;;
      det) echo "-l 5 --min-seconds 0.1" ;;
      kmeans) echo "-k 10 -n 1000 -d 8 --min-seconds 0.1" ;;
      ba|ht) echo "--max 1 --min-seconds 0.1" ;;
      *) echo "--min-seconds 0.1" ;;
    esac
  else
    case "$e" in
      ht) echo "--max 11" ;;
      *) echo "" ;;
    esac
  fi
}

manual_evals=" $(tr '\n' ' ' < "$gb/tools/manual/evals.txt") "
for e in $evals; do
  eval_cmd="python3 python/gradbench/gradbench/evals/$e/run.py $(args_for "$e")"
  echo "== $e: ChainRule"
  python3 "$gb/run.py" --cwd "$gb" --log "$out/$e-chainrule.jsonl" --eval "$eval_cmd" \
    --tool "$here/tool --partial" | tee "$out/$e-chainrule.txt"
  if [[ "$manual_evals" == *" $e "* ]]; then
    echo "== $e: manual"
    python3 "$gb/run.py" --cwd "$gb" --log "$out/$e-manual.jsonl" --eval "$eval_cmd" \
      --tool "python3 python/gradbench/gradbench/cpp.py manual" | tee "$out/$e-manual.txt"
  fi
done

python3 "$here/table.py" "$out" $evals | tee "$out/table.md"
echo "== table: $out/table.md"
