/**
 * Pod networking on one machine: each pod gets its own loopback address ({@link
 * io.bosun.agent.network.PodAddresses}), exported to its processes as {@code POD_IP}.
 */
package io.bosun.agent.network;
