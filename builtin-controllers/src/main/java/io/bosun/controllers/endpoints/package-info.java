/**
 * The EndpointSlice controller and the legacy Endpoints controller: for each Service with a
 * selector, the addresses of the pods it selects, ready and not ready, with the ports its
 * targetPorts resolve to on each pod, kept current as pods come and go.
 */
package io.bosun.controllers.endpoints;
