/**
 * Service address allocation: ClusterIPs from the service range and node ports from the node port
 * range, reserved as storage objects so that concurrent writers on any apiserver never share one.
 */
package io.bosun.apiserver.registry.services;
