/**
 * Where the SDK finds its apiserver and credentials: {@link
 * io.bosun.controller.config.ClusterConfig#load()} reads the kubeconfig named by {@code KUBECONFIG}
 * or {@code ~/.kube/config}, or a pod's service account, and fails with one clear {@link
 * io.bosun.controller.config.ConfigException} when none is usable.
 */
package io.bosun.controller.config;
