/**
 * The kind registry and the generic store, in the shape of k8s.io/apiserver's registry: one
 * explicit {@link io.bosun.apiserver.registry.KindRegistry} lists every served resource with its
 * names, scope, verbs and {@link io.bosun.apiserver.registry.Strategy}; the {@link
 * io.bosun.apiserver.registry.GenericStore} applies the metadata rules every kind shares and the
 * kind's strategy around each storage call. Nothing here knows HTTP.
 */
package io.bosun.apiserver.registry;
