/**
 * The Kubernetes REST endpoints: discovery, health, version, OpenAPI, the resource verbs (RESTEasy
 * Reactive) and the watch stream and request filters (Vert.x routes). JAX-RS and Vert.x HTTP types
 * stay in this layer; every failure leaves it as a Kubernetes {@code Status}.
 */
package io.bosun.apiserver.endpoints;
