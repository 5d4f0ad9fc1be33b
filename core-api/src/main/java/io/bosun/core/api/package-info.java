/**
 * Kubernetes API machinery shared by the apiserver and the SDK: the {@link
 * io.bosun.core.api.Status} error object, its exception and field-level validation errors.
 */
package io.bosun.core.api;
