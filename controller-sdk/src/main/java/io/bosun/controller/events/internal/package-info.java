/** The recorder's implementation: event series, their encoding per API, and the spam filter. */
package io.bosun.controller.events.internal;
