/** The informer's implementation: the compact store, the list-and-watch loop and the registry. */
package io.bosun.controller.informer.internal;
