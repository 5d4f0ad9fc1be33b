/**
 * The built-in controllers, one package each, written with the controller SDK as any operator would
 * be. {@link io.bosun.controllers.BuiltinControllers} builds, starts and stops them together.
 */
package io.bosun.controllers;
