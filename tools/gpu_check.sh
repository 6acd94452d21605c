#!/usr/bin/env bash
# The trainer's CUDA checks in one run, for a machine with an NVIDIA GPU and torch installed:
#   1. the model tests on this torch: tests/model/test_cuda.py on the GPU, the rest on the CPU;
#   2. training throughput fp32-ieee / fp32 (TF32) / fp16 (+GradScaler) / bf16, two model sizes,
#      each variant's figures in OUT_DIR/tp_<hidden>_<variant>.json;
#   3. the main job, `fastind-model run --device cuda`, on the embedded synthetic data.
# Usage: [settings] bash tools/gpu_check.sh OUT_DIR   (no install step: it uses the python3 on PATH)
# Settings (environment):
#   TESTS=all|cuda|none   which model tests (default all)
#   HOST=1                also time the host DataLoader (pinned copies) instead of resident batches
#   BASE=DIR              also time an older checkout's trainer (`git archive REV | tar -x -C DIR`)
#   COMPILE=1             also time training through torch.compile (last: compiling takes a while)
#   RUN=0                 skip the main job
#   ROWS=400000           training rows of the throughput runs
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: gpu_check.sh OUT_DIR}
mkdir -p "$out"
export PYTHONPATH=$PWD PYTHONUNBUFFERED=1
# features only: the numpy backend needs no compiled kernels and no numba warm-up
export FASTIND_BACKEND=${FASTIND_BACKEND:-numpy}
py=${PYTHON:-python3}

nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv,noheader
$py -c "import torch, sys; print('python', sys.version.split()[0], 'torch', torch.__version__, torch.cuda.get_device_name())"

case ${TESTS:-all} in
  all) tests=tests/model ;;
  cuda) tests=tests/model/test_cuda.py ;;
  *) tests= ;;
esac
if [ -n "$tests" ]; then
  echo "== tests ($tests)"
  $py -m pytest -q -p no:cacheprovider $tests 2>&1 | tee "$out/tests.log" | tail -15
fi

throughput() {  # NAME HIDDEN LAYERS [tool options...]
  local name=$1 hidden=$2 layers=$3
  shift 3
  echo "-- $name, hidden $hidden x $layers"
  $py tools/train_throughput.py --device cuda --rows "${ROWS:-400000}" --epochs 3 --hidden "$hidden" \
    --layers "$layers" --json "$out/tp_h${hidden}_$name.json" "$@" | tail -5
}

echo "== throughput"
for size in "128 2" "2048 8"; do
  set -- $size
  throughput resident "$1" "$2" --amp fp32-ieee fp32 fp16 bf16
  if [ "${HOST:-0}" = 1 ]; then throughput host "$1" "$2" --amp fp32 fp16 bf16 --host-loader; fi
  if [ -n "${BASE:-}" ]; then PYTHONPATH=$BASE throughput base "$1" "$2" --amp fp32 fp16 bf16; fi
done
if [ "${COMPILE:-0}" = 1 ]; then
  for size in "2048 8" "128 2"; do
    set -- $size
    throughput compile "$1" "$2" --amp fp32 fp16 bf16 --compile
  done
fi

if [ "${RUN:-1}" = 1 ]; then
  echo "== fastind-model run --device cuda"
  start=$(date +%s)
  run_dir=$(mktemp -d)
  timeout "${RUN_TIMEOUT:-240}" $py -m fastind_model.cli run --device cuda --out "$run_dir" > "$out/run.log" 2>&1
  echo "rc=$? in $(( $(date +%s) - start )) s"
  tail -12 "$out/run.log"
fi
