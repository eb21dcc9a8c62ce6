#!/usr/bin/env bash
# A failure sweep in N pieces on Slurm: an array job, one task per shard (SLURM_ARRAY_TASK_ID
# runs 1..N), then `routesim merge parts/*.json` once the array is done, e.g.
#   jobid=$(sbatch --parsable deploy/slurm-sweep.sh topology.yml)
#   sbatch --dependency=afterok:$jobid --wrap "routesim merge parts/part-*.json -o failures.txt"
#SBATCH --job-name=routesim-sweep
#SBATCH --array=1-16
#SBATCH --cpus-per-task=2
#SBATCH --output=parts/slurm-%A_%a.log
set -euo pipefail
TOPOLOGY=${1:?usage: sbatch deploy/slurm-sweep.sh TOPOLOGY}
N=${SLURM_ARRAY_TASK_COUNT:?run as an array job (sbatch --array=1-N)}
mkdir -p parts
routesim failures "$TOPOLOGY" --k 2 --shard "$SLURM_ARRAY_TASK_ID/$N" -o "parts/part-$SLURM_ARRAY_TASK_ID.json"
