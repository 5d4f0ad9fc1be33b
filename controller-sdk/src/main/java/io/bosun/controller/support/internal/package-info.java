/** The helpers' implementation: the caching client and merge-patch computation. */
package io.bosun.controller.support.internal;
