/**
 * Turns an object into the requests it should trigger: {@link
 * io.bosun.controller.handler.RequestMapper}, with the object itself and its controlling owner as
 * ready-made mappings.
 */
package io.bosun.controller.handler;
