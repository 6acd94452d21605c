#!/usr/bin/env bash
# The trainer's CUDA checks in one run, for a machine with an NVIDIA GPU and torch installed:
#   1. the model tests on this torch: tests/model/test_cuda.py on the GPU, the rest on the CPU;
#   2. training throughput fp32-ieee / fp32 (TF32) / fp16 (+GradScaler) / bf16, two model sizes;
#   3. the main job, `fastind-model run --device cuda`, on the embedded synthetic data.
# Usage: [BASE=DIR] bash tools/gpu_check.sh OUT_DIR   (no install step: it uses the python3 on PATH;
# BASE: an older checkout, e.g. `git archive REV | tar -x -C DIR`, timed with the same tool)
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

echo "== tests"
$py -m pytest -q -p no:cacheprovider tests/model 2>&1 | tee "$out/tests.log" | tail -25

echo "== throughput"
# variants: this tree (batches resident on the GPU), this tree with the host DataLoader (pinned
# copies), and, where BASE names a folder with an older checkout, that trainer (same tool)
rows=${ROWS:-400000}
for size in "128 2" "2048 8"; do
  set -- $size
  $py tools/train_throughput.py --device cuda --rows "$rows" --epochs 3 --hidden "$1" --layers "$2" \
    --amp fp32-ieee fp32 fp16 bf16 --json "$out/tp_h$1_resident.json"
  $py tools/train_throughput.py --device cuda --rows "$rows" --epochs 3 --hidden "$1" --layers "$2" \
    --amp fp32 fp16 bf16 --host-loader --json "$out/tp_h$1_host.json"
  if [ -n "${BASE:-}" ]; then
    PYTHONPATH=$BASE $py tools/train_throughput.py --device cuda --rows "$rows" --epochs 3 --hidden "$1" \
      --layers "$2" --amp fp32 fp16 bf16 --json "$out/tp_h$1_base.json"
  fi
done

echo "== fastind-model run --device cuda"
start=$(date +%s)
run_dir=$(mktemp -d)
timeout "${RUN_TIMEOUT:-240}" $py -m fastind_model.cli run --device cuda --out "$run_dir" > "$out/run.log" 2>&1
echo "rc=$? in $(( $(date +%s) - start )) s"
tail -25 "$out/run.log"
ls -la "$run_dir"
