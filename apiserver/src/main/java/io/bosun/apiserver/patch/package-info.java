/**
 * The PATCH types of the Kubernetes API: JSON Patch (RFC 6902), JSON merge patch (RFC 7386) and
 * strategic merge patch, each turning a stored object and a patch document into the new object.
 */
package io.bosun.apiserver.patch;
