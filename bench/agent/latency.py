"""Per-request latency to a pod directly and through its Service's ClusterIP (the agent's proxy).

Each request is a new TCP connection with one HTTP/1.0 GET, read to the end: the proxy's cost is
per connection (accept, choose an endpoint, connect, pipe both ways). Direct and proxied requests
alternate, so both see the same machine noise.

Usage: python3 latency.py POD_IP CLUSTER_IP PORT REQUESTS
"""
import socket
import sys
import time


def once(host, port):
    start = time.perf_counter()
    with socket.create_connection((host, port), timeout=5) as conn:
        conn.sendall(b"GET / HTTP/1.0\r\n\r\n")
        while conn.recv(65536):
            pass
    return time.perf_counter() - start


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main():
    pod, cluster_ip, port, requests = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    for _ in range(200):  # warm-up: JIT of the proxy, the pod's first connections
        once(pod, port)
        once(cluster_ip, port)
    direct, proxied = [], []
    for _ in range(requests):
        direct.append(once(pod, port))
        proxied.append(once(cluster_ip, port))
    print(f"{'path':10} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8}")
    for name, samples in (("direct", direct), ("proxy", proxied)):
        print(f"{name:10} " + " ".join(f"{percentile(samples, p) * 1000:8.3f}" for p in (0.5, 0.9, 0.99)))
    added = [percentile(proxied, p) - percentile(direct, p) for p in (0.5, 0.9, 0.99)]
    print(f"{'added':10} " + " ".join(f"{a * 1000:8.3f}" for a in added))


if __name__ == "__main__":
    main()
