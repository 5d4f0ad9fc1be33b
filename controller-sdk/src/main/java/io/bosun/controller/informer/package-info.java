/**
 * Informers: a local cache of one kind (optionally one namespace and selector), kept current by a
 * list and a watch, that tells {@link io.bosun.controller.informer.EventHandler}s about every
 * change. {@link io.bosun.controller.informer.SharedInformers} keeps one informer per kind,
 * namespace and selector in a process, whatever the number of users.
 *
 * <pre>{@code
 * SharedInformers informers = SharedInformers.create(client);
 * Informer<Deployment> deployments =
 *     informers.informer(ResourceDescriptor.of(Deployment.class), InformerOptions.inNamespace("web"));
 * deployments.addHandler(EventHandler.onChange((deployment, origin) -> queue.add(key(deployment))));
 * deployments.whenSynced().await().atMost(Duration.ofSeconds(30));
 * Optional<Deployment> current = deployments.get("web", "frontend");
 * }</pre>
 */
package io.bosun.controller.informer;
