/** The manager's implementation: its life cycle, its controller set and its health endpoint. */
package io.bosun.controller.manager.internal;
