/**
 * The CDI composition root of the apiserver: starts storage with Quarkus's Vert.x, creates the
 * system namespaces, and produces the registry, store, authenticator and authorizer the endpoints
 * use. Explicit producers, no scanning.
 */
package io.bosun.apiserver.wiring;
