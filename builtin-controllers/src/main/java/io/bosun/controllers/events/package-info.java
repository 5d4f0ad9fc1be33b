/** Recording core/v1 Events about the objects controllers act on. */
package io.bosun.controllers.events;
