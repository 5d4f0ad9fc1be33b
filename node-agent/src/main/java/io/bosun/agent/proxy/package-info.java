/**
 * The service proxy: every Service's ClusterIP:port (and NodePort on the node's address) accepts
 * TCP connections and forwards them to the Service's ready endpoints, as its EndpointSlices list
 * them, round-robin or sticking to one per client IP.
 */
package io.bosun.agent.proxy;
