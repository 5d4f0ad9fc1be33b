/**
 * A reactive Kubernetes client over the Vert.x WebClient: {@link
 * io.bosun.controller.client.KubeClient} gives a {@link io.bosun.controller.client.ResourceClient}
 * for any kind described by a {@link io.bosun.controller.client.ResourceDescriptor} (get, list,
 * watch, create, update, patch, delete, status and scale), typed through the fabric8 model classes
 * or untyped. Failures are typed exceptions carrying the server's Status.
 */
package io.bosun.controller.client;
