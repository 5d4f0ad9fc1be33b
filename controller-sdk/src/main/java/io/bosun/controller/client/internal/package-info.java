/**
 * The client's implementation: the HTTP transport, paths, retries, error mapping and watch streams.
 */
package io.bosun.controller.client.internal;
