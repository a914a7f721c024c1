#!/usr/bin/env bash
# A single-node Slurm on this machine (Debian's slurmctld, slurmd, slurm-client and munge), so that
# scripts/slurm/align-array.sbatch is tested for real: .ci/run starts it, submits the array and stops it.
#
#   scripts/slurm/local-cluster.sh start    install what is missing (scripts/install-deps --slurm),
#                                           write /etc/slurm/slurm.conf, start munged, slurmctld, slurmd
#   scripts/slurm/local-cluster.sh stop     stop the three daemons by their PID files
#   scripts/slurm/local-cluster.sh status   sinfo
#
# Needs root. No systemd: the daemons are started directly and daemonise themselves. An
# /etc/slurm/slurm.conf that this script did not write is left alone (start refuses).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
conf=/etc/slurm/slurm.conf
marker="# written by tweetal scripts/slurm/local-cluster.sh"
state=/var/lib/tweetal-slurm
logs=/var/log/tweetal-slurm
pids=(/run/slurm/slurmd.pid /run/slurm/slurmctld.pid /run/munge/munged.pid)

die() { echo "local-cluster: $*" >&2; exit 1; }

start() {
  [ "$(id -u)" -eq 0 ] || die "needs root (it writes /etc/slurm/slurm.conf and starts daemons)"
  bash scripts/install-deps --slurm
  if [ -e "$conf" ] && ! grep -qF "$marker" "$conf"; then
    die "$conf exists and was not written by this script; stop there (this is for a test machine)"
  fi
  mkdir -p /run/munge /run/slurm "$state/ctld" "$state/d" "$logs" /etc/slurm
  chown munge:munge /run/munge
  chmod 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    if command -v mungekey >/dev/null 2>&1; then mungekey --create --force; else
      dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null
    fi
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
  fi
  local host node
  host=$(hostname -s)
  # The node's real CPU layout (else slurmd registers with other numbers and the node drains).
  node=$(slurmd -C | head -n 1)
  case "$node" in NodeName=*) ;; *) die "slurmd -C printed no node line: $node" ;; esac
  local name=${node%% *}
  name=${name#NodeName=}
  cat >"$conf" <<CONF
$marker
ClusterName=tweetal
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=$logs/slurmctld.log
SlurmdLogFile=$logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
# Finished jobs leave the controller at once, so that sbatch --wait returns without its long polls.
MinJobAge=2
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=local Nodes=$name Default=YES MaxTime=INFINITE State=UP
CONF

  if ! pid_alive /run/munge/munged.pid; then runuser -u munge -- /usr/sbin/munged; fi
  if ! pid_alive /run/slurm/slurmctld.pid; then slurmctld; fi
  if ! pid_alive /run/slurm/slurmd.pid; then slurmd; fi
  for _ in $(seq 1 100); do
    if sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
      echo "local-cluster: up ($(sinfo -h -o '%N %c CPUs %T'))"
      return 0
    fi
    sleep 0.1
  done
  sinfo >&2 || true
  tail -n 20 "$logs/slurmctld.log" "$logs/slurmd.log" >&2 || true
  die "the node did not become idle within 10 s (logs above)"
}

pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop() {
  local file pid
  for file in "${pids[@]}"; do
    pid_alive "$file" || continue
    pid=$(cat "$file")
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$file"
  done
  echo "local-cluster: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) sinfo ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 64
    ;;
esac
