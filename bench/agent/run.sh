#!/usr/bin/env bash
# The node agent's figures in docs/benchmarks.md ("Node agent (issue 7)"): the time from `kubectl
# apply` of a 10-replica Deployment to all its pods Ready, and the service proxy's added latency per
# request. Starts its own `bosun server` (agent in-process) on a fresh data directory.
#
# Usage: bench/agent/run.sh [RUNS] [REQUESTS]   (defaults 5 and 2000); needs the packaged server
# (mvn -B -q -pl server -am package -DskipTests) and kubectl.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
requests="${2:-2000}"
kubectl_bin="${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.32}"
dir="$(mktemp -d /tmp/bosun-agent-bench.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')"
k() { "$kubectl_bin" --kubeconfig "$dir/data/kubeconfig" "$@"; }

# Ranges of its own, clear of other servers and agents on the machine.
java -Dbosun.agent.pod-cidr=127.120.0.0/16 -Dbosun.service-cluster-ip-range=127.121.0.0/16 \
  -jar "$root/server/target/quarkus-app/quarkus-run.jar" server --data-dir "$dir/data" \
  --port "$port" >"$dir/server.out" 2>"$dir/server.err" &
server=$!
cleanup() {
  k delete namespace bench --timeout=60s >/dev/null 2>&1 || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

until grep -q "Bosun is ready" "$dir/server.out"; do sleep 0.2; done
until k get nodes -o name 2>/dev/null | grep -q node/; do sleep 0.2; done
k wait --for=condition=Ready node --all --timeout=60s >/dev/null
k create namespace bench >/dev/null

deployment() { # name replicas
  cat <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: $1, namespace: bench}
spec:
  replicas: $2
  selector: {matchLabels: {app: $1}}
  template:
    metadata: {labels: {app: $1}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: http
        image: python:3
        command: [python3, -m, http.server, "8080", --bind, \$(POD_IP)]
        ports: [{containerPort: 8080}]
        readinessProbe:
          tcpSocket: {port: 8080}
          periodSeconds: 1
YAML
}

echo "== apply of a 10-replica Deployment to all pods Ready ($runs runs)"
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  deployment ten 10 | k apply -f - >/dev/null
  k rollout status -n bench deployment/ten --timeout=300s >/dev/null
  end=$(date +%s%N)
  ready=$(k get pods -n bench -l app=ten --no-headers | grep -c "1/1 *Running")
  echo "run $run: $(( (end - start) / 1000000 )) ms ($ready pods 1/1 Running)"
  k delete deployment -n bench ten --wait=true >/dev/null
  k wait --for=delete pod -n bench -l app=ten --timeout=120s >/dev/null 2>&1 || true
done

echo "== service proxy latency ($requests requests each way)"
deployment one 1 | k apply -f - >/dev/null
k expose deployment -n bench one --port 8080 >/dev/null
k rollout status -n bench deployment/one --timeout=120s >/dev/null
pod_ip=$(k get pods -n bench -l app=one -o jsonpath='{.items[0].status.podIP}')
cluster_ip=$(k get service -n bench one -o jsonpath='{.spec.clusterIP}')
until python3 -c "import socket; socket.create_connection(('$cluster_ip', 8080), timeout=1)" 2>/dev/null; do
  sleep 0.2
done
python3 "$root/bench/agent/latency.py" "$pod_ip" "$cluster_ip" 8080 "$requests"
