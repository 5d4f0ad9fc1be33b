/**
 * Structural schemas of custom resources: the checks a definition's schema must pass, and the
 * pruning, defaulting and validation of objects, with Kubernetes' field errors.
 */
package io.bosun.apiserver.registry.crd.schema;
